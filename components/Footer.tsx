import { Text } from 'ink';
import React from 'react';
import { KEY_HELP } from '../src/keyHelp.js';

/** The keys, always on screen in short form. */
export function Footer({ width }: { width: number }) {
	const text = KEY_HELP.flatMap((k) => (k.footer ? [k.footer] : [])).join('  ');
	return (
		<Text dimColor wrap="truncate-end">
			{text.length > width ? text.slice(0, Math.max(0, width - 1)) + '…' : text}
		</Text>
	);
}
