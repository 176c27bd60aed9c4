/**
 * What a bench run collects, the scenarios' names (the keys of its errors), and the table's
 * rows built from it.
 */

import type { FleetStep } from './fleet.js';
import type { RedrawCost } from './redraw.js';
import { type BenchConfig, measured, type Row } from './results.js';
import type { FirstFrames, IdleUsage, LifecycleRun } from './scenarios.js';
import { summarize } from './stats.js';
import { baseline, conmonTui, type Subject, type SubjectKey } from './subjects.js';

/** Every scenario's samples, as the run collects them. */
export interface Collected {
	lifecycle: Partial<Record<SubjectKey, LifecycleRun[]>>;
	firstFrame: Partial<Record<SubjectKey, FirstFrames>>;
	idleSmall: Partial<Record<SubjectKey, IdleUsage>>;
	idleLarge: Partial<Record<SubjectKey, IdleUsage>>;
	keyPresses: number[] | undefined;
	/** Rows 8 and 9: CPU per redraw, in process. */
	redraw: RedrawCost | undefined;
	/** htop's version when it ran beside the programs in the idle windows (bench/htop.ts). */
	htopVersion: string | undefined;
	/** Why a scenario (by name) failed. */
	errors: Map<string, string>;
	setup: FleetStep[];
}

/** A scenario's name, as the log and the errors say it. */
export const scenarioName = {
	lifecycle: (s: Subject) => `rows 1-2 (run → conmon on screen; kill → conmon gone) ${s.label}`,
	firstFrame: (s: Subject, n: number) => `row 6 (first frame, ${n} containers) ${s.label}`,
	idle: (n: number, row: 4 | 5) => `row ${row}${row === 5 ? '/7' : ''} (idle CPU${row === 5 ? ' and memory' : ''}, ${n} running) both programs side by side`,
	keys: (n: number) => `row 3 (Down key → frame, ${n} containers) conmon-tui`,
	redraw: (n: number) => `rows 8-9 (CPU per redraw, ${n} containers, in process) conmon-tui`,
};

/** Rows 4, 5 and 7's extra: htop (tree view) in the same window, and conmon-tui's ratio to it. */
function htopNote(c: Collected, usage: IdleUsage | undefined, mine: IdleUsage | undefined, what: 'cpu' | 'rss'): string {
	if (!c.htopVersion) return ' htop was not available: not measured beside it.';
	if (!usage || !mine) return '';
	const [theirs, ours, unit] = what === 'cpu' ? [usage.cpuPercent, mine.cpuPercent, '%'] : [usage.rssKb / 1024, mine.rssKb / 1024, 'MiB'];
	const digits = what === 'cpu' ? 2 : 1;
	return ` ${c.htopVersion} (\`htop -t\`, tree view, its default 1.5 s delay, same pty size) in the same window: ${theirs.toFixed(digits)} ${unit}; conmon-tui / htop ${(ours / theirs).toFixed(1)}×.`;
}

/** Row 6's extra: when conmon-tui's header also counted every conmon. */
function conmonsNote(samples: number[] | undefined, count: number): string {
	const summary = samples ? summarize(samples) : undefined;
	if (!summary) return '.';
	return `; conmon-tui's header counted all ${count} conmons after p50 ${summary.p50.toFixed(0)} ms, p95 ${summary.p95.toFixed(0)} ms (n ${summary.n}).`;
}

/** The table's rows from what the run collected; a scenario that did not complete says why (or that the run was interrupted). */
export function buildRows(config: BenchConfig, c: Collected, interrupted: boolean): Row[] {
	const why = (name: string): string | undefined => c.errors.get(name) ?? (interrupted ? 'interrupted' : undefined);
	const pair = (samples: (s: Subject) => number[] | undefined, name: (s: Subject) => string) => ({
		conmonTui: measured(samples(conmonTui), why(name(conmonTui)) ?? 'not run'),
		baseline: measured(samples(baseline), why(name(baseline)) ?? 'not run'),
	});
	const windowS = Math.round(config.cpuWindowMs / 1000);
	const kib = (kb: number): number => kb / 1024;
	const optional = (value: number | undefined, unit = (v: number) => v): number[] | undefined => (value === undefined ? undefined : [unit(value)]);
	return [
		{
			row: 1,
			title: '`podman run -d` returned → new conmon on screen',
			unit: 'ms',
			kind: 'latency',
			...pair((s) => c.lifecycle[s.key]?.map((r) => r.runReturnedToShownMs), scenarioName.lifecycle),
			note:
				'From the moment `podman run -d` returned to the first screen showing `└─ conmon <ConmonPid of podman inspect>`. ' +
				"The baseline cannot know conmon PIDs (`podman ps` has none): for it, until the container's ID first appears. " +
				'Each run starts at a random moment (0-1 s after the previous one ended), so that it does not fall at the same phase of a 1 s timer every time. ' +
				'Negative or zero values are legitimate: conmon exists before `run -d` returns, and `ps` lists a container while it is still being started.',
		},
		{
			row: 2,
			title: 'conmon exited → shown exited',
			unit: 'ms',
			kind: 'latency',
			...pair((s) => c.lifecycle[s.key]?.map((r) => r.conmonExitToShownMs), scenarioName.lifecycle),
			note:
				'After `podman kill`, from the moment a 2 ms /proc poller in the bench saw conmon gone or a zombie to the first screen showing ' +
				"`conmon <PID>  ✝ exited` (a zombie's row too; baseline: the container's state `exited`, which podman can report before conmon has finished its cleanup, so its values can be near 0 or below). " +
				`Each kill comes a random 0-1 s after the program is idle (conmon-tui: ${conmonTui.settleMs / 1000} s after the container appeared, past the 3 s of fast /proc scans that follow a change).`,
		},
		{
			row: 3,
			title: `Down key → frame with the moved selection, ${config.keys} containers`,
			unit: 'ms',
			kind: 'latency',
			conmonTui: measured(c.keyPresses, why(scenarioName.keys(config.keys)) ?? 'not run'),
			baseline: { status: 'n/a', reason: 'the baseline has no selection' },
			note:
				`${config.large} running and ${config.keys - config.large} created containers (the created ones never started, so without conmon, and made through podman's REST API, ` +
				'the create `podman --remote create` does: as many `podman create` processes take minutes here). ' +
				'From writing `ESC [ B` to the pty to the first frame whose inverse-video row is another container; 30 presses 150-400 ms apart, after Home. The baseline takes no keys.',
		},
		{
			row: 4,
			title: `idle CPU, ${config.small} running containers`,
			unit: '%',
			kind: 'window',
			...pair(
				(s) => optional(c.idleSmall[s.key]?.cpuPercent),
				() => scenarioName.idle(config.small, 4),
			),
			note:
				`Percent of one core over one ${windowS} s window, after the first frame and a settle, both programs running side by side in the same window: ` +
				'utime+stime of the program and every descendant (`podman events`, `podman ps`...), ' +
				"with children that exited meanwhile counted through their parent's cutime+cstime. " +
				(config.minContainerAgeMs > 0
					? `The window starts once the youngest container is ${Math.round(config.minContainerAgeMs / 1000)} s old, so that no age on screen ticks every second. `
					: '') +
				'A periodic task slower than the window (such as a safety reconcile every few minutes) may or may not fall into it.' +
				htopNote(c, c.idleSmall.htop, c.idleSmall.conmonTui, 'cpu'),
		},
		{
			row: 5,
			title: `idle CPU, ${config.large} running containers`,
			unit: '%',
			kind: 'window',
			...pair(
				(s) => optional(c.idleLarge[s.key]?.cpuPercent),
				() => scenarioName.idle(config.large, 5),
			),
			note: `As row 4.${htopNote(c, c.idleLarge.htop, c.idleLarge.conmonTui, 'cpu')}`,
		},
		{
			row: 6,
			title: `first frame with ${config.small} containers`,
			unit: 'ms',
			kind: 'latency',
			...pair(
				(s) => c.firstFrame[s.key]?.containers,
				(s) => scenarioName.firstFrame(s, config.small),
			),
			note:
				`From spawning \`node <program>\` in the pty to the first screen whose header says "${config.small} containers" with container rows drawn` +
				conmonsNote(c.firstFrame.conmonTui?.conmons, config.small),
		},
		{
			row: 7,
			title: `resident memory, ${config.large} containers`,
			unit: 'MiB',
			kind: 'window',
			...pair(
				(s) => optional(c.idleLarge[s.key]?.rssKb, kib),
				() => scenarioName.idle(config.large, 5),
			),
			note:
				"VmRSS of the program's own (node) process at the end of row 5's window. The baseline is a plain Node script without React or Ink: the floor for any Node TUI." +
				htopNote(c, c.idleLarge.htop, c.idleLarge.conmonTui, 'rss'),
		},
		{
			row: 8,
			title: `CPU per redraw, age tick, ${config.small} containers`,
			unit: 'ms',
			kind: 'latency',
			conmonTui: measured(c.redraw?.tickMs, why(scenarioName.redraw(config.small)) ?? 'not run'),
			baseline: { status: 'n/a', reason: 'measured in process' },
			note:
				"process.cpuUsage() from one frame to the next, in a process of its own (bench/redrawProbe.ts, bundled as the program is: production React, the bundle's string-width and Ink's kept caches) drawing the App on an in-memory 140×40 terminal: " +
				`${config.small} running containers started seconds ago (each with its conmon and a process), so the clock wakes every second and every container's age changes. CPU time, not wall time: a loaded machine stretches it less.`,
		},
		{
			row: 9,
			title: `CPU per redraw, Down key, ${config.small} containers`,
			unit: 'ms',
			kind: 'latency',
			conmonTui: measured(c.redraw?.keyMs, why(scenarioName.redraw(config.small)) ?? 'not run'),
			baseline: { status: 'n/a', reason: 'measured in process' },
			note: 'As row 8, from writing Down to the in-memory stdin to the frame written, half-way between two ticks.',
		},
	];
}
