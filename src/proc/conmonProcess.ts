import { type ConmonArgs, parseConmonArgs } from './conmonArgs.js';
import { isDead, type ProcessInfo } from './parse.js';

/** A monitor conmon found in /proc, with what its command line says. */
export interface ConmonProcess {
	process: ProcessInfo;
	args: ConmonArgs;
}

function isPodman(process: ProcessInfo | undefined): boolean {
	const program = process?.argv[0];
	return program !== undefined && (program === 'podman' || program.endsWith('/podman'));
}

/**
 * PIDs of monitor conmons running their exit command: a live child that is podman (the exit
 * command, `podman container cleanup`) or a fork of conmon about to exec it. conmon forks it and
 * waits for it before exiting (conmon's src/ctr_exit.c, do_exit_command); with a restart policy
 * that podman starts the container again (podman's libpod/container_internal.go, fullCleanup →
 * handleRestartPolicy), so a new monitor appears while this one still lives.
 */
export function conmonsRunningExitCommand(processes: readonly ProcessInfo[]): Set<number> {
	const children = indexChildren(processes);
	const running = new Set<number>();
	for (const { process, args } of findConmons(processes)) {
		const cleanup = (children.get(process.pid) ?? []).some(
			(child) => !isDead(child) && (isPodman(child) || parseConmonArgs(child.argv)?.containerId === args.containerId),
		);
		if (cleanup) running.add(process.pid);
	}
	return running;
}

/**
 * Monitor conmons among the processes: the main ones and exec-session ones, zombies included.
 * Two other conmons show up for a moment and are left out: the launcher podman starts, which
 * forks the monitor and exits at once (its parent is podman), and a fork of the monitor about
 * to exec the exit command (podman's cleanup): its parent is the monitor itself.
 * `byPid` is indexByPid(processes), when the caller has it already (a scan's, scanIndex.ts).
 */
export function findConmons(processes: readonly ProcessInfo[], byPid: ReadonlyMap<number, ProcessInfo> = indexByPid(processes)): ConmonProcess[] {
	const found: ConmonProcess[] = [];
	for (const process of processes) {
		const args = parseConmonArgs(process.argv);
		if (!args) continue;
		const parent = byPid.get(process.ppid);
		if (isPodman(parent)) continue;
		const parentArgs = parent ? parseConmonArgs(parent.argv) : undefined;
		if (parent && parentArgs?.containerId === args.containerId && !isPodman(byPid.get(parent.ppid))) continue;
		found.push({ process, args });
	}
	return found;
}

/** Each process by its PID. */
export function indexByPid(processes: readonly ProcessInfo[]): Map<number, ProcessInfo> {
	return new Map(processes.map((p) => [p.pid, p]));
}

/** Children of each PID, in PID order so that the tree does not reorder between scans. */
export function indexChildren(processes: readonly ProcessInfo[]): Map<number, ProcessInfo[]> {
	const children = new Map<number, ProcessInfo[]>();
	for (const process of processes) {
		const siblings = children.get(process.ppid);
		if (siblings) siblings.push(process);
		else children.set(process.ppid, [process]);
	}
	for (const siblings of children.values()) siblings.sort((a, b) => a.pid - b.pid);
	return children;
}

/** Every process below `pid`, depth first, with its depth (1 = direct child). */
export function descendants(pid: number, children: ReadonlyMap<number, readonly ProcessInfo[]>): { process: ProcessInfo; depth: number }[] {
	const out: { process: ProcessInfo; depth: number }[] = [];
	const walk = (parent: number, depth: number, seen: Set<number>): void => {
		for (const child of children.get(parent) ?? []) {
			if (seen.has(child.pid)) continue;
			seen.add(child.pid);
			out.push({ process: child, depth });
			walk(child.pid, depth + 1, seen);
		}
	};
	walk(pid, 1, new Set([pid]));
	return out;
}

/** Runtime commands conmon runs as short-lived children; `runc init` is not one: it becomes the container. */
const RUNTIME_VERBS = new Set(['create', 'exec', 'start', 'delete', 'kill', 'state', 'restore', 'checkpoint']);

/**
 * The container's first process: conmon's child that is not a runtime command it forked
 * (`runc create` exits within milliseconds), nor the exit command it forks when the container
 * dies (a conmon fork that then execs `podman … container cleanup`). Undefined while there is none.
 * A child with no command line yet is not chosen: /proc can read an empty cmdline while a process is
 * in the middle of execve (conmon's fork becoming `runc create`), and the choice is kept for good.
 */
export function containerPidOf(conmon: ConmonProcess, children: ReadonlyMap<number, readonly ProcessInfo[]>): number | undefined {
	const runtime = conmon.args.runtime;
	const first = (children.get(conmon.process.pid) ?? []).find(
		(child) =>
			!isDead(child) &&
			child.argv.length > 0 &&
			!(child.argv[0] === runtime && child.argv.some((arg) => RUNTIME_VERBS.has(arg))) &&
			!isPodman(child) &&
			parseConmonArgs(child.argv) === undefined,
	);
	return first?.pid;
}

/**
 * The processes worth keeping for display: monitor conmons and everything below them.
 * The rest of the machine is dropped right after a scan, so the store stays small.
 * `children` is indexChildren(processes), when the caller has it already.
 */
export function processesUnderConmons(
	processes: readonly ProcessInfo[],
	conmons: readonly ConmonProcess[],
	children: ReadonlyMap<number, readonly ProcessInfo[]> = indexChildren(processes),
): ProcessInfo[] {
	const kept: ProcessInfo[] = [];
	for (const conmon of conmons) {
		kept.push(conmon.process);
		for (const { process } of descendants(conmon.process.pid, children)) kept.push(process);
	}
	return kept;
}
