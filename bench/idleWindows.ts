import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nowMs, sleep } from './clock.js';
import { loadAverage } from './machine.js';
import { CLOCK_TICKS_PER_SECOND, treeCpuTicks } from './procUsage.js';
import type { PtyScreen } from './ptyScreen.js';
import type { BenchContext } from './scenarios.js';
import { summarize } from './stats.js';
import { conmonTuiWith, htop, type Subject } from './subjects.js';

/** One program of the side-by-side idle windows. */
export interface IdleVariant {
	name: string;
	subject: Subject;
	/** Ends it with `q` (a CPU profile is written only when node exits by itself). */
	quitWithKey: boolean;
}

/**
 * The variants of `bench:parts idle-windows`: this build, `before` (another build's cli.js) when
 * given, this build under `--cpu-prof` into `profileDir` when given (and `beforeProfiled`, the
 * before build with its functions' names, beside it: the two profiles over the same windows, in
 * profileDir/after and profileDir/before), and htop when installed.
 */
export function idleVariants(before: string | undefined, profileDir: string | undefined, withHtop: boolean, beforeProfiled?: string): IdleVariant[] {
	const variants: IdleVariant[] = [{ name: 'after', subject: conmonTuiWith('conmon-tui (after)', [], {}), quitWithKey: false }];
	if (before) variants.push({ name: 'before', subject: conmonTuiWith('conmon-tui (before)', [], {}, before), quitWithKey: false });
	if (profileDir) {
		const profiling = (dir: string): string[] => {
			mkdirSync(dir, { recursive: true });
			return ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '500'];
		};
		// The copy with its functions' names (scripts/bundle.mjs --profile), when built.
		const named = fileURLToPath(new URL('../profile-bundle/cli.js', import.meta.url));
		const program = existsSync(named) ? named : undefined;
		const dir = beforeProfiled ? path.join(profileDir, 'after') : profileDir;
		variants.push({ name: 'profiled', subject: conmonTuiWith('conmon-tui (--cpu-prof)', profiling(dir), {}, program), quitWithKey: true });
		if (beforeProfiled) {
			const subject = conmonTuiWith('conmon-tui (before, --cpu-prof)', profiling(path.join(profileDir, 'before')), {}, beforeProfiled);
			variants.push({ name: 'profiled-before', subject, quitWithKey: true });
		}
	}
	if (withHtop) variants.push({ name: 'htop', subject: htop, quitWithKey: false });
	return variants;
}

/** One window: each variant's CPU (% of a core, its process alone and with its children), the load around it. */
interface IdleWindow {
	phase: 'ticking' | 'settled';
	/** Age of the youngest container at the window's start, s. */
	youngestAgeS: number;
	wallMs: number;
	loadAtStart: number;
	loadAtEnd: number;
	ownPercent: Record<string, number>;
	treePercent: Record<string, number>;
}

/**
 * The variants side by side in one pty each, over the same containers: `windows` windows of
 * `windowMs` while the youngest container is under a minute old (ages tick every second; skipped
 * when there is no room left in that minute), then `windows` windows once every container is
 * older than `settledAgeMs`. CPU from /proc/PID/stat (utime + stime of every thread, 10 ms ticks):
 * the process's own, and with its children (podman). Medians per phase and variant.
 */
export async function idleWindows(ctx: BenchContext, variants: readonly IdleVariant[], count: number, windows: number, windowMs: number, settledAgeMs: number) {
	const screens: PtyScreen[] = [];
	try {
		for (const { subject } of variants) {
			const screen = subject.spawn(ctx.env, ctx.sandbox.image);
			screens.push(screen);
			await screen.waitForFrame(`${count} containers drawn`, subject.showsCount(count), { since: screen.spawnedAt, timeoutMs: ctx.firstFrameTimeoutMs });
		}
		// The start's burst of /proc scans (3 s after the last sign of change) is over.
		await sleep(4_000);
		const results: IdleWindow[] = [];
		const window = async (phase: IdleWindow['phase']): Promise<void> => {
			const youngestAgeS = (nowMs() - ctx.youngestStartedAt) / 1000;
			const loadAtStart = loadAverage()[0] ?? Number.NaN;
			const starts = screens.map((screen) => treeCpuTicks(screen.pid));
			const startedAt = nowMs();
			await sleep(windowMs);
			const ends = screens.map((screen) => treeCpuTicks(screen.pid));
			const wallMs = nowMs() - startedAt;
			const ownPercent: Record<string, number> = {};
			const treePercent: Record<string, number> = {};
			variants.forEach(({ name }, i) => {
				const start = starts[i];
				const end = ends[i];
				if (!start || !end) throw new Error(`${name} exited during an idle window`);
				const percent = (ticks: number) => (((ticks / CLOCK_TICKS_PER_SECOND) * 1000) / wallMs) * 100;
				ownPercent[name] = percent(end.ownTicks - start.ownTicks);
				treePercent[name] = percent(end.ticks - start.ticks);
			});
			results.push({ phase, youngestAgeS, wallMs, loadAtStart, loadAtEnd: loadAverage()[0] ?? Number.NaN, ownPercent, treePercent });
		};
		for (let i = 0; i < windows && nowMs() - ctx.youngestStartedAt + windowMs < 59_000; i++) await window('ticking');
		await sleep(Math.max(0, ctx.youngestStartedAt + settledAgeMs - nowMs()));
		for (let i = 0; i < windows; i++) await window('settled');
		const medians: Record<string, Record<string, unknown>> = {};
		for (const phase of ['ticking', 'settled'] as const) {
			const inPhase = results.filter((w) => w.phase === phase);
			if (inPhase.length === 0) continue;
			medians[phase] = {
				load: summarize(inPhase.map((w) => w.loadAtStart)),
				...Object.fromEntries(
					variants.map(({ name }) => [
						name,
						{ own: summarize(inPhase.map((w) => w.ownPercent[name] ?? Number.NaN)), tree: summarize(inPhase.map((w) => w.treePercent[name] ?? Number.NaN)) },
					]),
				),
			};
		}
		return { windowMs, windows: results, medians };
	} finally {
		variants.forEach(({ quitWithKey }, i) => {
			if (quitWithKey) screens[i]?.press('q');
		});
		await Promise.race([Promise.all(variants.map(({ quitWithKey }, i) => (quitWithKey ? screens[i]?.exited : undefined))), sleep(8_000)]);
		await Promise.all(screens.map((screen) => screen.stop()));
	}
}
