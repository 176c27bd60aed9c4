import { type IdMapRange, isDead, type ProcessFacts, type ProcStat } from '../../src/proc/parse.js';
import type { FileCatch, ProcessReader } from '../../src/proc/reader.js';
import type { UnixSocket } from '../../src/proc/unixSockets.js';

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
	caughtSignals?: bigint;
	ignoredSignals?: bigint;
	/** The unix sockets it holds (its fds matched to /proc/PID/net/unix). */
	sockets?: UnixSocket[];
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
	/** Files by path, as lines: what `tailLines` reads. */
	readonly files = new Map<string, string[]>();
	/** Files that appear in a watched directory: what a `catchFile` catches, by `dir/name`. */
	readonly appearing = new Map<string, string>();
	/** Every catch opened, and whether it was closed: a step must close what it opened. */
	readonly catches: Array<{ dir: string; name: string; closed: boolean }> = [];

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

	facts(pid: number): ProcessFacts | undefined {
		const process = this.processes.get(pid);
		return (
			process && {
				nsPid: process.nsPid ?? [pid],
				uid: process.uid,
				uidMap: process.uidMap ?? [],
				...(process.caughtSignals === undefined ? {} : { caughtSignals: process.caughtSignals }),
				...(process.ignoredSignals === undefined ? {} : { ignoredSignals: process.ignoredSignals }),
			}
		);
	}

	unixSockets(pid: number): UnixSocket[] {
		return this.processes.get(pid)?.sockets ?? [];
	}

	tailLines(path: string, count: number): string[] | undefined {
		return this.files.get(path)?.slice(-count);
	}

	catchFile(dir: string, name: string): FileCatch {
		const record = { dir, name, closed: false };
		this.catches.push(record);
		return {
			watching: true,
			ready: Promise.resolve(),
			caught: () => this.appearing.get(`${dir}/${name}`),
			close: () => {
				record.closed = true;
			},
		};
	}

	cgroup(pid: number): string | undefined {
		return this.processes.get(pid)?.cgroup;
	}

	namespaces(pid: number): Readonly<Record<string, string>> {
		return this.processes.get(pid)?.namespaces ?? {};
	}

	/** This process's, as the real reader's: a test that fills this process's namespaces sets the host's. */
	hostNamespaces(): Readonly<Record<string, string>> {
		return this.namespaces(process.pid);
	}
}
