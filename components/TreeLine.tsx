import { Text } from 'ink';
import { memo } from 'react';
import type { TreeRow } from '../src/model/tree.js';
import { displayWidth, fitToWidth, truncateToWidth } from '../src/present/displayWidth.js';
import { changeBadge, containerColumns, infraNote, rowText, stateGlyph, unitNote } from '../src/present/format.js';
import type { ColumnWidths } from '../src/present/treeColumns.js';
import { isDead } from '../src/proc/parse.js';

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

/**
 * What one row draws, in plain values only: TreeLine is memoized on them, so when the clock ticks
 * (the rows are built again, as new objects) a row whose words did not change is not drawn again
 * by React — only the containers whose age changed are.
 */
export interface TreeLineLook {
	selected: boolean;
	guide: string;
	color: string | undefined;
	/** "  … stopping" while a command runs on the row's container, cut to what is left of the width; else ''. */
	busy: string;
	/** A container's columns, each fitted to its width and cut to what is left of the row; undefined on any other row. */
	columns: { glyph: string; name: string; id: string; gap: string; middle: string; status: string; infra: string; unit: string } | undefined;
	/** Any other row: its text, cut to the width. */
	text: string;
	/** Bold: a row that has just changed (projectors wash colours out). */
	changed: boolean;
	/** Dim: a dead process or a past conmon. */
	dead: boolean;
}

/**
 * Cuts the pieces of a row, in order, so that together they take at most `width` columns: the
 * row fits before Ink sees it. Ink's own cut can leave a Japanese row a column too wide (and the
 * terminal wraps it), and clipping the tree's box instead costs a slice of every line at every frame.
 */
function cutToWidth(pieces: readonly string[], width: number): string[] {
	let left = width;
	return pieces.map((piece) => {
		const used = displayWidth(piece);
		if (used <= left) {
			left -= used;
			return piece;
		}
		const cut = truncateToWidth(piece, left);
		left = 0;
		return cut;
	});
}

/** The look of `row`, drawn `width` columns wide at `now`. */
export function treeLineLook(
	row: TreeRow,
	{ selected, busy, widths, now, width }: { selected: boolean; busy: string | undefined; widths: ColumnWidths; now: number; width: number },
): TreeLineLook {
	const color = rowColorName(row);
	const room = Math.max(0, width - MARKER_WIDTH - displayWidth(row.guide));
	const busyText = busy ? `  … ${busy}` : '';
	if (row.kind === 'container') {
		const c = containerColumns(row.container, now);
		const pieces = [
			`${stateGlyph(row.container.state)} `,
			fitToWidth(c.name, widths.name),
			'  ',
			c.id,
			`  ${fitToWidth(c.image, widths.image)}  ${fitToWidth(c.command, widths.command)}  `,
			c.status,
			row.container.isInfra ? `  ${infraNote()}` : '',
			row.container.systemdUnit === undefined ? '' : `  ${unitNote(row.container)}`,
			busyText,
		];
		const [glyph = '', name = '', gap = '', id = '', middle = '', status = '', infra = '', unit = '', busyCut = ''] = cutToWidth(pieces, room);
		return {
			selected,
			guide: row.guide,
			color,
			busy: busyCut,
			columns: { glyph, name, gap, id, middle, status, infra, unit },
			text: '',
			changed: false,
			dead: false,
		};
	}
	const [text = '', busyCut = ''] = cutToWidth([rowText(row, now), busyText], room);
	return {
		selected,
		guide: row.guide,
		color,
		busy: busyCut,
		columns: undefined,
		text,
		changed: changeBadge(row) !== undefined,
		dead: (row.kind === 'process' && isDead(row.process)) || row.kind === 'conmon-history' || row.kind === 'removed',
	};
}

/** Shallow equality of two looks, the container columns included: the rows are new objects at every tick, their words often not. */
function sameLook(a: TreeLineLook, b: TreeLineLook): boolean {
	if (a.selected !== b.selected || a.guide !== b.guide || a.color !== b.color || a.busy !== b.busy) return false;
	if (a.text !== b.text || a.changed !== b.changed || a.dead !== b.dead) return false;
	const x = a.columns;
	const y = b.columns;
	if (x === undefined || y === undefined) return x === y;
	return (
		x.glyph === y.glyph &&
		x.name === y.name &&
		x.gap === y.gap &&
		x.id === y.id &&
		x.middle === y.middle &&
		x.status === y.status &&
		x.infra === y.infra &&
		x.unit === y.unit
	);
}

/** One row of the tree, truncated to the terminal width. */
export const TreeLine = memo(
	function TreeLine({ look }: { look: TreeLineLook }) {
		const { selected, guide, busy, columns } = look;
		const color = look.color ? { color: look.color } : {};
		const busyText = busy ? <Text color="yellow">{busy}</Text> : null;
		if (columns) {
			// Plain columns are joined into one string: each nested Text is one more node for React and Ink.
			return (
				<Text wrap="truncate-end">
					{selected ? SELECTION_MARKER : NO_MARKER}
					{/* A pod's containers hang under its row. */}
					<Text dimColor>{guide}</Text>
					<Text inverse={selected}>
						<Text {...color}>{columns.glyph}</Text>
						<Text bold>{columns.name}</Text>
						{columns.gap}
						<Text dimColor={!selected}>{columns.id}</Text>
						{columns.middle}
						<Text {...color}>{columns.status}</Text>
						{columns.infra ? <Text dimColor={!selected}>{columns.infra}</Text> : null}
						{columns.unit ? <Text color="blue">{columns.unit}</Text> : null}
						{busyText}
					</Text>
				</Text>
			);
		}
		return (
			<Text wrap="truncate-end" dimColor={look.dead}>
				{selected ? SELECTION_MARKER : NO_MARKER}
				<Text dimColor>{guide}</Text>
				<Text {...color} bold={look.changed} inverse={selected}>
					{look.text}
				</Text>
				{busyText}
			</Text>
		);
	},
	(before, after) => sameLook(before.look, after.look),
);
