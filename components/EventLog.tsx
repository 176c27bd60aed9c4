import { Box, Text } from 'ink';
import { memo } from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { t } from '../src/messages/i18n.js';
import { displayWidth, truncateToWidth } from '../src/present/displayWidth.js';
import { formatClockMs } from '../src/present/format.js';
import { safeText } from '../src/present/safeText.js';
import { shownView } from '../src/state/frozenView.js';
import type { AppStore, LogEntry } from '../src/state/store.js';

const TONE_COLOR: Record<LogEntry['tone'], string | undefined> = {
	info: undefined,
	good: 'green',
	bad: 'red',
	warn: 'yellow',
	command: 'cyan',
};

function colorOf(color: string | undefined): { color?: string } {
	return color ? { color } : {};
}

/** The last lifecycle changes, newest at the bottom, with times to the millisecond. Memoized: the clock's tick redraws the App, and this does not depend on the time. */
export const EventLog = memo(function EventLog({ store, lines, width }: { store: AppStore; lines: number; width: number }) {
	const log = useAppState(store, (s) => shownView(s).log.slice(-lines));
	return (
		<Box flexDirection="column" height={lines + 1}>
			<Text dimColor>{eventLogTitle(width)}</Text>
			{log.map((entry) => (
				<EventLogLine key={entry.id} entry={entry} width={width} />
			))}
		</Box>
	);
});

/** The event log's title line. */
export function eventLogTitle(width: number): string {
	const title = `─ ${t('eventLog.title')} `;
	return title + '─'.repeat(Math.max(0, width - displayWidth(title)));
}

/** One line of the event log: its time to the millisecond, then its text; on a screen of several hosts, the host's name between them. */
export function EventLogLine({ entry, width, host }: { entry: LogEntry; width: number; host?: string }) {
	// Cut here, by display width: Ink's own cut of a Japanese line could leave it a column too
	// wide, and the terminal then wraps it and scrolls the header off the top.
	const clock = `${formatClockMs(entry.at)} `;
	const hostWords = host === undefined ? '' : `${safeText(host)} `;
	return (
		<Text>
			<Text dimColor>{clock}</Text>
			{hostWords === '' ? null : <Text color="magenta">{hostWords}</Text>}
			<Text {...colorOf(TONE_COLOR[entry.tone])}>
				{truncateToWidth(safeText(entry.text), Math.max(0, width - displayWidth(clock) - displayWidth(hostWords)))}
			</Text>
		</Text>
	);
}
