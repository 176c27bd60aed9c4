// The quick scans' reads of the processes on screen: each one's /proc/PID/stat is held open and read
// again in place, and a line that says what the last scan kept is not turned into a string at all
// (bench/RESULTS.md, round five).
import { closeSync, openSync } from 'node:fs';
import { type HeldFile, HeldFiles } from './openFiles.js';
import type { ProcessInfo } from './parse.js';

/** A stat line is some 300 bytes (its name at most 64): one that fills the buffer is taken for a process gone (none does). */
const BUFFER_BYTES = 4_096;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const SPACE = 0x20;
const DIGIT_ZERO = 0x30;

/**
 * What a held read says: `unchanged` when the process is the one last read and its name, state and
 * parent are as given; the line otherwise; undefined once the process has gone; `not held` when its
 * file could not be held (read it the ordinary way).
 */
export type HeldStatRead = string | 'unchanged' | 'not held' | undefined;

/**
 * /proc/PID/stat of the processes a quick scan reads again every time (conmons and what runs below
 * them), held open between scans: one pread instead of open, read and close, and no string made
 * when nothing changed. An open /proc/PID file stays bound to that process, not its number
 * (liveness.ts): once reaped it reads no more and the PID is opened afresh, so a file that still
 * reads is the process that was read when it was opened, with the same start time. Files of
 * processes not read in a round are closed at its end (endRound). At most an eighth of the
 * open-files limit is held (a quarter goes to the liveness check); beyond, `not held`.
 */
export class HeldStatFiles extends HeldFiles<HeldFile> {
	constructor(private readonly procRoot = '/proc') {
		super(8, procRoot, BUFFER_BYTES);
	}

	/**
	 * Reads `pid`'s stat. `last` is what was read of it before (through this file, or later): when the
	 * file was already open and reads the same name, state and parent, the answer is `unchanged`.
	 */
	read(pid: number, last: Pick<ProcessInfo, 'comm' | 'state' | 'ppid'> | undefined): HeldStatRead {
		const known = this.use(pid);
		if (known) {
			const length = this.lineLength(known.fd);
			if (length !== undefined) return last && this.says(length, last) ? 'unchanged' : this.line(length);
			// Reaped: another process may have the PID now, opened afresh below.
			this.forget(pid);
		}
		if (this.full) return 'not held';
		let fd: number;
		try {
			fd = openSync(`${this.procRoot}/${pid}/stat`, 'r');
		} catch {
			return 'not held';
		}
		const length = this.lineLength(fd);
		if (length === undefined) {
			closeSync(fd);
			return undefined;
		}
		this.hold(pid, { fd, round: 0 });
		return this.line(length);
	}

	/** The line's bytes read into the buffer, or undefined when the process has gone (or its line does not fit). */
	private lineLength(fd: number): number | undefined {
		const length = this.readAt(fd);
		return length !== undefined && length > 0 && length < BUFFER_BYTES ? length : undefined;
	}

	private line(length: number): string {
		return this.buffer.toString('utf8', 0, length);
	}

	/** Whether the line in the buffer says `PID (NAME) STATE PPID` with last's name, state and parent (read as parseStat reads them: after the last `)`). */
	private says(length: number, last: Pick<ProcessInfo, 'comm' | 'state' | 'ppid'>): boolean {
		const buffer = this.buffer;
		const open = buffer.indexOf(OPEN_PAREN);
		const close = buffer.lastIndexOf(CLOSE_PAREN, length - 1);
		// `) S 1234 `: the state is one letter after `) `, then the parent's PID up to the next space.
		if (open < 0 || close < open || close + 4 >= length || last.state.length !== 1) return false;
		if (buffer[close + 1] !== SPACE || buffer[close + 2] !== last.state.charCodeAt(0) || buffer[close + 3] !== SPACE) return false;
		let ppid = 0;
		let at = close + 4;
		for (; at < length && buffer[at] !== SPACE; at++) {
			const digit = (buffer[at] ?? 0) - DIGIT_ZERO;
			if (digit < 0 || digit > 9) return false;
			ppid = ppid * 10 + digit;
		}
		if (at === close + 4 || at === length || ppid !== last.ppid) return false;
		return buffer.toString('utf8', open + 1, close) === last.comm;
	}
}
