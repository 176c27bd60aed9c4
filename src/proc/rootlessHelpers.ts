import { parseConmonArgs } from './conmonArgs.js';
import { indexByPid } from './conmonProcess.js';
import type { ProcessInfo } from './parse.js';

/**
 * The processes rootless podman leaves beside conmon: the pause process that holds the
 * user namespace, and per-container network helpers.
 */
export type RootlessHelperKind = 'pause' | 'slirp4netns' | 'pasta' | 'rootlessport';

export interface RootlessHelper {
	kind: RootlessHelperKind;
	process: ProcessInfo;
	/** The container network namespace it serves, from its command line (`--netns-type=path P`, `--netns P`). */
	netnsPath?: string;
	/** Set on another user's helper (seen with `--all-users`): that user's name, or UID. */
	owner?: string;
}

/** The program's file name: argv[0] after its last `/`; the name in stat when there is no argv. */
function programName(process: ProcessInfo): string {
	const program = process.argv[0];
	return program === undefined ? process.comm : program.slice(program.lastIndexOf('/') + 1);
}

/** The value after `flag` (`--netns P`) or inside it (`--netns=P`). */
function optionValue(argv: readonly string[], flag: string): string | undefined {
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] ?? '';
		if (arg === flag) return argv[i + 1];
		if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
	}
	return undefined;
}

/**
 * Whether a `catatonit -P` is rootless podman's pause process. A pod's infra container runs
 * `catatonit -P` too, as the child of its own conmon (and as root under rootful podman): that one
 * holds the pod's namespaces, not the user namespace. The pause process is the user's own, with
 * no conmon above it (its parent is PID 1 once podman has forked it off).
 */
function isPauseProcess(process: ProcessInfo, parent: ProcessInfo | undefined): boolean {
	if (process.uid === 0) return false;
	return parent === undefined || parseConmonArgs(parent.argv) === undefined;
}

/** Classifies a process as a rootless helper, or undefined. `parent` is its parent process, when known. */
export function rootlessHelper(process: ProcessInfo, parent?: ProcessInfo): RootlessHelper | undefined {
	return classify(process, programName(process), () => parent);
}

/** rootlessHelper with the program's name worked out once, and the parent asked for only by `catatonit -P`. */
function classify(process: ProcessInfo, name: string, parentOf: (process: ProcessInfo) => ProcessInfo | undefined): RootlessHelper | undefined {
	if (name === 'catatonit' && process.argv.includes('-P')) return isPauseProcess(process, parentOf(process)) ? { kind: 'pause', process } : undefined;
	if (name === 'slirp4netns') {
		// podman 4: slirp4netns ... --netns-type=path /run/user/UID/netns/netns-… tap0
		const index = process.argv.indexOf('--netns-type=path');
		const netnsPath = index >= 0 ? process.argv[index + 1] : undefined;
		return netnsPath ? { kind: 'slirp4netns', process, netnsPath } : { kind: 'slirp4netns', process };
	}
	// podman 5 runs pasta, whose binary is passt (comm "passt.avx2" on x86-64).
	if (name.startsWith('pasta') || name.startsWith('passt') || process.comm.startsWith('passt')) {
		const netnsPath = optionValue(process.argv, '--netns');
		return netnsPath ? { kind: 'pasta', process, netnsPath } : { kind: 'pasta', process };
	}
	if (name === 'rootlessport') return { kind: 'rootlessport', process };
	return undefined;
}

/**
 * Every rootless helper among the processes. `byPid` finds their parents: a scan's index
 * (scanIndex.ts), which may hold more processes than those asked about; without it, one is made
 * of `processes` when a parent is first asked for (nearly no process is a helper).
 */
export function findRootlessHelpers(processes: readonly ProcessInfo[], byPid?: ReadonlyMap<number, ProcessInfo>): RootlessHelper[] {
	let index = byPid;
	const parentOf = (process: ProcessInfo): ProcessInfo | undefined => {
		index ??= indexByPid(processes);
		return index.get(process.ppid);
	};
	const helpers: RootlessHelper[] = [];
	for (const process of processes) {
		const helper = classify(process, programName(process), parentOf);
		if (helper) helpers.push(helper);
	}
	return helpers;
}
