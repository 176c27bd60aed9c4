import { Box, Text } from 'ink';
import React from 'react';
import { displayWidth, fitToWidth } from '../src/present/displayWidth.js';
import { t } from '../src/messages/i18n.js';
import { keyHelp } from '../src/present/keyHelp.js';

/** The `?` overlay: every key and what it does. */
export function HelpOverlay({ height, readOnly = false }: { height: number; readOnly?: boolean }) {
	const keys = keyHelp();
	const width = Math.max(...keys.map((k) => displayWidth(k.keys)));
	return (
		<Box flexDirection="column" height={height} borderStyle="round" paddingX={1} overflow="hidden">
			<Text bold wrap="truncate-end">{t('help.title')}</Text>
			{keys.map((k) => (
				<Text key={k.keys} wrap="truncate-end">
					<Text color="cyan">{fitToWidth(k.keys, width)}</Text>  {k.does}
				</Text>
			))}
			{/* One line for the note: a 24-row terminal has no room for another. */}
			<Text {...(readOnly ? { bold: true } : { dimColor: true })} wrap="truncate-end">
				{t(readOnly ? 'help.readOnly' : 'help.note')}
			</Text>
		</Box>
	);
}
