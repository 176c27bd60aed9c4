import { readdirSync, readFileSync } from 'node:fs';

/** One process as /proc shows it. */
export interface ProcessInfo {
	pid: number;
	ppid: number;
	/** Field 3 of /proc/PID/stat: R, S, D, Z (zombie), T, I, ... */
	state: string;
	/** Field 22 of /proc/PID/stat: clock ticks after boot. With the PID it is the process's identity. */
	startTicks: number;
	/** The name in parentheses in /proc/PID/stat (at most 15 bytes). */
	comm: string;
	/** /proc/PID/cmdline split on NUL; empty for zombies and kernel threads. */
	argv: string[];
	/** Real UID from /proc/PID/status; read only for conmons and rootless helpers. */
	uid?: number;
}

/** The fields of /proc/PID/stat that conmon-tui uses. */
export interface ProcStat {
	pid: number;
	comm: string;
	state: string;
	ppid: number;
	startTicks: number;
}

/** Processes are identified by PID plus start time, because PIDs are reused. */
export function processKey(pid: number, startTicks: number): string {
	return `${pid}@${startTicks}`;
}

/** A zombie has exited; only its parent has not collected it yet. */
export function isDead(process: Pick<ProcessInfo, 'state'>): boolean {
	return process.state === 'Z' || process.state === 'X';
}

/**
 * Parses one /proc/PID/stat line. The command name may itself contain spaces and
 * parentheses, so the fields are read after the last `)`.
 */
export function parseStat(line: string): ProcStat | undefined {
	const open = line.indexOf('(');
	const close = line.lastIndexOf(')');
	if (open < 0 || close < open) return undefined;
	const pid = Number(line.slice(0, open).trim());
	const rest = line.slice(close + 2).split(' ');
	// rest[0] is field 3 (state); field N is rest[N - 3].
	const state = rest[0];
	const ppid = Number(rest[1]);
	const startTicks = Number(rest[19]);
	if (!Number.isInteger(pid) || state === undefined || !Number.isFinite(ppid) || !Number.isFinite(startTicks)) {
		return undefined;
	}
	return { pid, comm: line.slice(open + 1, close), state, ppid, startTicks };
}

/** Splits the raw bytes of /proc/PID/cmdline into arguments. */
export function parseCmdline(raw: string): string[] {
	if (raw === '') return [];
	const parts = raw.split('\0');
	if (parts.at(-1) === '') parts.pop();
	return parts;
}

/** Parses the `NSpid:` line of /proc/PID/status: the PID in each nested PID namespace, outermost first. */
export function parseNsPid(status: string): number[] {
	const line = status.split('\n').find((l) => l.startsWith('NSpid:'));
	if (!line) return [];
	return line.slice('NSpid:'.length).trim().split(/\s+/).map(Number).filter(Number.isInteger);
}

/** Parses the real UID from the `Uid:` line of /proc/PID/status. */
export function parseUid(status: string): number | undefined {
	const line = status.split('\n').find((l) => l.startsWith('Uid:'));
	const uid = line ? Number(line.slice(4).trim().split(/\s+/)[0]) : Number.NaN;
	return Number.isInteger(uid) ? uid : undefined;
}

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

/** Kernel clock ticks per second (USER_HZ); 100 on every Linux architecture podman runs on. */
export const CLOCK_TICKS_PER_SECOND = 100;

/** Turns a start time in clock ticks after boot into milliseconds since the epoch. */
export function startTicksToMs(startTicks: number, bootTimeMs: number): number {
	return bootTimeMs + (startTicks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * Reads every process from /proc with synchronous reads, which measure several times
 * faster than fs.promises for hundreds of small files. A cmdline is read only for a
 * process not seen before (by PID and start time) or one whose name changed (it exec'd).
 */
export class ProcScanner {
	private cmdlines = new Map<string, { comm: string; argv: string[] }>();
	/** The last scan's processes by PID, reused by quick scans. */
	private previous = new Map<number, ProcessInfo>();
	/** Kernel threads seen: skipped by quick scans without reading them again. */
	private kernelThreads = new Set<number>();

	constructor(private readonly procRoot = '/proc') {}

	/**
	 * Reads every user-space process now. A quick scan (`watched` given) reads only processes
	 * not seen before and the watched ones (conmons and what is below them); any other process
	 * still listed keeps what the last scan read — a PID is not reused within a fraction of a
	 * second, and an unrelated process does not move under a conmon. Full scans read everything.
	 */
	scan(watched?: ReadonlySet<number>): ProcessInfo[] {
		let names: string[];
		try {
			names = readdirSync(this.procRoot);
		} catch {
			return [];
		}
		const seen = new Map<string, { comm: string; argv: string[] }>();
		const current = new Map<number, ProcessInfo>();
		const kernelThreads = new Set<number>();
		for (const name of names) {
			const first = name.charCodeAt(0);
			if (first < 48 || first > 57) continue;
			const pid = Number(name);
			if (watched && this.kernelThreads.has(pid)) {
				kernelThreads.add(pid);
				continue;
			}
			const known = watched && !watched.has(pid) ? this.previous.get(pid) : undefined;
			const process = known ?? this.read(name);
			if (process === 'kernel') {
				kernelThreads.add(pid);
				continue;
			}
			if (!process) continue;
			seen.set(processKey(process.pid, process.startTicks), { comm: process.comm, argv: process.argv });
			current.set(pid, process);
		}
		this.cmdlines = seen;
		this.previous = current;
		this.kernelThreads = kernelThreads;
		return [...current.values()];
	}

	private read(name: string): ProcessInfo | 'kernel' | undefined {
		const stat = readProcFile(`${this.procRoot}/${name}/stat`);
		const parsed = stat === undefined ? undefined : parseStat(stat);
		if (!parsed) return undefined;
		// Kernel threads (children of kthreadd, PID 2) are never part of a container tree.
		if (parsed.ppid === 2 || parsed.pid === 2) return 'kernel';
		const cached = this.cmdlines.get(processKey(parsed.pid, parsed.startTicks));
		let argv = cached?.argv;
		// exec() keeps PID and start time but changes comm (runc init becomes the container's
		// command): read cmdline again then. A zombie's cmdline is empty: keep the last one seen.
		if (!cached || (cached.comm !== parsed.comm && parsed.state !== 'Z') || (cached.argv.length === 0 && parsed.state !== 'Z')) {
			argv = parseCmdline(readProcFile(`${this.procRoot}/${name}/cmdline`) ?? '');
		}
		return { ...parsed, argv: argv ?? [] };
	}

	/** Reads NSpid and Uid of one process; undefined when it has gone. */
	readStatus(pid: number): { nsPid: number[]; uid: number | undefined } | undefined {
		const status = readProcFile(`${this.procRoot}/${pid}/status`);
		return status === undefined ? undefined : { nsPid: parseNsPid(status), uid: parseUid(status) };
	}
}

/** One line of /proc/PID/uid_map: `inside` IDs map to `outside` (host) IDs, `count` of them. */
export interface IdMapRange {
	inside: number;
	outside: number;
	count: number;
}

/** Parses /proc/PID/uid_map (or gid_map). */
export function parseIdMap(text: string): IdMapRange[] {
	return text.split('\n').flatMap((line) => {
		const [inside, outside, count] = line.trim().split(/\s+/).map(Number);
		return inside !== undefined && outside !== undefined && count !== undefined && [inside, outside, count].every(Number.isInteger)
			? [{ inside, outside, count }]
			: [];
	});
}

/** The UID a host UID has inside a user namespace, or undefined when it is not mapped there. */
export function uidInside(hostUid: number, map: readonly IdMapRange[]): number | undefined {
	const range = map.find((r) => hostUid >= r.outside && hostUid < r.outside + r.count);
	return range ? hostUid - range.outside + range.inside : undefined;
}

/** What the details view shows of a process beyond its stat line. */
export interface ProcessFacts {
	/** The PID in each PID namespace, host first: the last one is the PID inside the container. */
	nsPid: number[];
	uid: number | undefined;
	uidMap: IdMapRange[];
}

/** Reads NSpid, Uid and uid_map of a process; undefined when it has gone. */
export function readProcessFacts(pid: number, procRoot = '/proc'): ProcessFacts | undefined {
	const status = readProcFile(`${procRoot}/${pid}/status`);
	if (status === undefined) return undefined;
	return { nsPid: parseNsPid(status), uid: parseUid(status), uidMap: parseIdMap(readProcFile(`${procRoot}/${pid}/uid_map`) ?? '') };
}

/** The name of a process (/proc/PID/comm), or undefined when it has gone. */
export function readComm(pid: number, procRoot = '/proc'): string | undefined {
	return readProcFile(`${procRoot}/${pid}/comm`)?.trim();
}
