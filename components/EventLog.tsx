import { Box, Text } from 'ink';
import React from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { displayWidth } from '../src/present/displayWidth.js';
import { t } from '../src/messages/i18n.js';
import { formatClockMs } from '../src/present/format.js';
import { shownView } from '../src/state/frozenView.js';
import type { AppStore, LogEntry } from '../src/state/store.js';
import { safeText } from '../src/present/safeText.js';

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

/** The last lifecycle changes, newest at the bottom, with times to the millisecond. */
export function EventLog({ store, lines, width }: { store: AppStore; lines: number; width: number }) {
	const log = useAppState(store, (s) => shownView(s).log.slice(-lines));
	const title = `─ ${t('eventLog.title')} `;
	return (
		<Box flexDirection="column" height={lines + 1}>
			<Text dimColor>{title + '─'.repeat(Math.max(0, width - displayWidth(title)))}</Text>
			{log.map((entry) => (
				<Text key={entry.id} wrap="truncate-end">
					<Text dimColor>{formatClockMs(entry.at)} </Text>
					<Text {...colorOf(TONE_COLOR[entry.tone])}>{safeText(entry.text)}</Text>
				</Text>
			))}
		</Box>
	);
}
