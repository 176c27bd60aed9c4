import { closeSync, createWriteStream, openSync } from 'node:fs';
import { t } from './i18n.js';
import { onLogAppended, type AppStore, type LogEntry } from './store.js';

/**
 * Opens FILE for appending, or says in one sentence why it cannot: checked before the
 * screen starts, so a bad `--log` or `--record` path is an error message, not a broken session.
 */
export function checkWritable(flag: '--log' | '--record', path: string): string | undefined {
	try {
		closeSync(openSync(path, 'a'));
		return undefined;
	} catch (error) {
		return t('cli.fileUnwritable', { flag, path, message: error instanceof Error ? error.message : String(error) });
	}
}

/** One JSON line per event-log entry: the time, the text people read (in the screen's language), and the facts programs read (the same in every language). */
export function logLine(entry: LogEntry): string {
	return `${JSON.stringify({ time: new Date(entry.at).toISOString(), text: entry.text, ...entry.facts })}\n`;
}

/**
 * `--log FILE`: appends every event-log line to FILE as it is added, in arrival order
 * (the pane sorts by time and keeps only the newest lines; the file keeps all).
 * Returns a function that writes a last line with the state at exit, then stops and flushes.
 */
export function followLogToFile(store: AppStore, path: string): (stateAtExit: object) => Promise<void> {
	const out = createWriteStream(path, { flags: 'a' });
	out.on('error', (error) => {
		store.setState({ status: { tone: 'error', text: `--log ${path}: ${error.message}` } });
	});
	const unsubscribe = onLogAppended(store, (entries) => {
		for (const entry of entries) out.write(logLine(entry));
	});
	return (stateAtExit) => {
		unsubscribe();
		out.write(`${JSON.stringify({ time: new Date().toISOString(), kind: 'state-at-exit', ...stateAtExit })}\n`);
		return new Promise((resolve) => out.end(resolve));
	};
}
