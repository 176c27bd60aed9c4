import { Text } from 'ink';
import { memo } from 'react';
import { footerText } from '../src/present/keyHelp.js';

/** The keys, always on screen in short form; `? help` and `q quit` survive any width. Memoized: the App redraws every second while ages tick, the footer only on a resize. */
export const Footer = memo(function Footer({ width, inLesson = false, readOnly = false }: { width: number; inLesson?: boolean; readOnly?: boolean }) {
	return (
		<Text dimColor wrap="truncate-end">
			{footerText(width, inLesson, readOnly)}
		</Text>
	);
});
