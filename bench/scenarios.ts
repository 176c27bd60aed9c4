import type { PodmanSandbox } from '../test/helpers/podmanSandbox.js';
import { nowMs, sleep } from './clock.js';
import { cpuPercent, statusKb, treeCpuTicks } from './procUsage.js';
import { ExitWatcher } from './procWatch.js';
import type { Frame, PtyScreen } from './ptyScreen.js';
import type { Subject } from './subjects.js';

/**
 * The measurements, each against a program already built and a sandbox store already
 * filled by the caller. Every function starts its own program in a pty and ends it, and
 * throws (after cleaning up) when something it waits for does not happen in time.
 */

/** Where a scenario runs: the store, and the environment every program gets to see only it. */
export interface BenchContext {
	sandbox: PodmanSandbox;
	env: Record<string, string>;
	/** How long a program may take to draw its first list (longer with hundreds of containers). */
	firstFrameTimeoutMs: number;
	/** nowMs() when the youngest running container was started. */
	youngestStartedAt: number;
}

/** A screen change expected within this long, or the run fails. */
const SCREEN_TIMEOUT_MS = 20_000;
/** Actions land at a random moment: this much uniform jitter is added to every pause. */
const JITTER_MS = 1_000;

const ARROW_DOWN = '\u001B[B';
const HOME = '\u001B[H';

function jitter(): number {
	return Math.random() * JITTER_MS;
}

/** Starts `subject` and waits until it draws `count` containers. */
async function startAndWaitForList(ctx: BenchContext, subject: Subject, count: number): Promise<{ screen: PtyScreen; frame: Frame }> {
	const screen = subject.spawn(ctx.env, ctx.sandbox.image);
	try {
		const frame = await screen.waitForFrame(`${count} containers drawn`, subject.showsCount(count), {
			since: screen.spawnedAt,
			timeoutMs: ctx.firstFrameTimeoutMs,
		});
		return { screen, frame };
	} catch (error) {
		await screen.stop();
		throw error;
	}
}

/** One run of rows 1 and 2. */
export interface LifecycleRun {
	id: string;
	conmonPid: number;
	containerPid: number;
	/** Row 1: from `podman run -d` returning to the screen showing it (ms; negative: shown before run returned). */
	runReturnedToShownMs: number;
	/** How long `podman run -d` itself took. */
	runMs: number;
	/** Row 2: from conmon's exit (seen by the /proc watcher) to the screen showing the end. */
	conmonExitToShownMs: number;
	/** The same end on screen, from the container's first process's exit. */
	containerExitToShownMs: number;
	/** How the watcher first saw conmon end. */
	conmonEndSeenAs: 'gone' | 'zombie';
	/** From the container's death to its conmon's exit (podman's cleanup runs in between). */
	conmonLingerMs: number;
}

/**
 * Rows 1 and 2, `runs` times: at a random moment, `podman run -d` a container (row 1: until
 * its conmon — or, for the baseline, its ID — is on screen); wait until the program is
 * idle; `podman kill` it (row 2: from conmon's exit, seen by a 2 ms /proc watcher, until
 * the screen shows it gone or exited); remove it, so that the store stays as it was.
 */
export async function lifecycleLatency(ctx: BenchContext, subject: Subject, runs: number, listed = 0): Promise<LifecycleRun[]> {
	const { sandbox } = ctx;
	// `listed`: the containers already in the store (the scale row runs these among 500).
	const { screen } = await startAndWaitForList(ctx, subject, listed);
	const watcher = new ExitWatcher();
	const results: LifecycleRun[] = [];
	// The container of the run in progress: removed on the way out if a run fails half-way.
	let current: string | undefined;
	try {
		await sleep(subject.settleMs);
		for (let i = 0; i < runs; i++) {
			// A random moment, else each run would start at the same phase of the program's timers.
			await sleep(jitter());
			const before = nowMs();
			screen.forget(before);
			const id = (await sandbox.podman(['run', '-d', sandbox.image, 'sleep', 'infinity'], { timeoutMs: 60_000 })).stdout.trim();
			const returned = nowMs();
			current = id;
			const state = (await sandbox.inspect(id)).State;
			const conmonPid = state.ConmonPid ?? 0;
			if (!(conmonPid > 0) || !(state.Pid > 0)) throw new Error(`podman inspect ${id}: no ConmonPid/Pid (${JSON.stringify(state)})`);
			const facts = { id, conmonPid };
			const shown = await screen.waitForFrame(`new container ${id.slice(0, 12)} (conmon ${conmonPid})`, subject.showsNewContainer(facts), {
				since: before,
				timeoutMs: SCREEN_TIMEOUT_MS,
			});

			await sleep(subject.settleMs + jitter());
			const conmonEnd = watcher.watch(conmonPid);
			const containerEnd = watcher.watch(state.Pid);
			const killedAt = nowMs();
			screen.forget(killedAt);
			await sandbox.podman(['kill', id], { timeoutMs: 60_000 });
			const [conmonGone, containerGone] = await Promise.all([conmonEnd, containerEnd]);
			const ended = await screen.waitForFrame(`end of ${id.slice(0, 12)} (conmon ${conmonPid})`, subject.showsExited(facts), {
				since: killedAt,
				timeoutMs: SCREEN_TIMEOUT_MS,
			});
			results.push({
				id,
				conmonPid,
				containerPid: state.Pid,
				runReturnedToShownMs: shown.at - returned,
				runMs: returned - before,
				conmonExitToShownMs: ended.at - conmonGone.at,
				containerExitToShownMs: ended.at - containerGone.at,
				conmonEndSeenAs: conmonGone.how,
				conmonLingerMs: conmonGone.at - containerGone.at,
			});
			await sandbox.podman(['rm', '-f', '-t', '0', id], { timeoutMs: 60_000 });
			current = undefined;
		}
		return results;
	} finally {
		await watcher.stop();
		await screen.stop();
		if (current) await sandbox.podman(['rm', '-f', '-t', '0', current], { reject: false, timeoutMs: 60_000 }).catch(() => undefined);
	}
}

/** The 12-hex short ID in a container row. */
function rowId(row: string | undefined): string | undefined {
	return row === undefined ? undefined : /\b[0-9a-f]{12}\b/.exec(row)?.[0];
}

/**
 * Row 3: with `count` containers listed, press Home, then Down `presses` times (at random
 * moments, 150-400 ms apart) and time each from the write to the pty until a frame shows
 * the selection (the inverse-video row) on another container.
 */
export async function keyLatency(ctx: BenchContext, subject: Subject, count: number, presses: number): Promise<number[]> {
	const { screen } = await startAndWaitForList(ctx, subject, count);
	const samples: number[] = [];
	try {
		// Start from the first container, whatever the program selected (it may have re-sorted
		// the list under its selection while loading), so that every Down can move.
		await sleep(subject.settleMs);
		// The screen as it is now counts too: if the first container is already selected, Home changes nothing and no frame follows.
		const current = screen.latest()?.at ?? 0;
		screen.press(HOME);
		await screen.waitForFrame(
			'the first container selected',
			(f) => {
				const selected = rowId(f.selected);
				return selected !== undefined && selected === rowId(f.text.split('\n').find((line) => rowId(line) !== undefined));
			},
			{ since: current, timeoutMs: SCREEN_TIMEOUT_MS },
		);
		for (let i = 0; i < presses; i++) {
			await sleep(150 + Math.random() * 250);
			const from = rowId(screen.latest()?.selected);
			const pressedAt = screen.press(ARROW_DOWN);
			screen.forget(pressedAt);
			const moved = await screen.waitForFrame(
				`selection to move off ${from ?? '?'} (press ${i + 1})`,
				(f) => {
					const to = rowId(f.selected);
					return to !== undefined && to !== from;
				},
				{ since: pressedAt, timeoutMs: SCREEN_TIMEOUT_MS },
			);
			samples.push(moved.at - pressedAt);
		}
		return samples;
	} finally {
		await screen.stop();
	}
}

/** Row 6: from spawning the process to the list on screen, per launch. */
export interface FirstFrames {
	/** To the first screen with the `count` containers drawn. */
	containers: number[];
	/** To the first screen counting `count` live conmons (programs that show conmons only). */
	conmons: number[] | undefined;
}

/** Row 6: `runs` launches, each timed from spawning the process to the list of `count` (running) containers on screen. */
export async function firstFrame(ctx: BenchContext, subject: Subject, count: number, runs: number): Promise<FirstFrames> {
	const result: FirstFrames = { containers: [], conmons: subject.showsConmons ? [] : undefined };
	for (let i = 0; i < runs; i++) {
		const { screen, frame } = await startAndWaitForList(ctx, subject, count);
		try {
			result.containers.push(frame.at - screen.spawnedAt);
			if (subject.showsConmons && result.conmons) {
				const conmons = await screen.waitForFrame(`${count} conmons drawn`, subject.showsConmons(count), {
					since: screen.spawnedAt,
					timeoutMs: ctx.firstFrameTimeoutMs,
				});
				result.conmons.push(conmons.at - screen.spawnedAt);
			}
		} finally {
			await screen.stop();
		}
		// Let the exited program's podman children and the pty go before the next launch.
		await sleep(300);
	}
	return result;
}

/** Rows 4, 5 and 7: what an idle program costs. */
export interface IdleUsage {
	/** CPU of the program and all its descendants, percent of one core, over the window. */
	cpuPercent: number;
	windowMs: number;
	/** VmRSS of the program's own process at the end of the window, kB. */
	rssKb: number;
	/** Its peak (VmHWM), kB. */
	hwmKb: number;
	/** VmRSS summed over the process and its descendants alive at the end, kB. */
	treeRssKb: number;
	/** Processes in the tree (the program included) at the start and the end. */
	processesAtStart: number;
	processesAtEnd: number;
}

/**
 * Rows 4/5 (and 7): start the programs on `count` containers — side by side, so that both
 * see the same machine noise in the same window; neither causes podman events, and CPU
 * time is counted per process — let them settle (and the youngest container reach
 * `minContainerAgeMs`), then sample utime+stime(+reaped children) of each one's process
 * tree at the start and the end of a `windowMs` window, and its memory at the end.
 */
export async function idleUsage(
	ctx: BenchContext,
	subjects: readonly Subject[],
	count: number,
	windowMs: number,
	minContainerAgeMs: number,
): Promise<Partial<Record<Subject['key'], IdleUsage>>> {
	const screens: PtyScreen[] = [];
	try {
		const started = await Promise.allSettled(subjects.map((subject) => startAndWaitForList(ctx, subject, count)));
		for (const result of started) if (result.status === 'fulfilled') screens.push(result.value.screen);
		const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
		if (failed) throw failed.reason;
		await sleep(Math.max(...subjects.map((s) => s.settleMs)) + 500);
		await sleep(Math.max(0, ctx.youngestStartedAt + minContainerAgeMs - nowMs()));
		const starts = screens.map((screen) => treeCpuTicks(screen.pid));
		const startedAt = nowMs();
		await sleep(windowMs);
		const ends = screens.map((screen) => treeCpuTicks(screen.pid));
		const wall = nowMs() - startedAt;
		const usage: Partial<Record<Subject['key'], IdleUsage>> = {};
		subjects.forEach((subject, i) => {
			const pid = screens[i]?.pid ?? 0;
			const start = starts[i];
			const end = ends[i];
			const rssKb = statusKb(pid, 'VmRSS');
			const hwmKb = statusKb(pid, 'VmHWM');
			if (!start || !end || rssKb === undefined || hwmKb === undefined) throw new Error(`${subject.label} exited during the CPU window`);
			usage[subject.key] = {
				cpuPercent: cpuPercent(start, end, wall),
				windowMs: wall,
				rssKb,
				hwmKb,
				treeRssKb: end.pids.reduce((sum, p) => sum + (statusKb(p, 'VmRSS') ?? 0), 0),
				processesAtStart: start.pids.length,
				processesAtEnd: end.pids.length,
			};
		});
		return usage;
	} finally {
		await Promise.all(screens.map((screen) => screen.stop()));
	}
}
