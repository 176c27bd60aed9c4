// Files conmon writes for podman, read as outside data: the container's log (`-l k8s-file:PATH`)
// and the exit file in `--exit-dir`, which podman reads and removes within a tenth of a second.
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
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

/**
 * The watch, run in a worker thread of its own: conmon's exit file lives about a tenth of a
 * second (podman reads and removes it), and the main thread, busy drawing and scanning /proc on
 * a loaded machine, was seen to answer an inotify event after the file was gone. The worker does
 * nothing else, so it reads the file the moment it is renamed into place (conmon writes it with
 * g_file_set_contents: a temporary file renamed). It posts the first non-empty text and stops.
 */
const CATCH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync, watch } = require('node:fs');
const path = workerData.dir + '/' + workerData.name;
let watcher;
const tryRead = () => {
	let text;
	try { text = readFileSync(path, 'utf8'); } catch { return; }
	if (text === '') return;
	parentPort.postMessage({ text });
	if (watcher) watcher.close();
	watcher = undefined;
};
try {
	watcher = watch(workerData.dir, (_event, file) => { if (file === workerData.name) tryRead(); });
	watcher.on('error', () => { if (watcher) watcher.close(); watcher = undefined; });
} catch {}
parentPort.postMessage({ ready: true });
tryRead();
`;

/** A worker that has not said it is watching by then is not waited for any longer. */
const READY_TIMEOUT_MS = 3_000;

/**
 * Watches `dir` (inotify, from a worker thread) for the file `name` and keeps the first text read
 * from it: the exit file conmon writes lives only until podman has read it, too short for a poll.
 * `ready` resolves once the watch is in place: the command that makes the file waits for it.
 */
export function catchFile(dir: string, name: string): FileCatch {
	let caught: string | undefined;
	if (!existsSync(dir)) return { watching: false, ready: Promise.resolve(), caught: () => undefined, close: () => undefined };
	const worker = new Worker(CATCH_WORKER, { eval: true, workerData: { dir, name } });
	// Starting a worker took 80-125 ms on a loaded 2-core machine: as long as podman kill itself.
	const ready = new Promise<void>((resolve) => {
		const timer = setTimeout(resolve, READY_TIMEOUT_MS);
		timer.unref();
		const done = (): void => {
			clearTimeout(timer);
			resolve();
		};
		worker.on('message', (message: { ready?: boolean; text?: unknown }) => {
			if (message.ready) done();
			if (caught === undefined && typeof message.text === 'string') caught = message.text;
		});
		worker.on('error', done);
		worker.on('exit', done);
	});
	// A watch left open must not keep conmon-tui from exiting.
	worker.unref();
	return {
		watching: true,
		ready,
		caught: () => caught,
		close: () => {
			void worker.terminate();
		},
	};
}
