import type { FileCatch } from '../proc/reader.js';
import type { UnixSocket } from '../proc/unixSockets.js';

/** A watch that never catches: a far host's files are not on this machine's inotify. */
const NOT_WATCHING: FileCatch = {
	watching: false,
	ready: Promise.resolve(),
	caught: () => undefined,
	close: () => {},
};

/**
 * The reads a far host's reader does not make: a process's unix sockets (they need every fd of
 * the process and /proc/net/unix), and conmon's files (the container's log, the exit file, watched
 * by this machine's inotify). Each answers "not known" — the views and lessons say nothing rather
 * than guess — and never from this machine's /proc or files, where the same PID or path names
 * something else.
 */
export abstract class FarFilesUnread {
	unixSockets(): UnixSocket[] {
		return [];
	}
	tailLines(): string[] | undefined {
		return undefined;
	}
	catchFile(): FileCatch {
		return NOT_WATCHING;
	}
}
