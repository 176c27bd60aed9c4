import { useMemo } from 'react';
import { readComm, readProcessFacts, type ProcessFacts } from '../src/procfs.js';

/**
 * What the details view reads from /proc beyond the scan: NSpid, Uid, uid_map of a process
 * and its parent's name. Read when the view opens and again on each clock tick (`now`).
 */
export function useProcessFacts(pid: number | undefined, ppid: number | undefined, now: number): { facts: ProcessFacts | undefined; parentComm: string | undefined } {
	return useMemo(
		() => ({
			facts: pid === undefined ? undefined : readProcessFacts(pid),
			parentComm: ppid === undefined ? undefined : readComm(ppid),
		}),
		// `now` is a dependency on purpose: the facts are re-read every tick while the view is open.
		[pid, ppid, now],
	);
}
