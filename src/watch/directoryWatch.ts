import { type FSWatcher, watch } from 'node:fs';

/**
 * Calls `onChange` when anything changes under the watched directories (inotify through
 * fs.watch). It only says "look now": what changed is read from /proc, so a missed or
 * merged notification costs nothing but speed. A directory that cannot be watched (gone,
 * no permission, out of inotify watches) is skipped: the periodic scans still cover it.
 */
export class DirectoryWatch {
	private readonly watchers = new Map<string, FSWatcher>();

	constructor(private readonly onChange: () => void) {}

	/** Starts watching `dir` (and, if `recursive`, everything below it) unless it already is. */
	add(dir: string, recursive = false): void {
		if (this.watchers.has(dir)) return;
		try {
			const watcher = watch(dir, { recursive, persistent: false }, () => this.onChange());
			watcher.on('error', () => this.remove(dir));
			this.watchers.set(dir, watcher);
		} catch {
			// ENOENT, EACCES, ENOSPC: fall back to scanning on timers.
		}
	}

	/** Stops watching `dir`. */
	remove(dir: string): void {
		this.watchers.get(dir)?.close();
		this.watchers.delete(dir);
	}

	/** Stops watching everything. */
	close(): void {
		for (const dir of [...this.watchers.keys()]) this.remove(dir);
	}
}
