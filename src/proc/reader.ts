// The few /proc reads that lessons, actions and views make beyond the watcher's scan, as an
// interface handed in: views import it as a type, and tests hand in a fake instead of real processes.
import type { ProcessFacts, ProcessInfo, ProcStat } from './parse.js';
import type { UnixSocket } from './unixSockets.js';

/** Reads one process's facts from /proc now; every read answers undefined (or false) once the process has gone. */
export interface ProcessReader {
	/** /proc/PID/stat, parsed: name, state, parent, start time. */
	stat(pid: number): ProcStat | undefined;
	/** The process's name (/proc/PID/comm). */
	comm(pid: number): string | undefined;
	/** Whether PID still runs (not a zombie); as the same process when its start time is given. */
	isAliveAs(pid: number, startTicks: number | undefined): boolean;
	/** NSpid, Uid, signal masks and uid_map (/proc/PID/status and uid_map). */
	facts(pid: number): ProcessFacts | undefined;
	/** The unix sockets the process holds (its fds matched to /proc/PID/net/unix); [] once it has gone. */
	unixSockets(pid: number): UnixSocket[];
	/** The last `count` lines of a file conmon writes (the container's log); undefined when unreadable. */
	tailLines(path: string, count: number): string[] | undefined;
	/** Starts watching `dir` for the file `name`, to read it the moment it appears (conmon's exit file). */
	catchFile(dir: string, name: string): FileCatch;
	/** /proc/PID/cgroup as written: the cgroups it is in. */
	cgroup(pid: number): string | undefined;
	/** The namespaces it is in (/proc/PID/ns/*, e.g. `net` → `net:[4026532201]`); empty once it has gone. */
	namespaces(pid: number): Readonly<Record<string, string>>;
	/**
	 * The host's own namespaces, to tell a namespace a container holds from one it has from the host:
	 * conmon-tui's own here; on a far host, those of the shell that reads its /proc.
	 */
	hostNamespaces(): Readonly<Record<string, string>>;
}

/** A watch for one file that appears and soon goes (conmon's exit file, removed by podman once read). */
export interface FileCatch {
	/** False when the directory could not be watched (gone, no permission): nothing will be caught. */
	readonly watching: boolean;
	/** Resolves once the watch is in place (or could not be): a command whose file is to be caught waits for it. */
	readonly ready: Promise<void>;
	/** The file's text as first read, once it has appeared. */
	caught(): string | undefined;
	close(): void;
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
