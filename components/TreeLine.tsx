import { Text } from 'ink';
import { memo } from 'react';
import type { TreeRow } from '../src/model/tree.js';
import { displayWidth, fitToWidth, truncateToWidth } from '../src/present/displayWidth.js';
import { changeBadge, containerColumns, infraNote, rowText, stateGlyph, unitNote } from '../src/present/format.js';
import type { ColumnWidths } from '../src/present/treeColumns.js';
import { isDead } from '../src/proc/parse.js';

function rowColor(row: TreeRow): { color?: string } {
	const color = rowColorName(row);
	return color ? { color } : {};
}

function rowColorName(row: TreeRow): string | undefined {
	switch (row.kind) {
		case 'container':
			return row.container.state === 'running' ? 'green' : row.container.state === 'paused' ? 'yellow' : undefined;
		case 'conmon':
			if (row.highlight === 'new') return 'green';
			return row.generation.exitedAt === undefined && !row.zombie ? 'cyan' : 'red';
		case 'exec':
			return row.highlight === 'new' ? 'green' : row.highlight === 'exited' ? 'red' : 'magenta';
		case 'pod':
			return 'blue';
		case 'unmonitored':
		case 'nothing-left':
		case 'foreign-heading':
			return 'yellow';
		default:
			return undefined;
	}
}

/**
 * The first column of every row: ▶ on the selected one. Inverse video alone vanishes where Ink
 * draws no attributes (TERM=dumb, FORCE_COLOR=0, NO_COLOR) and on a washed-out projector.
 */
export const SELECTION_MARKER = '▶ ';
export const NO_MARKER = '  ';
/** The marker column's width, taken from the row's width. */
export const MARKER_WIDTH = 2;

/** One row of the tree, truncated to the terminal width. */
export const TreeLine = memo(function TreeLine({
	row,
	selected,
	busy,
	widths,
	now,
	width,
}: {
	row: TreeRow;
	selected: boolean;
	busy: string | undefined;
	widths: ColumnWidths;
	now: number;
	width: number;
}) {
	const color = rowColor(row);
	if (row.kind === 'container') {
		const c = containerColumns(row.container, now);
		return (
			<Text wrap="truncate-end">
				{selected ? SELECTION_MARKER : NO_MARKER}
				{/* A pod's containers hang under its row. */}
				<Text dimColor>{row.guide}</Text>
				<Text inverse={selected}>
					<Text {...color}>{stateGlyph(row.container.state)} </Text>
					<Text bold>{fitToWidth(c.name, widths.name)}</Text>
					{'  '}
					<Text dimColor={!selected}>{c.id}</Text>
					{'  '}
					{fitToWidth(c.image, widths.image)}
					{'  '}
					{fitToWidth(c.command, widths.command)}
					{'  '}
					<Text {...color}>{c.status}</Text>
					{row.container.isInfra ? <Text dimColor={!selected}>{`  ${infraNote()}`}</Text> : null}
					{row.container.systemdUnit === undefined ? null : <Text color="blue">{`  ${unitNote(row.container)}`}</Text>}
					{busy ? <Text color="yellow">{`  … ${busy}`}</Text> : null}
				</Text>
			</Text>
		);
	}
	const dead = (row.kind === 'process' && isDead(row.process)) || row.kind === 'conmon-history' || row.kind === 'removed';
	// A row that has just changed is bold as well as coloured: projectors wash colours out.
	const changed = changeBadge(row) !== undefined;
	return (
		<Text wrap="truncate-end" dimColor={dead}>
			{selected ? SELECTION_MARKER : NO_MARKER}
			<Text dimColor>{row.guide}</Text>
			<Text {...color} bold={changed} inverse={selected}>
				{/* Cut by display width here: Ink's cut of a Japanese row could leave it too wide, and the terminal wraps it. */}
				{truncateToWidth(rowText(row, now), Math.max(0, width - MARKER_WIDTH - displayWidth(row.guide)))}
			</Text>
			{busy ? <Text color="yellow">{`  … ${busy}`}</Text> : null}
		</Text>
	);
});
