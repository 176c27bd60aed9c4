import { closeSync, constants, createWriteStream, lstatSync, openSync } from 'node:fs';
import { t } from '../messages/i18n.js';
import { safeJson } from '../present/safeText.js';
import { onLogAppended, type AppStore, type LogEntry } from '../state/store.js';

/**
 * How `--log` and `--record` open their file: append, create, and never through a symbolic link.
 * They are often run as root with a path in /tmp, where any user can plant a link to
 * /etc/shadow; O_NOFOLLOW makes the open fail (ELOOP) on a link instead of following it.
 */
export const APPEND_NO_FOLLOW = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

/** Opens FILE for appending without following a symbolic link; throws as openSync does (ELOOP on a link). */
export function openAppendNoFollow(path: string): number {
	return openSync(path, APPEND_NO_FOLLOW, 0o644);
}

/**
 * Opens FILE for appending, or says in one sentence why it cannot: checked before the
 * screen starts, so a bad `--log` or `--record` path is an error message, not a broken session.
 */
export function checkWritable(flag: '--log' | '--record', path: string): string | undefined {
	try {
		closeSync(openAppendNoFollow(path));
		return undefined;
	} catch (error) {
		if (isSymlink(path)) return t('cli.fileSymlink', { flag, path });
		return t('cli.fileUnwritable', { flag, path, message: error instanceof Error ? error.message : String(error) });
	}
}

function isSymlink(path: string): boolean {
	try {
		return lstatSync(path).isSymbolicLink();
	} catch {
		return false;
	}
}

/** One JSON line per event-log entry: the time, the text people read (in the screen's language), and the facts programs read (the same in every language). */
export function logLine(entry: LogEntry): string {
	return `${safeJson(JSON.stringify({ time: new Date(entry.at).toISOString(), text: entry.text, ...entry.facts }))}\n`;
}

/**
 * `--log FILE`: appends every event-log line to FILE as it is added, in arrival order
 * (the pane sorts by time and keeps only the newest lines; the file keeps all).
 * Returns a function that writes a last line with the state at exit, then stops and flushes.
 */
export function followLogToFile(store: AppStore, path: string): (stateAtExit: object) => Promise<void> {
	// Opened here, not by the stream: the stream's flags cannot say O_NOFOLLOW.
	const out = createWriteStream(path, { fd: openAppendNoFollow(path) });
	out.on('error', (error) => {
		store.setState({ status: { tone: 'error', text: `--log ${path}: ${error.message}` } });
	});
	const unsubscribe = onLogAppended(store, (entries) => {
		for (const entry of entries) out.write(logLine(entry));
	});
	return (stateAtExit) => {
		unsubscribe();
		out.write(`${safeJson(JSON.stringify({ time: new Date().toISOString(), kind: 'state-at-exit', ...stateAtExit }))}\n`);
		return new Promise((resolve) => out.end(resolve));
	};
}
