// The few /proc reads that lessons, actions and views make beyond the watcher's scan, as an
// interface handed in: views import it as a type, and tests hand in a fake instead of real processes.
import type { ProcessFacts, ProcessInfo, ProcStat } from './parse.js';

/** Reads one process's facts from /proc now; every read answers undefined (or false) once the process has gone. */
export interface ProcessReader {
	/** /proc/PID/stat, parsed: name, state, parent, start time. */
	stat(pid: number): ProcStat | undefined;
	/** The process's name (/proc/PID/comm). */
	comm(pid: number): string | undefined;
	/** Whether PID still runs (not a zombie); as the same process when its start time is given. */
	isAliveAs(pid: number, startTicks: number | undefined): boolean;
	/** NSpid, Uid and uid_map (/proc/PID/status and uid_map). */
	facts(pid: number): ProcessFacts | undefined;
}

/**
 * A far host's processes, read over a session (src/remote): the watcher's scan where this
 * machine's /proc is not the one podman's containers live in. Each scan is a round trip.
 */
export interface FarProcesses {
	/** Every user-space process with `uid` filled in, or 'unreadable' when the far side has no readable /proc. */
	scan(): Promise<ProcessInfo[] | 'unreadable'>;
	/** When the far host booted (ms since the epoch, on this machine's clock); known after a scan. */
	readonly bootTimeMs: number | undefined;
	/** The far user's UID: whose conmons are "ours" there. Known once the session is up. */
	readonly farUid: number | undefined;
	/** Ends the session. */
	close(): void;
}
