#!/usr/bin/env node
/**
 * `npm run bench:parts -- --containers N PART...`: some of the bench's measurements, on N running
 * containers in a private sandbox store, without the whole (long) `npm run bench`. Prints one JSON
 * object (raw numbers, the load beside them) and writes it to bench/results/parts-<date>.json; never
 * writes bench/RESULTS.md. The sandbox is removed on every way out.
 *
 * Parts:
 * - `first-frame`: row 6 for conmon-tui (`--runs` launches, default 10); with `--before PROGRAM`
 *   (another build's cli.js), launches of the two take turns, for a before/after on the same load.
 * - `idle`: rows 4/7 side by side with htop (tree view, same pty size): CPU of each process tree
 *   over one window (`--window` s, default 30) once every container is a minute old, and VmRSS.
 * - `keys`: row 3, Down → frame (`--runs` presses).
 * - `lifecycle`: rows 1/2 with the N containers listed (`--runs` runs); on screen means the header
 *   counting N + 1 live conmons (then N again), as the new row may be out of the window.
 * - `memory`: conmon-tui with bench/memoryProbe.ts imported: process.memoryUsage() and V8's heap
 *   spaces, `--settle` s (default 10) after the first frame; with `--before`, that build beside it.
 * - `heap`: a V8 heap snapshot (`--heapsnapshot-signal`) `--settle` s after the first frame, into
 *   bench/results/ (read with Chrome's DevTools Memory tab).
 * - `profile`: one launch with `node --cpu-prof` into bench/results/ (the start, read with any
 *   .cpuprofile viewer), ended 3 s after the first frame.
 * - `idle-windows`: this build (with `--before`, that build too; with `--profile`, a third copy
 *   under `--cpu-prof`, and with `--before-profiled PROGRAM`, the before build's copy with names
 *   under `--cpu-prof` beside it; htop when installed) side by side: `--windows` windows (default 5) of
 *   `--window` s while ages tick, then as many once every container is 61 s old; medians of the
 *   process's own CPU and with its children (bench/idleWindows.ts). Read a profile with
 *   `node dist/bench/profileSummary.js FILE --from S`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPodmanSandbox, type PodmanSandbox } from '../test/helpers/podmanSandbox.js';
import { nowMs, sleep } from './clock.js';
import { addRunningContainers, countContainers } from './fleet.js';
import { ensureHtop } from './htop.js';
import { idleVariants, idleWindows } from './idleWindows.js';
import { loadAverage, sampleLoad } from './machine.js';
import type { MemoryReading } from './memoryProbe.js';
import { treeCpuTicks } from './procUsage.js';
import { PtyScreen } from './ptyScreen.js';
import { type BenchContext, firstFrame, idleUsage, keyLatency, lifecycleLatency } from './scenarios.js';
import { summarize } from './stats.js';
import { conmonTui, conmonTuiWith, htop, type Subject } from './subjects.js';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RESULTS_DIR = path.join(PROJECT_ROOT, 'bench', 'results');
const PARTS = ['first-frame', 'idle', 'keys', 'lifecycle', 'memory', 'heap', 'profile', 'idle-windows'] as const;
type Part = (typeof PARTS)[number];

const started = nowMs();
function log(message: string): void {
	process.stderr.write(`[${((nowMs() - started) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
}

function parseArgs(argv: readonly string[]): {
	containers: number;
	runs: number;
	windowMs: number;
	parts: Part[];
	before: string | undefined;
	beforeProfiled: string | undefined;
	settleMs: number;
	windows: number;
	profiled: boolean;
} {
	let windows = 5;
	let profiled = false;
	let before: string | undefined;
	let beforeProfiled: string | undefined;
	let settleMs = 10_000;
	let containers = 50;
	let runs = 10;
	let windowMs = 30_000;
	const parts: Part[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] ?? '';
		const value = Number(argv[i + 1]);
		if (arg === '--containers' && Number.isInteger(value)) containers = value;
		else if (arg === '--runs' && Number.isInteger(value)) runs = value;
		else if (arg === '--window' && Number.isFinite(value)) windowMs = value * 1000;
		else if (arg === '--settle' && Number.isFinite(value)) settleMs = value * 1000;
		else if (arg === '--windows' && Number.isInteger(value)) windows = value;
		else if (arg === '--profile') {
			profiled = true;
			continue;
		} else if (arg === '--before' && argv[i + 1]) before = path.resolve(argv[i + 1] ?? '');
		else if (arg === '--before-profiled' && argv[i + 1]) beforeProfiled = path.resolve(argv[i + 1] ?? '');
		else if ((PARTS as readonly string[]).includes(arg)) {
			parts.push(arg as Part);
			continue;
		} else {
			process.stderr.write(`bench parts: unknown argument ${arg}; usage: --containers N [--runs R] [--window S] ${PARTS.join('|')}...\n`);
			process.exit(2);
		}
		i++;
	}
	// The before build's readable copy is for its profile: given without --profile it would be ignored.
	if (beforeProfiled !== undefined && !profiled) {
		process.stderr.write('bench parts: --before-profiled needs --profile (it is the before build run under the profiler)\n');
		process.exit(2);
	}
	return { containers, runs, windowMs, parts, before, beforeProfiled, settleMs, windows, profiled };
}

function benchEnv(sandbox: PodmanSandbox): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
	for (const key of ['CI', 'NODE_ENV', 'CONTAINER_HOST', 'CONTAINER_CONNECTION', 'CONTAINERS_CONF_OVERRIDE']) delete env[key];
	return { ...env, ...sandbox.env };
}

/**
 * conmon-tui with the memory probe (and `before`, another build, beside it in the same window):
 * one reading each `settleMs` after the first frame.
 */
async function memory(ctx: BenchContext, count: number, settleMs: number, before: string | undefined) {
	const probe = fileURLToPath(new URL('./memoryProbe.js', import.meta.url));
	const variants = [{ name: 'after', program: undefined as string | undefined }, ...(before ? [{ name: 'before', program: before }] : [])];
	const runs = variants.map(({ name, program }) => {
		const file = path.join(ctx.sandbox.dir, `memory-${name}.json`);
		const subject = conmonTuiWith(`conmon-tui (memory probe, ${name})`, ['--import', probe], { BENCH_MEMORY_FILE: file }, program);
		return { name, file, subject, screen: subject.spawn(ctx.env, ctx.sandbox.image) };
	});
	try {
		for (const { subject, screen } of runs) {
			await screen.waitForFrame(`${count} containers`, subject.showsCount(count), { since: screen.spawnedAt, timeoutMs: ctx.firstFrameTimeoutMs });
		}
		await sleep(settleMs);
		// The pty's child is node itself (spawned directly, no shell).
		for (const { screen } of runs) process.kill(screen.pid, 'SIGUSR2');
		await sleep(500);
		const readings: Record<string, MemoryReading & { vmRssKb: number }> = {};
		for (const { name, file, screen } of runs) {
			const status = readFileSync(`/proc/${screen.pid}/status`, 'latin1');
			readings[name] = { ...(JSON.parse(readFileSync(file, 'utf8')) as MemoryReading), vmRssKb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) };
		}
		return { settleMs, readings };
	} finally {
		await Promise.all(runs.map(({ screen }) => screen.stop()));
	}
}

/** One launch with `--heapsnapshot-signal`: a heap snapshot `settleMs` after the first frame. */
async function heapSnapshot(ctx: BenchContext, count: number, settleMs: number): Promise<string> {
	const dir = path.join(RESULTS_DIR, `heap-${new Date().toISOString().replace(/[:.]/g, '-')}`);
	mkdirSync(dir, { recursive: true });
	const subject = conmonTuiWith('conmon-tui (heap snapshot)', ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`], {});
	const screen = subject.spawn(ctx.env, ctx.sandbox.image);
	try {
		await screen.waitForFrame(`${count} containers`, subject.showsCount(count), { since: screen.spawnedAt, timeoutMs: ctx.firstFrameTimeoutMs });
		await sleep(settleMs);
		process.kill(screen.pid, 'SIGUSR2');
		// Writing a snapshot of some 30 MiB of heap takes a few seconds on a busy machine.
		await sleep(8_000);
	} finally {
		await screen.stop();
	}
	return dir;
}

/** One launch under `node --cpu-prof`, ended 3 s after its first frame: the profile is written at exit. */
async function profile(ctx: BenchContext, count: number): Promise<string> {
	const dir = path.join(RESULTS_DIR, `profile-${new Date().toISOString().replace(/[:.]/g, '-')}`);
	mkdirSync(dir, { recursive: true });
	const subject = conmonTuiWith('conmon-tui (--cpu-prof)', ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200'], {});
	const screen = subject.spawn(ctx.env, ctx.sandbox.image);
	try {
		const frame = await screen.waitForFrame(`${count} containers`, subject.showsCount(count), { since: screen.spawnedAt, timeoutMs: ctx.firstFrameTimeoutMs });
		log(`profiled launch: first frame after ${Math.round(frame.at - screen.spawnedAt)} ms`);
		await sleep(3_000);
		// q, not a signal: node writes the profile when the program exits by itself.
		screen.press('q');
		await Promise.race([screen.exited, sleep(5_000)]);
	} finally {
		await screen.stop();
	}
	return dir;
}

/**
 * One launch to its first frame with `count` containers: the wall time, and the CPU time (ms) the
 * program and its children (podman) had used when that frame arrived — less sensitive to a
 * shared machine's load than the wall time.
 */
async function launchToFrame(ctx: BenchContext, subject: Subject, count: number): Promise<{ wallMs: number; cpuMs: number; ownCpuMs: number }> {
	const screen = subject.spawn(ctx.env, ctx.sandbox.image);
	try {
		const frame = await screen.waitForFrame(`${count} containers`, subject.showsCount(count), { since: screen.spawnedAt, timeoutMs: ctx.firstFrameTimeoutMs });
		const tree = treeCpuTicks(screen.pid);
		const own = ownCpuTicks(screen.pid);
		return { wallMs: frame.at - screen.spawnedAt, cpuMs: (tree?.ticks ?? Number.NaN) * 10, ownCpuMs: own * 10 };
	} finally {
		await screen.stop();
		await sleep(300);
	}
}

/** utime + stime of the process alone, clock ticks. */
function ownCpuTicks(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return Number(fields[11]) + Number(fields[12]);
}

/** Row 6 for this build and `before`, one launch of each in turn, with the CPU used by the first frame. */
async function firstFramesBeforeAfter(ctx: BenchContext, count: number, runs: number, before: string) {
	const older = conmonTuiWith('conmon-tui (before)', [], {}, before);
	const runsOf: { before: Awaited<ReturnType<typeof launchToFrame>>[]; after: Awaited<ReturnType<typeof launchToFrame>>[] } = { before: [], after: [] };
	for (let i = 0; i < runs; i++) {
		runsOf.before.push(await launchToFrame(ctx, older, count));
		runsOf.after.push(await launchToFrame(ctx, conmonTui, count));
	}
	const summary = (list: typeof runsOf.before) => ({
		wallMs: summarize(list.map((r) => r.wallMs)),
		cpuMs: summarize(list.map((r) => r.cpuMs)),
		ownCpuMs: summarize(list.map((r) => r.ownCpuMs)),
	});
	return { ...runsOf, before: summary(runsOf.before), after: summary(runsOf.after), raw: runsOf };
}

async function main(): Promise<number> {
	const { containers, runs, windowMs, parts, before, beforeProfiled, settleMs, windows, profiled } = parseArgs(process.argv.slice(2));
	const load = sampleLoad();
	const out: Record<string, unknown> = { date: new Date().toISOString(), containers, runs, loadAtStart: loadAverage() };
	let sandbox: PodmanSandbox | undefined;
	const cleanUp = async (): Promise<void> => {
		await Promise.all([...PtyScreen.live].map((screen) => screen.stop(2_000)));
		const s = sandbox;
		sandbox = undefined;
		if (s) await s.dispose();
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => {
			log(`${signal}: cleaning up`);
			void cleanUp().finally(() => process.exit(130));
		});
	}
	try {
		sandbox = await createPodmanSandbox();
		log(`sandbox ${sandbox.dir}; adding ${containers} running containers…`);
		const step = await addRunningContainers(sandbox, containers);
		log(`${step.what}: ${(step.ms / 1000).toFixed(1)} s`);
		out['setup'] = step;
		const ctx: BenchContext = { sandbox, env: benchEnv(sandbox), firstFrameTimeoutMs: 120_000, youngestStartedAt: nowMs() };
		for (const part of parts) {
			log(`${part}…`);
			const at = loadAverage();
			let result: unknown;
			if (part === 'first-frame' && before) result = await firstFramesBeforeAfter(ctx, containers, runs, before);
			else if (part === 'first-frame') {
				const frames = await firstFrame(ctx, conmonTui, containers, runs);
				result = { ...frames, summary: summarize(frames.containers), conmonsSummary: summarize(frames.conmons ?? []) };
			} else if (part === 'idle') {
				const version = await ensureHtop(log);
				result = { htop: version, ...(await idleUsage(ctx, version ? [conmonTui, htop] : [conmonTui], containers, windowMs, 61_000)) };
			} else if (part === 'keys') {
				const samples = await keyLatency(ctx, conmonTui, containers, runs);
				result = { samples, summary: summarize(samples) };
			} else if (part === 'lifecycle') {
				// Among hundreds the new container's row may be below the window: the header's count of live conmons says it.
				const counted = conmonTui.showsConmons ?? (() => () => false);
				const byCount: Subject = { ...conmonTui, showsNewContainer: () => counted(containers + 1), showsExited: () => counted(containers) };
				const lifecycle = await lifecycleLatency(ctx, containers > 0 ? byCount : conmonTui, runs, containers);
				result = {
					runs: lifecycle,
					runToScreen: summarize(lifecycle.map((r) => r.runReturnedToShownMs)),
					exitToScreen: summarize(lifecycle.map((r) => r.conmonExitToShownMs)),
				};
			} else if (part === 'memory') result = await memory(ctx, containers, settleMs, before);
			else if (part === 'idle-windows') {
				const profileDir = profiled ? path.join(RESULTS_DIR, `idle-profile-${new Date().toISOString().replace(/[:.]/g, '-')}`) : undefined;
				const variants = idleVariants(before, profileDir, (await ensureHtop(log)) !== undefined, beforeProfiled);
				result = { profileDir, ...(await idleWindows(ctx, variants, containers, windows, windowMs, 61_000)) };
			} else if (part === 'heap') result = await heapSnapshot(ctx, containers, settleMs);
			else result = await profile(ctx, containers);
			out[part] = { loadAtStart: at, loadAtEnd: loadAverage(), result };
			log(`${part}: ${JSON.stringify(result).slice(0, 400)}`);
		}
		const check = await countContainers(sandbox);
		out['containersAtEnd'] = check;
	} catch (error) {
		out['failure'] = error instanceof Error ? error.message : String(error);
		log(`FAILED: ${String(out['failure'])}`);
	} finally {
		log('removing the sandbox…');
		await cleanUp();
	}
	out['load'] = load.stop();
	out['loadAtEnd'] = loadAverage();
	mkdirSync(RESULTS_DIR, { recursive: true });
	const json = `${JSON.stringify(out, null, '\t')}\n`;
	writeFileSync(path.join(RESULTS_DIR, `parts-${String(out['date']).replace(/[:.]/g, '-')}.json`), json);
	process.stdout.write(json);
	return out['failure'] === undefined ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		log(`unexpected: ${String(error)}`);
		process.exit(1);
	},
);
