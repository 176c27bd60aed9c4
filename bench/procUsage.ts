import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time and memory of a process tree, read from /proc with synchronous reads.
 *
 * CPU accounting: a process's own time is `utime + stime` (fields 14, 15 of
 * /proc/PID/stat); when a parent reaps a child, the child's whole time (its own plus what
 * it had reaped) moves into the parent's `cutime + cstime` (fields 16, 17). Summing
 * `utime + stime + cutime + cstime` over the root and every live descendant therefore
 * counts each CPU tick of the tree exactly once, including children that lived and were
 * reaped between two samples (node reaps the podman processes it runs, podman reaps its
 * `conmon --version`). What it cannot see: a descendant reparented away (conmon detaches
 * to PID 1; a TUI that only watches never starts one) and a child reaped between the read
 * of its own stat and its parent's (a tick or two, at most, per sample).
 */

/** Linux USER_HZ: /proc times are in these ticks. 100 on every architecture podman runs on. */
export const CLOCK_TICKS_PER_SECOND = 100;

interface StatFields {
	ppid: number;
	/** utime + stime + cutime + cstime, in clock ticks. */
	ticks: number;
	/** utime + stime alone: the process's own threads. */
	ownTicks: number;
}

function readStatFields(pid: number): StatFields | undefined {
	let stat: string;
	try {
		stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
	} catch {
		return undefined;
	}
	// The name in parentheses may hold spaces: fields start after the last ')'. rest[0] is field 3.
	const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const field = (n: number): number => Number(rest[n - 3] ?? Number.NaN);
	const ticks = field(14) + field(15) + field(16) + field(17);
	return Number.isFinite(ticks) ? { ppid: field(4), ticks, ownTicks: field(14) + field(15) } : undefined;
}

/** Every descendant of `root` alive now (children, grandchildren, ...). */
export function descendantsOf(root: number): number[] {
	const childrenOf = new Map<number, number[]>();
	for (const name of readdirSync('/proc')) {
		const first = name.charCodeAt(0);
		if (first < 48 || first > 57) continue;
		const fields = readStatFields(Number(name));
		if (!fields) continue;
		const list = childrenOf.get(fields.ppid) ?? [];
		list.push(Number(name));
		childrenOf.set(fields.ppid, list);
	}
	const found: number[] = [];
	const stack = [root];
	while (stack.length > 0) {
		const pid = stack.pop() ?? 0;
		for (const child of childrenOf.get(pid) ?? []) {
			found.push(child);
			stack.push(child);
		}
	}
	return found;
}

/** A CPU sample of a process tree. */
export interface TreeCpuSample {
	/** Clock ticks used by the tree so far (see the module comment). */
	ticks: number;
	/** Clock ticks used by the root process alone (every thread of it, without its children). */
	ownTicks: number;
	/** The PIDs that were summed: the root first, then its live descendants. */
	pids: number[];
}

/** Sums the CPU ticks of `root` and every live descendant. Undefined when the root is gone. */
export function treeCpuTicks(root: number): TreeCpuSample | undefined {
	const pids = [root, ...descendantsOf(root)];
	let ticks = 0;
	let ownTicks = 0;
	// Descendants first, the root last: a child reaped meanwhile is then counted twice at
	// worst (in its own stat and in the root's cutime) rather than lost.
	for (const pid of [...pids].reverse()) {
		const fields = readStatFields(pid);
		if (pid === root && !fields) return undefined;
		ticks += fields?.ticks ?? 0;
		if (pid === root) ownTicks = fields?.ownTicks ?? 0;
	}
	return { ticks, ownTicks, pids };
}

/** Percent of one core used by the tree between two samples taken `wallMs` apart. */
export function cpuPercent(start: TreeCpuSample, end: TreeCpuSample, wallMs: number): number {
	return ((end.ticks - start.ticks) / CLOCK_TICKS_PER_SECOND / (wallMs / 1000)) * 100;
}

/** A line of /proc/PID/status in kB (VmRSS, VmHWM, ...); undefined when gone or absent. */
export function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
	let status: string;
	try {
		status = readFileSync(`/proc/${pid}/status`, 'latin1');
	} catch {
		return undefined;
	}
	const line = status.split('\n').find((l) => l.startsWith(`${field}:`));
	const kb = line
		? Number(
				line
					.slice(field.length + 1)
					.trim()
					.split(/\s+/)[0],
			)
		: Number.NaN;
	return Number.isFinite(kb) ? kb : undefined;
}
