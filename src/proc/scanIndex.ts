import { type ConmonProcess, findConmons, indexByPid } from './conmonProcess.js';
import type { ProcessInfo } from './parse.js';
import { findRootlessHelpers, type RootlessHelper } from './rootlessHelpers.js';

/**
 * What every step of one /proc scan looks up, made once per scan and handed to them (issue #14: the
 * watcher and the fold each made the PID index and found the conmons and helpers again).
 */
export interface ScanIndex {
	/** Every process of the scan by its PID. */
	byPid: ReadonlyMap<number, ProcessInfo>;
	/** The monitor conmons (findConmons). */
	conmons: ConmonProcess[];
	/** The rootless helpers (findRootlessHelpers), told with their UIDs when `readUids` was given. */
	helpers: RootlessHelper[];
}

/**
 * Indexes one scan's processes. `readUids` reads the UIDs of the conmons and of the would-be
 * helpers (the scan reads UIDs of those alone): a `catatonit -P` is the pause process only when it
 * is not root's, and a new process's UID is unknown until then, so the helpers are told again,
 * among those few, once it is read. A far scan's processes come with their UIDs: no `readUids`.
 */
export function indexScan(processes: readonly ProcessInfo[], readUids?: (processes: ProcessInfo[]) => void): ScanIndex {
	const byPid = indexByPid(processes);
	const conmons = findConmons(processes, byPid);
	let helpers = findRootlessHelpers(processes, byPid);
	if (readUids) {
		readUids([...conmons.map((c) => c.process), ...helpers.map((h) => h.process)]);
		helpers = findRootlessHelpers(
			helpers.map((h) => h.process),
			byPid,
		);
	}
	return { byPid, conmons, helpers };
}
