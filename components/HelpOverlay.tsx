import { Text } from 'ink';
import type React from 'react';
import { t } from '../src/messages/i18n.js';
import { displayWidth, fitToWidth, truncateToWidth } from '../src/present/displayWidth.js';
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
		// Read-only, the note says so and is kept before any key: no command key works.
		{
			line: (
				<Text key="note" {...(readOnly ? { bold: true } : { dimColor: true })}>
					{truncateToWidth(t(readOnly ? 'help.readOnly' : 'help.note'), inner)}
				</Text>
			),
			priority: readOnly ? 99 : -1,
		},
		// What podman this is and how its events reach conmon-tui (file, journald, none): kept after the keys.
		...(hostFacts === undefined
			? []
			: [
					{
						line: (
							<Text key="host" dimColor>
								{truncateToWidth(hostFacts, inner)}
							</Text>
						),
						priority: -1.5,
					},
				]),
		// The first line to go when the terminal is short.
		{
			line: (
				<Text key="pod-note" dimColor>
					{truncateToWidth(t('help.podNote'), inner)}
				</Text>
			),
			priority: -2,
		},
	];
	return <OverlayBox height={height}>{fitLines(lines, height - (framed ? 2 : 0))}</OverlayBox>;
}
