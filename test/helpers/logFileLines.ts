import { readFileSync } from 'node:fs';

/** One line of the program's `--log` file (src/output/logFile.ts): the fields the tests read. */
export interface LogLine {
	time?: string;
	/** What the entry is about: `podman-event`, `events-source`, `state-at-exit`, … */
	kind?: string;
	/** The text people read, in the screen's language. */
	text?: string;
	status?: string;
	containerId?: string;
	pid?: number;
	exitCode?: number;
	/** Came after lines later than it were already written. */
	late?: boolean;
	/** A record the pane did not draw but counted (another store's conmon). */
	counted?: boolean;
	containers?: { id: string; state: string }[];
}

/** Every line the `--log` file holds now (the program writes whole lines). */
export function readLogLines(file: string): LogLine[] {
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as LogLine);
}
