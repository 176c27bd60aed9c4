import { useContext, useEffect, useState } from 'react';
import type { ProcessFacts } from '../src/proc/parse.js';
import { ReaderContext } from './readerContext.js';

/** What the details view shows of a process beyond the scan; `read` is false until the first read is done. */
export interface ShownProcessFacts {
	read: boolean;
	facts: ProcessFacts | undefined;
	parentComm: string | undefined;
	/** /proc/PID/cgroup as written (a conmon's tells who placed it: podman, or a systemd unit). */
	cgroup: string | undefined;
}

/**
 * What the details view reads from /proc beyond the scan: NSpid, Uid, uid_map of a process and
 * its parent's name. Read after the view opens, never during a render, and again on each clock
 * tick (`now`: every second while the view is open; frozen, time and the facts stand still).
 */
export function useProcessFacts(pid: number | undefined, ppid: number | undefined, now: number): ShownProcessFacts {
	const reader = useContext(ReaderContext);
	const [seen, setSeen] = useState<{
		pid: number | undefined;
		ppid: number | undefined;
		facts: ProcessFacts | undefined;
		parentComm: string | undefined;
		cgroup: string | undefined;
	}>();
	// biome-ignore lint/correctness/useExhaustiveDependencies: `now` is the trigger: the facts are read again every tick while the view is open.
	useEffect(() => {
		if (!reader) return;
		setSeen({
			pid,
			ppid,
			facts: pid === undefined ? undefined : reader.facts(pid),
			parentComm: ppid === undefined ? undefined : reader.comm(ppid),
			cgroup: pid === undefined ? undefined : reader.cgroup(pid),
		});
	}, [reader, pid, ppid, now]);
	// Facts read for another process (the cursor moved) are not this one's: not read yet.
	if (!seen || seen.pid !== pid || seen.ppid !== ppid) return { read: false, facts: undefined, parentComm: undefined, cgroup: undefined };
	return { read: true, facts: seen.facts, parentComm: seen.parentComm, cgroup: seen.cgroup };
}
