import type { FleetStep } from './fleet.js';
import type { MachineInfo } from './machine.js';
import type { RedrawCost } from './redraw.js';
import type { FirstFrames, IdleUsage, LifecycleRun } from './scenarios.js';
import { type Summary, summarize } from './stats.js';
import type { SubjectKey } from './subjects.js';

/** The shape of bench/results/latest.json: every raw number behind the table. */

/** How much of everything a run does: `--quick` is a smoke check, the default the real benchmark. */
export interface BenchConfig {
	mode: 'full' | 'quick';
	/** Runs of rows 1 and 2 per program. */
	lifecycleRuns: number;
	/** Down presses of row 3. */
	keyPresses: number;
	/** Launches of row 6 per program. */
	firstFrameRuns: number;
	/** Running containers for rows 4 and 6. */
	small: number;
	/** Running containers for rows 5 and 7. */
	large: number;
	/** Containers listed for row 3: the `large` running ones plus created (never started) ones. */
	keys: number;
	/** The CPU window of rows 4 and 5. */
	cpuWindowMs: number;
	/**
	 * Rows 4/5 start their window only once the youngest container is this old, so that its
	 * age on screen counts minutes: a container started seconds ago has an age ticking every
	 * second, which is not idle.
	 */
	minContainerAgeMs: number;
}

export const FULL: BenchConfig = {
	mode: 'full',
	lifecycleRuns: 20,
	keyPresses: 30,
	firstFrameRuns: 20,
	small: 50,
	large: 200,
	keys: 500,
	cpuWindowMs: 30_000,
	minContainerAgeMs: 61_000,
};
export const QUICK: BenchConfig = {
	mode: 'quick',
	lifecycleRuns: 3,
	keyPresses: 3,
	firstFrameRuns: 3,
	small: 5,
	large: 10,
	keys: 10,
	cpuWindowMs: 5_000,
	minContainerAgeMs: 0,
};

/** One program's result on one row. */
export type Measurement = { status: 'ok'; samples: number[]; summary: Summary } | { status: 'failed'; error: string } | { status: 'n/a'; reason: string };

export interface Row {
	row: number;
	title: string;
	unit: 'ms' | '%' | 'MiB';
	/** Latency rows have many samples (p50/p95); the others one window each. */
	kind: 'latency' | 'window';
	conmonTui: Measurement;
	baseline: Measurement;
	note: string;
}

export interface BenchResults {
	date: string;
	/** conmon-tui's program, relative to the project root. */
	program: string;
	config: BenchConfig;
	machine: MachineInfo;
	rows: Row[];
	/** What preparing and clearing the store took (not part of any measurement). */
	setup: FleetStep[];
	/** Per-run details behind rows 1-2 and 4-7. */
	raw: {
		lifecycle: Partial<Record<SubjectKey, LifecycleRun[]>>;
		idleSmall: Partial<Record<SubjectKey, IdleUsage>>;
		idleLarge: Partial<Record<SubjectKey, IdleUsage>>;
		keyPresses: number[] | undefined;
		redraw: RedrawCost | undefined;
		firstFrame: Partial<Record<SubjectKey, FirstFrames>>;
	};
	/** Scenarios that did not complete, with why. */
	failures: string[];
	totalMs: number;
}

/** A measurement from samples (failed when there are none). */
export function measured(samples: readonly number[] | undefined, failure: string | undefined): Measurement {
	const summary = samples ? summarize(samples) : undefined;
	if (samples && summary) return { status: 'ok', samples: [...samples], summary };
	return { status: 'failed', error: failure ?? 'no samples' };
}
