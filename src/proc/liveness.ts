// The liveness check's reads: every watched conmon's /proc/PID/stat, every second. Each file is
// opened once and read again in place, one pread instead of open, read and close: the idle
// program's most frequent /proc read (bench/RESULTS.md, round four).
import { closeSync, openSync, readSync } from 'node:fs';
import { isDead, parseStat } from './parse.js';
import { isAliveAs } from './read.js';

/**
 * At most this many stat files are held open (one descriptor each); processes beyond them are
 * read the ordinary way. Node raises its descriptor limit to the hard one (20 000 here, often
 * 1 048 576), so this leaves room for everything else at thousands of containers.
 */
export const MAX_HELD_STAT_FILES = 4_096;

/** A stat line is some 300 bytes; the state is in its first 80 or so (after the name, at most 64 bytes). */
const STAT_BUFFER_BYTES = 1_024;
const CLOSE_PAREN = 0x29;
/** The states isDead names (parse.ts), as bytes. */
const ZOMBIE = 0x5a;
const DEAD = 0x58;

/**
 * Tells whether processes still run (not zombies) as the same process, like isAliveAs, holding
 * each one's /proc/PID/stat open between checks. An open /proc/PID file stays bound to that
 * process, not to its number: once the process is reaped, reading it fails (ESRCH), and a new
 * process given the same PID is never mistaken for it. While it is a zombie, the file still
 * reads, with state Z: a conmon killed by hand is told from a live one (kill(pid, 0) could not).
 * The start time is compared once, when the file is opened.
 */
export class HeldLiveness {
	private readonly held = new Map<string, number>();
	/** Keys asked about since the last sweep: the others' files are closed then. */
	private asked = new Set<string>();
	private readonly buffer = Buffer.alloc(STAT_BUFFER_BYTES);

	constructor(private readonly procRoot = '/proc') {}

	/** Whether `pid` runs, not a zombie — the process that started at `startTicks` when given. */
	isAliveAs(pid: number, startTicks: number | undefined): boolean {
		const key = `${pid}@${startTicks ?? ''}`;
		this.asked.add(key);
		const fd = this.held.get(key);
		if (fd !== undefined) return this.readHeld(key, fd);
		if (this.held.size >= MAX_HELD_STAT_FILES) return isAliveAs(pid, startTicks, this.procRoot);
		let opened: number;
		try {
			opened = openSync(`${this.procRoot}/${pid}/stat`, 'r');
		} catch {
			return false;
		}
		const stat = this.read(opened);
		const parsed = stat === undefined ? undefined : parseStat(stat);
		// Another process under that PID (or none): nothing to hold.
		if (!parsed || (startTicks !== undefined && parsed.startTicks !== startTicks)) {
			closeSync(opened);
			return false;
		}
		this.held.set(key, opened);
		return !isDead(parsed);
	}

	/**
	 * Closes the files of processes not asked about since the last sweep (gone from the screen,
	 * or not reached by a check that stopped at the first gone process: reopened when asked again).
	 */
	sweep(): void {
		for (const [key, fd] of this.held) {
			if (this.asked.has(key)) continue;
			closeSync(fd);
			this.held.delete(key);
		}
		this.asked = new Set();
	}

	/** Closes every held file. */
	close(): void {
		for (const fd of this.held.values()) closeSync(fd);
		this.held.clear();
		this.asked = new Set();
	}

	/** How many stat files are held open now (for tests). */
	get heldCount(): number {
		return this.held.size;
	}

	private readHeld(key: string, fd: number): boolean {
		let length: number;
		try {
			length = readSync(fd, this.buffer, 0, STAT_BUFFER_BYTES, 0);
		} catch {
			// Reaped: the file will never read again.
			closeSync(fd);
			this.held.delete(key);
			return false;
		}
		// The state is the field after the name, which ends at the last ')'. Read as bytes: no string
		// is made for a process that runs, as nearly all do.
		const close = this.buffer.subarray(0, length).lastIndexOf(CLOSE_PAREN);
		const state = close < 0 || close + 2 >= length ? undefined : this.buffer[close + 2];
		return state !== undefined && state !== ZOMBIE && state !== DEAD;
	}

	/** The stat line from the start of the open file; undefined when the process has been reaped. */
	private read(fd: number): string | undefined {
		try {
			const length = readSync(fd, this.buffer, 0, STAT_BUFFER_BYTES, 0);
			return this.buffer.toString('latin1', 0, length);
		} catch {
			return undefined;
		}
	}
}
