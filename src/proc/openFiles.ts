// How many /proc files may be held open between reads (liveness.ts, heldStat.ts): a budget out of the
// process's open-files limit.
import { readFileSync } from 'node:fs';

/**
 * At most this many files are held open by one holder (one descriptor each); processes beyond them
 * are read the ordinary way. Node raises its descriptor limit to the hard one (20 000 here, often
 * 1 048 576), but a shell's `ulimit -n 1024` sets both: each holder takes a share of the limit, so
 * that podman's pipes, inotify and the rest always have room.
 */
export const MAX_HELD_FILES = 4_096;

/** The soft limit on open files from /proc/self/limits, undefined when it cannot be read (or is unlimited). */
export function openFilesLimit(procRoot = '/proc'): number | undefined {
	try {
		const line = readFileSync(`${procRoot}/self/limits`, 'utf8')
			.split('\n')
			.find((l) => l.startsWith('Max open files'));
		const soft = Number(line?.slice('Max open files'.length).trim().split(/\s+/)[0]);
		return Number.isFinite(soft) && soft > 0 ? soft : undefined;
	} catch {
		return undefined;
	}
}

/** How many files a holder may keep open: 1/`share` of the open-files limit, at most MAX_HELD_FILES. */
export function heldFilesBudget(share: number, procRoot = '/proc'): number {
	const limit = openFilesLimit(procRoot);
	return limit === undefined ? MAX_HELD_FILES : Math.min(MAX_HELD_FILES, Math.floor(limit / share));
}
