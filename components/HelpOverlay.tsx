import { Text } from 'ink';
import type React from 'react';
import { t } from '../src/messages/i18n.js';
import { displayWidth, fitToWidth, truncateToWidth, wrapToWidth } from '../src/present/displayWidth.js';
import { keyHelp } from '../src/present/keyHelp.js';
import { type BudgetLine, fitLines, overlayFramed } from '../src/present/lineBudget.js';
import { OverlayBox } from './OverlayBox.js';

/**
 * The `?` overlay: every key and what it does. Too short for all (a 12-row terminal), it keeps
 * the keys the footer keeps longest (q ? k x r s Enter…), each whole on its own row.
 */
export function HelpOverlay({
	height,
	width,
	readOnly = false,
	hostFacts,
}: {
	height: number;
	width: number;
	readOnly?: boolean;
	hostFacts?: string | undefined;
}) {
	const keys = keyHelp();
	const framed = overlayFramed(height);
	const inner = width - (framed ? 4 : 0);
	// The keys' column as wide as its widest entry, but never more than half the row.
	const keyWidth = Math.min(Math.max(...keys.map((k) => displayWidth(k.keys))), Math.floor(inner / 2));
	const lines: BudgetLine<React.ReactElement>[] = [
		{
			line: (
				<Text key="title" bold>
					{truncateToWidth(t('help.title'), inner)}
				</Text>
			),
			priority: 100,
		},
		...keys.map((k) => ({
			line: (
				<Text key={k.keys}>
					<Text color="cyan">{fitToWidth(k.keys, keyWidth)}</Text>
					{`  ${truncateToWidth(k.does, Math.max(0, inner - keyWidth - 2))}`}
				</Text>
			),
			priority: k.footerRank ?? 0,
		})),
		// Read-only, the note says so and is kept before any key: no command key works. The notes
		// wrap (a 100-column projector cut them mid-sentence).
		...noteLines('note', t(readOnly ? 'help.readOnly' : 'help.note'), inner, readOnly ? 99 : -1, readOnly),
		// What podman this is and how its events reach conmon-tui (file, journald, none): kept after the keys.
		...(hostFacts === undefined ? [] : noteLines('host', hostFacts, inner, -1.5, false)),
		// The first lines to go when the terminal is short.
		...noteLines('pod-note', t('help.podNote'), inner, -2, false),
	];
	return <OverlayBox height={height}>{fitLines(lines, height - (framed ? 2 : 0))}</OverlayBox>;
}

/** A note wrapped to the overlay's width, one budget line per wrapped row, all of one priority. */
function noteLines(key: string, text: string, width: number, priority: number, bold: boolean): BudgetLine<React.ReactElement>[] {
	return wrapToWidth(text, width).map((row, i) => ({
		line: (
			<Text key={`${key}-${i}`} {...(bold ? { bold: true } : { dimColor: true })}>
				{row}
			</Text>
		),
		priority,
	}));
}
