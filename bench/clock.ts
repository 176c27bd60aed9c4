/**
 * The benchmark's one clock: monotonic milliseconds with sub-millisecond resolution.
 * `process.hrtime` reads CLOCK_MONOTONIC, which every thread of the process shares, so a
 * time taken in the /proc watcher's worker thread compares directly with one taken on the
 * main thread when a pty chunk arrived (`performance.now()` has a per-thread origin).
 */
export function nowMs(): number {
	return Number(process.hrtime.bigint()) / 1e6;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
