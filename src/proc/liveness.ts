// The liveness check's reads: every watched conmon, every second. Each one's /proc/PID/statm is
// opened once and read again in place: one pread instead of open, read and close, of a file the
// kernel writes in a third of the time it takes for stat (bench/RESULTS.md, round four).
import { closeSync, openSync } from 'node:fs';
import { type HeldFile, HeldFiles } from './openFiles.js';
import { isDead, parseStat } from './parse.js';
import { isAliveAs } from './read.js';

/** Errors of an open that say the process is gone; any other (EMFILE, EACCES…) says nothing about it. */
const GONE_CODES = new Set(['ENOENT', 'ESRCH']);

/** statm is seven numbers; stat some 300 bytes (its name at most 64). */
const BUFFER_BYTES = 1_024;
/** A statm starting with a size of 0 pages: the process has no memory left, it has exited. */
const DIGIT_ZERO = 0x30;

/** A process whose statm is held open. */
interface Held extends HeldFile {
	startTicks: number | undefined;
}

/**
 * Tells whether processes still run (not zombies) as the same process, like isAliveAs, holding
 * each one's /proc/PID/statm open between checks. An open /proc/PID file stays bound to that
 * process, not to its number: once the process is reaped, reading it fails (ESRCH), and a new
 * process given the same PID is never mistaken for it. A zombie's file still reads, but its
 * memory is gone: statm says `0 0 0 0 0 0 0` (seen here; the kernel prints zeros once the
 * process has let go of its memory, at exit), so a conmon killed by hand is told from a live
 * one — kill(pid, 0) could not. The start time and state are read from stat once, when the
 * file is opened. A round (endRound) closes the files of processes not asked about in it: gone
 * from the screen, or not reached by a check that stopped at the first gone process (reopened
 * when asked again).
 */
export class HeldLiveness extends HeldFiles<Held> {
	constructor(private readonly procRoot = '/proc') {
		super(4, procRoot, BUFFER_BYTES);
	}

	/** Whether `pid` runs, not a zombie — the process that started at `startTicks` when given. */
	isAliveAs(pid: number, startTicks: number | undefined): boolean {
		const known = this.use(pid);
		if (known && known.startTicks === startTicks) return this.readHeld(pid, known);
		if (known) this.forget(pid);
		if (this.full) return isAliveAs(pid, startTicks, this.procRoot);
		// statm first, held; then stat, read once: its start time tells the process, its state a zombie.
		let fd: number;
		try {
			fd = openSync(`${this.procRoot}/${pid}/statm`, 'r');
		} catch (error) {
			// Out of descriptors (or not allowed): that says nothing of the process. Taken as alive, the scans
			// every 5 s still see it go; taken as gone, every check would start a burst of scans, for ever.
			return !GONE_CODES.has((error as NodeJS.ErrnoException).code ?? '');
		}
		const stat = this.readOnce(`${this.procRoot}/${pid}/stat`);
		const parsed = stat === undefined ? undefined : parseStat(stat);
		// Another process under that PID (or none): nothing to hold.
		if (!parsed || (startTicks !== undefined && parsed.startTicks !== startTicks)) {
			closeSync(fd);
			return false;
		}
		const entry = { startTicks, fd, round: 0 };
		this.hold(pid, entry);
		// The statm opened before the stat was read: if it is that process's, it must read too.
		return !isDead(parsed) && this.readHeld(pid, entry);
	}

	private readHeld(pid: number, entry: Held): boolean {
		const length = this.readAt(entry.fd);
		if (length === undefined) {
			// Reaped: the file will never read again.
			this.forget(pid);
			return false;
		}
		// Read as bytes: no string is made for a process that runs, as nearly all do.
		return length > 0 && this.buffer[0] !== DIGIT_ZERO;
	}

	private readOnce(path: string): string | undefined {
		let fd: number;
		try {
			fd = openSync(path, 'r');
		} catch {
			return undefined;
		}
		try {
			const length = this.readAt(fd);
			return length === undefined ? undefined : this.buffer.toString('latin1', 0, length);
		} finally {
			closeSync(fd);
		}
	}
}
