import { closeSync, constants, createWriteStream, lstatSync, openSync } from 'node:fs';
import { t } from '../messages/i18n.js';
import { safeJson } from '../present/safeText.js';
import { type AppStore, drawnInPane, type LogEntry, onLogAppended } from '../state/store.js';

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

/**
 * One JSON line per event-log entry: the time, the text people read (in the screen's language), and the facts programs read (the same in every language).
 * `counted` marks a record the pane did not draw but counted on a line of its own (another store's conmon);
 * `late` marks an entry that came after lines later than it were already written (see LOG_HOLD_MS).
 */
export function logLine(entry: LogEntry, late = false): string {
	const marks = { ...(drawnInPane(entry) ? {} : { counted: true }), ...(late ? { late: true } : {}) };
	return `${safeJson(JSON.stringify({ time: new Date(entry.at).toISOString(), text: entry.text, ...entry.facts, ...marks }))}\n`;
}

/**
 * Entries do not arrive in the order things happened: a podman event is stamped before it is
 * read, a conmon's start is read from /proc after the fact, a command's result is logged when
 * podman answers. The file holds each entry this long and writes in time order, as `--record` does.
 */
export const LOG_HOLD_MS = 1_000;
const LOG_FLUSH_INTERVAL_MS = 250;

/**
 * Holds log entries and gives them back in time order once they are old enough. An entry older
 * than one already given back (it arrived more than the hold late) is given back at once, marked late.
 */
export class TimeOrderedLog {
	private held: LogEntry[] = [];
	private lastAt = Number.NEGATIVE_INFINITY;

	add(entries: readonly LogEntry[]): void {
		this.held.push(...entries);
	}

	/** The held entries that happened at or before `until`, oldest first. */
	release(until: number): { entry: LogEntry; late: boolean }[] {
		const ready = this.held.filter((entry) => entry.at <= until).sort((a, b) => a.at - b.at);
		if (ready.length === 0) return [];
		this.held = this.held.filter((entry) => entry.at > until);
		return ready.map((entry) => {
			const late = entry.at < this.lastAt;
			if (!late) this.lastAt = entry.at;
			return { entry, late };
		});
	}
}

/**
 * `--log FILE`: appends every event-log line to FILE in the order things happened, each once it
 * is LOG_HOLD_MS old (the pane sorts by time and keeps only the newest lines; the file keeps all).
 * Returns a function that writes what is held and a last line with the state at exit, then stops and flushes.
 */
export function followLogToFile(store: AppStore, path: string): (stateAtExit: object) => Promise<void> {
	// Opened here, not by the stream: the stream's flags cannot say O_NOFOLLOW.
	const out = createWriteStream(path, { fd: openAppendNoFollow(path) });
	out.on('error', (error) => {
		store.setState({ status: { tone: 'error', text: `--log ${path}: ${error.message}`, source: 'program' } });
	});
	const ordered = new TimeOrderedLog();
	const flush = (until: number): void => {
		for (const { entry, late } of ordered.release(until)) out.write(logLine(entry, late));
	};
	const unsubscribe = onLogAppended(store, (entries) => ordered.add(entries));
	const timer = setInterval(() => flush(Date.now() - LOG_HOLD_MS), LOG_FLUSH_INTERVAL_MS);
	return (stateAtExit) => {
		clearInterval(timer);
		unsubscribe();
		flush(Number.POSITIVE_INFINITY);
		out.write(`${safeJson(JSON.stringify({ time: new Date().toISOString(), kind: 'state-at-exit', ...stateAtExit }))}\n`);
		return new Promise((resolve) => out.end(resolve));
	};
}
