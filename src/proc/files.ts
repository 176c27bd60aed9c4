// Files conmon writes for podman, read as outside data: the container's log (`-l k8s-file:PATH`)
// and the exit file in `--exit-dir`, which podman reads and removes within a tenth of a second.
import { closeSync, type FSWatcher, fstatSync, openSync, readFileSync, readSync, watch } from 'node:fs';
import { join } from 'node:path';
import type { FileCatch } from './reader.js';

/** How much of a log's end is read for its last lines: a few lines, never the whole file. */
const TAIL_BYTES = 16 * 1024;

/** The last `count` complete lines of a file; undefined when it cannot be read (gone, no permission). */
export function tailLines(path: string, count: number): string[] | undefined {
	let fd: number | undefined;
	try {
		fd = openSync(path, 'r');
		const size = fstatSync(fd).size;
		const length = Math.min(size, TAIL_BYTES);
		const buffer = Buffer.alloc(length);
		const read = readSync(fd, buffer, 0, length, size - length);
		const lines = buffer.subarray(0, read).toString('utf8').split('\n');
		// The last element is what follows the last newline: a line not yet complete (or '').
		lines.pop();
		// Read from the middle of the file, the first element may be a line's tail: drop it.
		if (length < size) lines.shift();
		return lines.slice(-count);
	} catch {
		return undefined;
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/** A file's text, or undefined when it is not there. */
function readIfThere(path: string): string | undefined {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return undefined;
	}
}

/**
 * Watches `dir` (inotify) for the file `name` and keeps the first text read from it: the exit
 * file conmon writes lives only until podman has read it, too short for a poll to see.
 */
export function catchFile(dir: string, name: string): FileCatch {
	const path = join(dir, name);
	let caught = readIfThere(path);
	let watcher: FSWatcher | undefined;
	try {
		watcher = watch(dir, (_event, file) => {
			if (caught === undefined && file === name) caught = readIfThere(path);
		});
		watcher.on('error', () => watcher?.close());
	} catch {
		watcher = undefined;
	}
	return {
		watching: watcher !== undefined,
		caught: () => caught,
		close: () => watcher?.close(),
	};
}
