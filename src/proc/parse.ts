// Pure parsers of what /proc shows: no file is read here, so the model and the views may import
// this file (the reads are in read.ts).

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
	// Fields 3 (state), 4 (ppid) and 22 (start time) after the name, found space by space: a scan
	// parses hundreds of these lines, and splitting each into its 50 fields made 50 strings to throw away.
	const state = statField(line, close + 2, 0);
	const ppid = Number(statField(line, close + 2, 1));
	const startTicks = Number(statField(line, close + 2, 19));
	if (!Number.isInteger(pid) || state === undefined || !Number.isFinite(ppid) || !Number.isFinite(startTicks)) {
		return undefined;
	}
	return { pid, comm: line.slice(open + 1, close), state, ppid, startTicks };
}

/** The `index`th space-separated field of `line` from `from` on (0: the one at `from`); undefined past the end. */
function statField(line: string, from: number, index: number): string | undefined {
	let start = from;
	for (let i = 0; i < index; i++) {
		const space = line.indexOf(' ', start);
		if (space < 0) return undefined;
		start = space + 1;
	}
	if (start > line.length) return undefined;
	const end = line.indexOf(' ', start);
	return line.slice(start, end < 0 ? line.length : end);
}

/** Splits the raw bytes of /proc/PID/cmdline into arguments. */
export function parseCmdline(raw: string): string[] {
	if (raw === '') return [];
	const parts = raw.split('\0');
	if (parts.at(-1) === '') parts.pop();
	return parts;
}

/** Whether two command lines are word for word the same (the same array at once). */
export function sameArgv(a: readonly string[], b: readonly string[]): boolean {
	return a === b || (a.length === b.length && a.every((word, i) => word === b[i]));
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
	/** SigCgt: the signals the process has a handler for (bit N-1 for signal N). */
	caughtSignals?: bigint;
	/** SigIgn: the signals it ignores. */
	ignoredSignals?: bigint;
}

/** SigCgt and SigIgn of /proc/PID/status (hex masks), where present. */
export function parseSignalMasks(status: string): { caughtSignals?: bigint; ignoredSignals?: bigint } {
	const mask = (name: string): bigint | undefined => {
		const line = status.split('\n').find((l) => l.startsWith(`${name}:`));
		const hex = line?.slice(name.length + 1).trim();
		return hex !== undefined && /^[0-9a-fA-F]+$/.test(hex) ? BigInt(`0x${hex}`) : undefined;
	};
	const caught = mask('SigCgt');
	const ignored = mask('SigIgn');
	return { ...(caught === undefined ? {} : { caughtSignals: caught }), ...(ignored === undefined ? {} : { ignoredSignals: ignored }) };
}

/** Whether a signal mask of /proc/PID/status holds signal `signal` (bit signal-1). */
export function hasSignal(mask: bigint | undefined, signal: number): boolean {
	return mask !== undefined && ((mask >> BigInt(signal - 1)) & 1n) === 1n;
}

/** Kernel clock ticks per second (USER_HZ); 100 on every Linux architecture podman runs on. */
export const CLOCK_TICKS_PER_SECOND = 100;

/** Turns a start time in clock ticks after boot into milliseconds since the epoch. */
export function startTicksToMs(startTicks: number, bootTimeMs: number): number {
	return bootTimeMs + (startTicks * 1000) / CLOCK_TICKS_PER_SECOND;
}
