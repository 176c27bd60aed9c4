// The /proc files held open between reads (liveness.ts, heldStat.ts): how many each holder may keep,
// out of the process's open-files limit, the table of those it keeps, and the read in place of one.
import { closeSync, readFileSync, readSync } from 'node:fs';

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

/** A /proc file held open between reads, and the round it was last used in. */
export interface HeldFile {
	fd: number;
	round: number;
}

/**
 * A holder of /proc files kept open between reads, by PID, within its budget (heldFilesBudget): each
 * round, the files not used in it are closed at its end — their processes have gone, or are no
 * longer asked about. Every holder reads a held file the same way (readAt, into one buffer); the
 * holders (HeldStatFiles, HeldLiveness) say which file they hold and what its bytes mean.
 */
export abstract class HeldFiles<T extends HeldFile> {
	private readonly held = new Map<number, T>();
	private round = 0;
	private readonly max: number;
	/** What readAt read last: one buffer for every read, so that a read makes no string unless asked to. */
	protected readonly buffer: Buffer;

	/**
	 * `share`: this holder may keep 1/share of the open-files limit (at most MAX_HELD_FILES);
	 * `bufferBytes`: more than the longest file it reads.
	 */
	protected constructor(share: number, procRoot: string, bufferBytes: number) {
		this.max = heldFilesBudget(share, procRoot);
		this.buffer = Buffer.alloc(bufferBytes);
	}

	/**
	 * Reads the file open at `fd` again from its start into `buffer`: how many bytes it read, or
	 * undefined when the read failed — a held /proc file's process has been reaped (ESRCH).
	 */
	protected readAt(fd: number): number | undefined {
		try {
			return readSync(fd, this.buffer, 0, this.buffer.length, 0);
		} catch {
			return undefined;
		}
	}

	/** Closes the files not used since the last endRound, and starts a new round. */
	endRound(): void {
		for (const [pid, entry] of this.held) if (entry.round !== this.round) this.forget(pid);
		this.round++;
	}

	/** Closes the files of the processes `gone` says have gone, whatever the round. */
	forgetGone(gone: (pid: number) => boolean): void {
		for (const pid of [...this.held.keys()]) if (gone(pid)) this.forget(pid);
	}

	/** Closes every held file. */
	close(): void {
		for (const pid of [...this.held.keys()]) this.forget(pid);
	}

	/** How many files are held open now (for tests). */
	get heldCount(): number {
		return this.held.size;
	}

	/** The file held for `pid`, marked as used in this round. */
	protected use(pid: number): T | undefined {
		const entry = this.held.get(pid);
		if (entry) entry.round = this.round;
		return entry;
	}

	/** Whether the budget is spent: a process beyond it is read the ordinary way. */
	protected get full(): boolean {
		return this.held.size >= this.max;
	}

	/** Holds `entry` for `pid`, used in this round. */
	protected hold(pid: number, entry: T): void {
		entry.round = this.round;
		this.held.set(pid, entry);
	}

	/** Closes the file held for `pid`, if any. */
	protected forget(pid: number): void {
		const entry = this.held.get(pid);
		if (!entry) return;
		closeSync(entry.fd);
		this.held.delete(pid);
	}
}
