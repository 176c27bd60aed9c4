import { Box, Text } from 'ink';
import React from 'react';
import { KEY_HELP } from '../src/keyHelp.js';

/** The `?` overlay: every key and what it does. */
export function HelpOverlay({ height }: { height: number }) {
	const width = Math.max(...KEY_HELP.map((k) => k.keys.length));
	return (
		<Box flexDirection="column" height={height} borderStyle="round" paddingX={1} overflow="hidden">
			<Text bold>Keys — Escape or ? closes</Text>
			{KEY_HELP.map((k) => (
				<Text key={k.keys} wrap="truncate-end">
					<Text color="cyan">{k.keys.padEnd(width)}</Text>  {k.does}
				</Text>
			))}
			<Text dimColor wrap="truncate-end">
				Every podman command a key runs is shown on the status line and in the event log.
			</Text>
		</Box>
	);
}
