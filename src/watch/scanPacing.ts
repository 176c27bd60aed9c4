import { currentGeneration } from '../model/conmonHistory.js';
import type { AppState } from '../state/store.js';

/**
 * A full /proc scan this often when nothing is happening: a safety net. Changes are noticed
 * sooner by what signals them: podman events, inotify on podman's run root (a container's
 * conmon.pid and pidfile are written there at each start) and on conmon's exit directory (the
 * exit file is written when the container dies), and the liveness check below.
 */
export const SAFETY_SCAN_INTERVAL_MS = 5_000;
/** Most safety scans are quick (new processes and those on screen); every so often one reads everything. */
export const FULL_SCAN_INTERVAL_MS = 30_000;
/** The live conmons' own /proc entries are checked this often: a conmon killed by hand signals nothing else. */
export const LIVENESS_INTERVAL_MS = 1_000;
/** After a signal of change, /proc is scanned this often ... */
export const BURST_SCAN_INTERVAL_MS = 40;
/** ... for this long, to catch conmons that live for a fraction of a second. */
export const BURST_DURATION_MS = 3_000;

/** How deep a scan reads: `quick` re-reads only new processes and those conmon-tui shows. */
export type ScanDepth = 'full' | 'quick';

/**
 * When /proc is scanned: every SAFETY_SCAN_INTERVAL_MS when nothing happens (a full read every
 * FULL_SCAN_INTERVAL_MS), every BURST_SCAN_INTERVAL_MS for BURST_DURATION_MS after a signal of
 * change (burst), and at once when the liveness check finds a watched conmon gone.
 */
export class ScanPacer {
	private scanTimer: NodeJS.Timeout | undefined;
	private livenessTimer: NodeJS.Timeout | undefined;
	private burstUntil = 0;
	private lastScanAt = 0;
	private lastFullScanAt = 0;
	private stopped = false;

	/**
	 * `scan` runs a scan (and reports it back through `scanned`); `somethingGone` is the liveness
	 * check, true when a process the screen relies on is gone or a zombie.
	 */
	constructor(
		private readonly scan: (depth: ScanDepth) => void,
		private readonly somethingGone: () => boolean,
	) {}

	/** A scan ran now (whoever asked for it): bursts and the full-scan clock count from it. */
	scanned(depth: ScanDepth, now: number): void {
		this.lastScanAt = now;
		if (depth === 'full') this.lastFullScanAt = now;
	}

	/** Starts the safety scans and the liveness check. */
	start(): void {
		if (this.stopped) return;
		this.schedule();
		this.livenessTimer = setInterval(() => {
			if (this.somethingGone()) this.burst();
		}, LIVENESS_INTERVAL_MS);
	}

	/** Something is about to change or just did: watch /proc closely for a while. */
	burst(): void {
		const now = Date.now();
		this.burstUntil = now + BURST_DURATION_MS;
		if (this.stopped) return;
		clearTimeout(this.scanTimer);
		// A flood of signals (inotify fires per file) costs one scan per burst interval, not one each.
		if (now - this.lastScanAt >= BURST_SCAN_INTERVAL_MS) this.scan('quick');
		this.schedule();
	}

	/** Ends every timer. */
	stop(): void {
		this.stopped = true;
		clearTimeout(this.scanTimer);
		clearInterval(this.livenessTimer);
	}

	private schedule(): void {
		if (this.stopped) return;
		const bursting = Date.now() < this.burstUntil;
		this.scanTimer = setTimeout(
			() => {
				this.scan(bursting || Date.now() - this.lastFullScanAt < FULL_SCAN_INTERVAL_MS ? 'quick' : 'full');
				this.schedule();
			},
			bursting ? BURST_SCAN_INTERVAL_MS : SAFETY_SCAN_INTERVAL_MS,
		);
	}
}

/**
 * The liveness check: true when a live conmon of this podman (or an unmonitored container's
 * process) is gone or a zombie. Other stores' and users' conmons wait for the safety scan: their
 * churn must not keep this one busy. `ours` tells a container of this podman; `isAliveAs` reads /proc (read.ts).
 */
export function watchedProcessGone(
	state: Pick<AppState, 'history' | 'unmonitored'>,
	ours: (containerId: string) => boolean,
	isAliveAs: (pid: number, startTicks: number | undefined) => boolean,
): boolean {
	// Every second, for every conmon: looped over in place, with no list made to throw away.
	const { generations, execConmons } = state.history;
	for (const id in generations) {
		const live = ours(id) ? currentGeneration(generations[id]) : undefined;
		if (live && !isAliveAs(live.pid, live.startTicks)) return true;
	}
	for (const key in execConmons) {
		const exec = execConmons[key];
		if (exec && ours(exec.containerId) && !isAliveAs(exec.pid, exec.startTicks)) return true;
	}
	for (const id in state.unmonitored) {
		const pid = state.unmonitored[id];
		if (pid !== undefined && !isAliveAs(pid, undefined)) return true;
	}
	return false;
}
