// The reads of /proc: the watcher's scan and the one-off reads behind the ProcessReader handed to
// lessons, actions and views (reader.ts). Parsing is in parse.ts.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { catchFile, tailLines } from './files.js';
import { HeldStatFiles } from './heldStat.js';
import {
	isDead,
	type ProcessFacts,
	type ProcessInfo,
	type ProcStat,
	parseCmdline,
	parseIdMap,
	parseNsPid,
	parseSignalMasks,
	parseStat,
	parseUid,
	sameArgv,
} from './parse.js';
import type { ProcessReader } from './reader.js';
import { readUnixSockets } from './unixSockets.js';

/** Reads a /proc file, or undefined when the process has gone meanwhile (ENOENT/ESRCH are not errors here). */
function readProcFile(path: string): string | undefined {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return undefined;
	}
}

/**
 * Whether PID still runs (not a zombie) — as the same process when its start time is given.
 * One stat read: the liveness check between scans, for what signals nothing else (kill -9).
 */
export function isAliveAs(pid: number, startTicks: number | undefined, procRoot = '/proc'): boolean {
	const parsed = readStat(pid, procRoot);
	return parsed !== undefined && !isDead(parsed) && (startTicks === undefined || parsed.startTicks === startTicks);
}

/** /proc/PID/stat, parsed; undefined when the process has gone. */
export function readStat(pid: number, procRoot = '/proc'): ProcStat | undefined {
	const stat = readProcFile(`${procRoot}/${pid}/stat`);
	return stat === undefined ? undefined : parseStat(stat);
}

/**
 * Boot time in milliseconds since the epoch. /proc/stat's `btime` is whole seconds, which
 * would misplace process start times by up to a second; now minus /proc/uptime is exact
 * to its 10 ms resolution.
 */
export function readBootTimeMs(procRoot = '/proc'): number {
	const uptime = Number((readProcFile(`${procRoot}/uptime`) ?? '').split(' ')[0]);
	if (Number.isFinite(uptime) && uptime > 0) return Date.now() - uptime * 1000;
	const line = (readProcFile(`${procRoot}/stat`) ?? '').split('\n').find((l) => l.startsWith('btime '));
	return line ? Number(line.slice(6)) * 1000 : 0;
}

/** Reads NSpid, Uid and uid_map of a process; undefined when it has gone. */
export function readProcessFacts(pid: number, procRoot = '/proc'): ProcessFacts | undefined {
	const status = readProcFile(`${procRoot}/${pid}/status`);
	if (status === undefined) return undefined;
	return {
		nsPid: parseNsPid(status),
		uid: parseUid(status),
		uidMap: parseIdMap(readProcFile(`${procRoot}/${pid}/uid_map`) ?? ''),
		...parseSignalMasks(status),
	};
}

/** The name of a process (/proc/PID/comm), or undefined when it has gone. */
export function readComm(pid: number, procRoot = '/proc'): string | undefined {
	return readProcFile(`${procRoot}/${pid}/comm`)?.trim();
}

/** The cgroups of a process (/proc/PID/cgroup, as written), or undefined when it has gone. */
export function readCgroup(pid: number, procRoot = '/proc'): string | undefined {
	return readProcFile(`${procRoot}/${pid}/cgroup`);
}

/** The namespaces a pod's infra container can hold for the pod (podman pod create --share). */
export const NAMESPACE_KINDS: readonly string[] = ['ipc', 'net', 'pid', 'uts', 'cgroup', 'user'];

/** The namespaces of a process, by kind, as /proc/PID/ns/* links read (`net:[4026532201]`): two processes share one when the links are equal. */
export function readNamespaces(pid: number, procRoot = '/proc'): Record<string, string> {
	const namespaces: Record<string, string> = {};
	for (const kind of NAMESPACE_KINDS) {
		try {
			namespaces[kind] = readlinkSync(`${procRoot}/${pid}/ns/${kind}`);
		} catch {
			// Gone, or a kind this kernel lacks.
		}
	}
	return namespaces;
}

/** The ProcessReader over the real /proc (or a copy of one under `procRoot`, as the fixtures are). */
export function procReader(procRoot = '/proc'): ProcessReader {
	return {
		stat: (pid) => readStat(pid, procRoot),
		comm: (pid) => readComm(pid, procRoot),
		isAliveAs: (pid, startTicks) => isAliveAs(pid, startTicks, procRoot),
		facts: (pid) => readProcessFacts(pid, procRoot),
		unixSockets: (pid) => readUnixSockets(pid, procRoot),
		tailLines,
		catchFile,
		cgroup: (pid) => readCgroup(pid, procRoot),
		namespaces: (pid) => readNamespaces(pid, procRoot),
		hostNamespaces: () => readNamespaces(process.pid, procRoot),
	};
}

/**
 * Reads every process from /proc with synchronous reads, which measure several times
 * faster than fs.promises for hundreds of small files. A cmdline is read only for a
 * process not seen before (by PID and start time) or one whose name changed (it exec'd).
 */
export class ProcScanner {
	/** The last scan's processes by PID: quick scans reuse them, and a known process (same PID and start time) keeps its argv. */
	private previous = new Map<number, ProcessInfo>();
	/** Kernel threads seen: skipped by quick scans without reading them again. */
	private kernelThreads = new Set<number>();
	/** The watched processes' stat files, held open from one quick scan to the next. */
	private readonly held: HeldStatFiles;
	/** The last quick scan's watched PIDs: a full scan reads their command lines again. */
	private lastWatched: ReadonlySet<number> = new Set();

	constructor(private readonly procRoot = '/proc') {
		this.held = new HeldStatFiles(procRoot);
	}

	/**
	 * Reads every user-space process now. A quick scan (`watched` given) reads only processes
	 * not seen before and the watched ones (conmons and what is below them); any other process
	 * still listed keeps what the last scan read — a PID is not reused within a fraction of a
	 * second, and an unrelated process does not move under a conmon. Full scans read everything.
	 * A process new to a quick scan has its parent and grandparent read again: they may have
	 * exec'd since they were read (`nsenter`, a shell's `exec`, or `sudo`'s fork becoming podman),
	 * and a conmon's parent decides what it is (podman's launcher or the monitor, see findConmons).
	 * A watched process whose name, state and parent read as before is the same object as before
	 * (heldStat.ts): an idle screen's scans make next to nothing new.
	 */
	scan(watched?: ReadonlySet<number>): ProcessInfo[] {
		let names: string[];
		try {
			names = readdirSync(this.procRoot);
		} catch {
			return [];
		}
		const current = new Map<number, ProcessInfo>();
		const kernelThreads = new Set<number>();
		const newcomers: number[] = [];
		const readThisScan = new Set<number>();
		for (const name of names) {
			const first = name.charCodeAt(0);
			if (first < 48 || first > 57) continue;
			const pid = Number(name);
			if (watched && this.kernelThreads.has(pid)) {
				kernelThreads.add(pid);
				continue;
			}
			const last = this.previous.get(pid);
			const known = watched && last && !watched.has(pid) ? last : undefined;
			const process = known ?? (watched?.has(pid) ? this.readWatched(pid, last) : this.read(name, last, !watched && this.lastWatched.has(pid)));
			if (process === 'kernel') {
				kernelThreads.add(pid);
				continue;
			}
			if (!process) continue;
			if (!known) readThisScan.add(pid);
			if (watched && !last) newcomers.push(pid);
			current.set(pid, process);
		}
		for (const pid of newcomers) {
			let ancestor = current.get(pid)?.ppid;
			for (let level = 0; level < 2 && ancestor !== undefined; level++) {
				if (current.has(ancestor) && !readThisScan.has(ancestor)) {
					readThisScan.add(ancestor);
					const process = this.read(String(ancestor), current.get(ancestor));
					if (process && process !== 'kernel') current.set(ancestor, process);
					else current.delete(ancestor);
				}
				ancestor = current.get(ancestor)?.ppid;
			}
		}
		if (watched) {
			this.held.endRound();
			this.lastWatched = watched;
		}
		// A process this scan saw gone (no longer listed, or another under its PID) has its file closed
		// now: full scans end no round, and quick ones may be far apart.
		this.held.forgetGone((pid) => {
			const now = current.get(pid);
			const before = this.previous.get(pid);
			return now === undefined || (before !== undefined && before.startTicks !== now.startTicks);
		});
		this.previous = current;
		this.kernelThreads = kernelThreads;
		return [...current.values()];
	}

	/** Ends the scans: closes the held stat files. */
	close(): void {
		this.held.close();
	}

	/** A watched process, through its held stat file: the last scan's object when nothing it keeps has changed. */
	private readWatched(pid: number, last: ProcessInfo | undefined): ProcessInfo | 'kernel' | undefined {
		// A process read with no command line (caught in the middle of execve) is not "unchanged" while
		// its name, state and parent are: its line goes through fromStat, which reads the command line again.
		const stat = this.held.read(pid, last && last.argv.length > 0 ? last : undefined);
		if (stat === 'not held') return this.read(String(pid), last);
		if (stat === 'unchanged') return last;
		return this.fromStat(String(pid), stat, last);
	}

	private read(name: string, last: ProcessInfo | undefined, freshArgv = false): ProcessInfo | 'kernel' | undefined {
		return this.fromStat(name, readProcFile(`${this.procRoot}/${name}/stat`), last, freshArgv);
	}

	/**
	 * A process from its stat line, with the argv of `last` (the last scan's under that PID) when it is
	 * the same process and has not exec'd — unless `freshArgv`: a process on screen has its command line
	 * read again at each full scan, for what the name does not tell. An exec of a program with the same
	 * name (`sh` → `sh`) keeps the name, and a process may write over its own argv (nginx's workers,
	 * forked as `nginx: master process` and renamed a moment later, postgres): read first in between,
	 * the row would show the old command line for good.
	 */
	private fromStat(name: string, stat: string | undefined, last: ProcessInfo | undefined, freshArgv = false): ProcessInfo | 'kernel' | undefined {
		const parsed = stat === undefined ? undefined : parseStat(stat);
		if (!parsed) return undefined;
		// Kernel threads (children of kthreadd, PID 2) are never part of a container tree.
		if (parsed.ppid === 2 || parsed.pid === 2) return 'kernel';
		const cached = last && last.startTicks === parsed.startTicks ? last : undefined;
		let argv = cached?.argv;
		// exec() keeps PID and start time but changes comm (runc init becomes the container's
		// command): read cmdline again then. A zombie's cmdline is empty: keep the last one seen.
		if (!cached || (!isDead(parsed) && (freshArgv || cached.comm !== parsed.comm || cached.argv.length === 0))) {
			const read = parseCmdline(readProcFile(`${this.procRoot}/${name}/cmdline`) ?? '');
			// The same words keep the same array: conmon's arguments are parsed once per array (conmonArgs.ts).
			argv = cached && sameArgv(cached.argv, read) ? cached.argv : read;
		}
		return { ...parsed, argv: argv ?? [] };
	}

	/** Reads NSpid and Uid of one process; undefined when it has gone. */
	readStatus(pid: number): { nsPid: number[]; uid: number | undefined } | undefined {
		const status = readProcFile(`${this.procRoot}/${pid}/status`);
		return status === undefined ? undefined : { nsPid: parseNsPid(status), uid: parseUid(status) };
	}
}
