import { Text } from 'ink';
import React from 'react';
import { footerText } from '../src/keyHelp.js';

/** The keys, always on screen in short form; `? help` and `q quit` survive any width. */
export function Footer({ width, inLesson = false }: { width: number; inLesson?: boolean }) {
	return (
		<Text dimColor wrap="truncate-end">
			{footerText(width, inLesson)}
		</Text>
	);
}
