import { closeSync, type FSWatcher, fstatSync, openSync, readSync, type Stats, statSync, watch } from 'node:fs';
import { dirname } from 'node:path';
import { t } from '../messages/i18n.js';

/** Where a tail stopped: the file (device and inode) and the byte offset after its last complete line. */
export interface TailPosition {
	dev: number;
	ino: number;
	offset: number;
}

export interface EventFileTailHandlers {
	/**
	 * Complete lines, in file order. `reread` is true for lines read from the start of a file the
	 * tail had not read before (a new file after podman's rotation, a truncated one, or the first
	 * open): podman's rotation copies the newest half of the old file into the new one, so such lines
	 * may have been delivered already.
	 */
	onLines(lines: string[], reread: boolean): void;
	/** The file or its directory cannot be read or watched any more; the tail has stopped. */
	onError(error: Error): void;
}

/** Bytes read at a time. */
const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * Follows one file of JSON lines as podman writes it (libpod/events/logfile.go), woken by inotify
 * (fs.watch) on the file's directory, not by polling. The directory is watched, not the file,
 * so that a file replaced by rename (podman's rotation) or removed and created again is seen.
 * A last line without its newline is held until it is complete. Reads are synchronous: each
 * wake-up reads a few hundred bytes (a whole file, at most podman's events_logfile_max_size,
 * only when a file is new).
 */
export class EventFileTail {
	private readonly dir: string;
	private watcher: FSWatcher | undefined;
	private fd: number | undefined;
	private dirDev = 0;
	private dirIno = 0;
	private dev = 0;
	private ino = 0;
	/** Bytes of the open file read so far (the held partial line included). */
	private offset = 0;
	/** The start of a line not yet ended by a newline. */
	private partial: Buffer = Buffer.alloc(0);
	/** Where to continue at the first open (after a restart); undefined: the file is read from its start. */
	private resumeAt: TailPosition | undefined;
	private readonly chunk = Buffer.alloc(CHUNK_BYTES);
	private stopped = false;

	constructor(
		readonly path: string,
		private readonly handlers: EventFileTailHandlers,
	) {
		this.dir = dirname(path);
	}

	/**
	 * Starts following. With `from` (an earlier tail's position) the same file continues from that
	 * offset; a different or shorter file is read from its start. Throws when the directory
	 * cannot be watched or the file exists but cannot be read.
	 */
	start(from?: TailPosition): void {
		this.resumeAt = from;
		const dir = statSync(this.dir);
		this.dirDev = dir.dev;
		this.dirIno = dir.ino;
		// Any change in the directory is looked at (a stat): the directory's own removal is reported
		// under its name, not the file's, and each write also touches podman's `events.log.lock`.
		this.watcher = watch(this.dir, { persistent: false }, () => this.pump());
		this.watcher.on('error', (error) => this.fail(error));
		this.read();
	}

	/** Where the next line starts: a restarted tail given this position misses and repeats nothing. */
	position(): TailPosition | undefined {
		if (this.fd === undefined) return this.resumeAt;
		return { dev: this.dev, ino: this.ino, offset: this.offset - this.partial.length };
	}

	/** Stops watching and closes the file. */
	stop(): void {
		this.stopped = true;
		this.watcher?.close();
		this.watcher = undefined;
		this.close();
	}

	private pump(): void {
		if (this.stopped) return;
		try {
			this.read();
		} catch (error) {
			this.fail(error instanceof Error ? error : new Error(String(error)));
		}
	}

	/** Reads whatever is new: the rest of a replaced file, then the current one. */
	private read(): void {
		const dir = statSync(this.dir);
		// Removed and made again between two looks: the watch is on the old directory and would stay silent.
		if (dir.ino !== this.dirIno || dir.dev !== this.dirDev) throw new Error(t('podman.eventsDirReplaced', { dir: this.dir }));
		const current = statOrUndefined(this.path);
		if (this.fd !== undefined && (current === undefined || current.ino !== this.ino || current.dev !== this.dev)) {
			// Replaced or removed. Writers open the path for each line, so the old file is complete:
			// what was appended to it before the rename is read from the descriptor still open.
			this.readToEnd(false);
			this.close();
		}
		if (this.fd === undefined) {
			// No file yet: podman creates it at its next command.
			if (current === undefined) return;
			this.open();
			return;
		}
		this.readToEnd(false);
	}

	private open(): void {
		const fd = openSync(this.path, 'r');
		const stat = fstatSync(fd);
		this.fd = fd;
		this.dev = stat.dev;
		this.ino = stat.ino;
		this.partial = Buffer.alloc(0);
		const from = this.resumeAt;
		this.resumeAt = undefined;
		const sameFile = from !== undefined && from.dev === stat.dev && from.ino === stat.ino && from.offset <= stat.size;
		this.offset = sameFile ? from.offset : 0;
		this.readToEnd(!sameFile);
	}

	/** Reads from the offset to the end of the open file, handing over complete lines. */
	private readToEnd(fromStart: boolean): void {
		const fd = this.fd;
		if (fd === undefined) return;
		let reread = fromStart;
		if (fstatSync(fd).size < this.offset) {
			// Truncated in place (podman 4.x copies a rotated file back this way across file systems).
			this.offset = 0;
			this.partial = Buffer.alloc(0);
			reread = true;
		}
		for (;;) {
			const read = readSync(fd, this.chunk, 0, CHUNK_BYTES, this.offset);
			if (read === 0) return;
			this.offset += read;
			const bytes = Buffer.concat([this.partial, this.chunk.subarray(0, read)]);
			const end = bytes.lastIndexOf(NEWLINE);
			// Copied: `chunk` is reused by the next read.
			this.partial = Buffer.from(end < 0 ? bytes : bytes.subarray(end + 1));
			if (end < 0) continue;
			const lines = bytes
				.subarray(0, end)
				.toString('utf8')
				.split('\n')
				.filter((line) => line !== '');
			if (lines.length > 0) this.handlers.onLines(lines, reread);
			if (this.stopped || this.fd !== fd) return;
		}
	}

	private close(): void {
		if (this.fd !== undefined) closeSync(this.fd);
		this.fd = undefined;
		this.partial = Buffer.alloc(0);
	}

	private fail(error: Error): void {
		if (this.stopped) return;
		// Kept so that a tail started again from position() continues where this one stopped.
		this.resumeAt = this.position();
		this.stop();
		this.handlers.onError(error);
	}
}

function statOrUndefined(path: string): Stats | undefined {
	try {
		return statSync(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}
