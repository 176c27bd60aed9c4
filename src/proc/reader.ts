// The few /proc reads that lessons, actions and views make beyond the watcher's scan, as an
// interface handed in: views import it as a type, and tests hand in a fake instead of real processes.
import type { ProcessFacts, ProcStat } from './parse.js';

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
	/** /proc/PID/cgroup as written: the cgroups it is in. */
	cgroup(pid: number): string | undefined;
	/** The namespaces it is in (/proc/PID/ns/*, e.g. `net` → `net:[4026532201]`); empty once it has gone. */
	namespaces(pid: number): Readonly<Record<string, string>>;
}
