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
	const title = `─ ${t('eventLog.title')} `;
	return (
		<Box flexDirection="column" height={lines + 1}>
			<Text dimColor>{title + '─'.repeat(Math.max(0, width - displayWidth(title)))}</Text>
			{log.map((entry) => {
				// Cut here, by display width: Ink's own cut of a Japanese line could leave it a column too
				// wide, and the terminal then wraps it and scrolls the header off the top.
				const clock = `${formatClockMs(entry.at)} `;
				return (
					<Text key={entry.id}>
						<Text dimColor>{clock}</Text>
						<Text {...colorOf(TONE_COLOR[entry.tone])}>{truncateToWidth(safeText(entry.text), Math.max(0, width - displayWidth(clock)))}</Text>
					</Text>
				);
			})}
		</Box>
	);
});
