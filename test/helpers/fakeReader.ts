import { type IdMapRange, isDead, type ProcStat } from '../../src/proc/parse.js';
import type { ProcessReader } from '../../src/proc/reader.js';

/** A process the fake /proc holds: its name, and what a test needs of the rest. */
export interface FakeProcess {
	comm: string;
	/** R unless said: Z for a zombie. */
	state?: string;
	ppid?: number;
	startTicks?: number;
	/** The PID in each PID namespace, host first; just [pid] unless said (the host's namespace). */
	nsPid?: number[];
	uid?: number;
	uidMap?: IdMapRange[];
	/** /proc/PID/cgroup as the kernel writes it; none unless said. */
	cgroup?: string;
	/** /proc/PID/ns links by kind (`net` → `net:[4026532201]`); none unless said. */
	namespaces?: Record<string, string>;
}

/**
 * A /proc that holds only the processes a test put in it: every other PID is gone. Processes
 * can be added and removed while a test runs, as real ones start and exit.
 */
export class FakeProcessReader implements ProcessReader {
	private readonly processes = new Map<number, FakeProcess>();

	constructor(processes: Readonly<Record<number, FakeProcess>> = {}) {
		for (const [pid, process] of Object.entries(processes)) this.processes.set(Number(pid), process);
	}

	/** Puts a process in /proc (or replaces the one with its PID: a reused PID). */
	add(pid: number, process: FakeProcess): this {
		this.processes.set(pid, process);
		return this;
	}

	/** The process has exited and been reaped: its PID is gone from /proc. */
	remove(pid: number): void {
		this.processes.delete(pid);
	}

	stat(pid: number): ProcStat | undefined {
		const process = this.processes.get(pid);
		return process && { pid, comm: process.comm, state: process.state ?? 'R', ppid: process.ppid ?? 1, startTicks: process.startTicks ?? 0 };
	}

	comm(pid: number): string | undefined {
		return this.processes.get(pid)?.comm;
	}

	isAliveAs(pid: number, startTicks: number | undefined): boolean {
		const stat = this.stat(pid);
		return stat !== undefined && !isDead(stat) && (startTicks === undefined || stat.startTicks === startTicks);
	}

	facts(pid: number): { nsPid: number[]; uid: number | undefined; uidMap: IdMapRange[] } | undefined {
		const process = this.processes.get(pid);
		return process && { nsPid: process.nsPid ?? [pid], uid: process.uid, uidMap: process.uidMap ?? [] };
	}

	cgroup(pid: number): string | undefined {
		return this.processes.get(pid)?.cgroup;
	}

	namespaces(pid: number): Readonly<Record<string, string>> {
		return this.processes.get(pid)?.namespaces ?? {};
	}
}
