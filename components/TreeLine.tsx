import chalk, { type ForegroundColorName } from 'chalk';
import { Text } from 'ink';
import { memo } from 'react';
import { currentLanguage, type Language } from '../src/messages/i18n.js';
import type { TreeRow } from '../src/model/tree.js';
import { displayWidth, fitToWidth, truncateToWidth } from '../src/present/displayWidth.js';
import { changeBadge, containerStatus, containerTexts, infraNote, rowText, stateGlyph, unitNote } from '../src/present/format.js';
import type { ColumnWidths } from '../src/present/treeColumns.js';
import { isDead } from '../src/proc/parse.js';

function rowColorName(row: TreeRow): ForegroundColorName | undefined {
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
 * What one row draws, in plain values only. A row drawn as before gets the same look object back
 * (madeLooks), and its styled line with it (TreeLines); where each row is its own TreeLine (several
 * hosts, or a guide wider than the row), TreeLine is memoized on these values, so at a clock tick
 * React draws again only the rows whose words changed.
 */
export interface TreeLineLook {
	selected: boolean;
	guide: string;
	color: ForegroundColorName | undefined;
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
	/**
	 * The marker and the guide alone are wider than the row (a deep process tree in a narrow
	 * terminal): the pieces after them are cut to nothing, and Ink cuts the rest with its own … .
	 */
	overflows: boolean;
}

/**
 * Cuts the pieces of a row, in order, so that together they take at most `width` columns: the
 * row fits before Ink sees it. Ink's own cut can leave a Japanese row a column too wide (and the
 * terminal wraps it), and clipping the tree's box instead costs a slice of every line at every frame.
 * `used`: each piece's width, when known.
 */
function cutToWidth(pieces: readonly string[], width: number, used: readonly number[] = pieces.map(displayWidth)): string[] {
	let left = width;
	return pieces.map((piece, i) => {
		const columns = used[i] ?? displayWidth(piece);
		if (columns <= left) {
			left -= columns;
			return piece;
		}
		const cut = truncateToWidth(piece, left);
		left = 0;
		return cut;
	});
}

/** What a row is drawn with, besides the row. */
interface LookInputs {
	selected: boolean;
	busy: string | undefined;
	widths: ColumnWidths;
	now: number;
	width: number;
}

/**
 * A container row's pieces that do not change with the time, for its column widths: all but its
 * status and the busy text, each with its width.
 */
interface ContainerHead {
	widths: ColumnWidths;
	language: Language;
	/** The glyph, the name, the gap, the ID and the middle (image and command), then the infra and unit notes. */
	before: readonly string[];
	after: readonly string[];
	beforeWidths: readonly number[];
	afterWidths: readonly number[];
}

/** A row's look and what it was made from: the same inputs make the same look. */
interface MadeLook {
	selected: boolean;
	busy: string | undefined;
	width: number;
	language: Language;
	/** A container row's status, the one text of the tree that changes with the time; '' on any other row. */
	status: string;
	head: ContainerHead | undefined;
	look: TreeLineLook;
}

/**
 * The look last made for each row object. The tree's rows stay the same objects until their input
 * changes or one of their deadlines comes (timedRowsAt in src/state/treeSource.ts), and only a
 * container row's words read the time (its status: rowWords in src/present/format.ts). So at an age
 * tick, or a key that moves the cursor, a row drawn as before gets its look back instead of having
 * its text made, escaped, measured and cut again; a container row whose status changed keeps its
 * other pieces (ContainerHead).
 */
const madeLooks = new WeakMap<TreeRow, MadeLook>();

/** The look of `row`, drawn `width` columns wide at `now`. */
export function treeLineLook(row: TreeRow, inputs: LookInputs): TreeLineLook {
	const { selected, busy, widths, now, width } = inputs;
	const language = currentLanguage();
	const status = row.kind === 'container' ? containerStatus(row.container, now) : '';
	const made = madeLooks.get(row);
	if (
		made !== undefined &&
		made.selected === selected &&
		made.busy === busy &&
		made.width === width &&
		made.language === language &&
		made.status === status &&
		(made.head === undefined || sameWidths(made.head.widths, widths))
	)
		return made.look;
	let head: ContainerHead | undefined;
	let look: TreeLineLook;
	if (row.kind === 'container') {
		head =
			made?.head !== undefined && made.head.language === language && sameWidths(made.head.widths, widths) ? made.head : containerHead(row, widths, language);
		look = containerLook(row, head, status, inputs);
	} else {
		look = otherLook(row, inputs);
	}
	madeLooks.set(row, { selected, busy, width, language, status, head, look });
	return look;
}

function sameWidths(a: ColumnWidths, b: ColumnWidths): boolean {
	return a.name === b.name && a.image === b.image && a.command === b.command;
}

function containerHead(row: Extract<TreeRow, { kind: 'container' }>, widths: ColumnWidths, language: Language): ContainerHead {
	const c = containerTexts(row.container);
	const before = [
		`${stateGlyph(row.container.state)} `,
		fitToWidth(c.name, widths.name),
		'  ',
		c.id,
		`  ${fitToWidth(c.image, widths.image)}  ${fitToWidth(c.command, widths.command)}  `,
	];
	const after = [row.container.isInfra ? `  ${infraNote()}` : '', row.container.systemdUnit === undefined ? '' : `  ${unitNote(row.container)}`];
	// A copy: the widths given are ContainerTree's, made again at every tick.
	return { widths: { ...widths }, language, before, after, beforeWidths: before.map(displayWidth), afterWidths: after.map(displayWidth) };
}

function containerLook(row: Extract<TreeRow, { kind: 'container' }>, head: ContainerHead, status: string, { selected, busy, width }: LookInputs): TreeLineLook {
	const guideWidth = displayWidth(row.guide);
	const room = Math.max(0, width - MARKER_WIDTH - guideWidth);
	const busyText = busy ? `  … ${busy}` : '';
	const pieces = [...head.before, status, ...head.after, busyText];
	const used = [...head.beforeWidths, displayWidth(status), ...head.afterWidths, displayWidth(busyText)];
	const [glyph = '', name = '', gap = '', id = '', middle = '', statusCut = '', infra = '', unit = '', busyCut = ''] = cutToWidth(pieces, room, used);
	return {
		selected,
		guide: row.guide,
		color: rowColorName(row),
		busy: busyCut,
		columns: { glyph, name, gap, id, middle, status: statusCut, infra, unit },
		text: '',
		changed: false,
		dead: false,
		overflows: MARKER_WIDTH + guideWidth > width,
	};
}

function otherLook(row: TreeRow, { selected, busy, now, width }: LookInputs): TreeLineLook {
	const guideWidth = displayWidth(row.guide);
	const room = Math.max(0, width - MARKER_WIDTH - guideWidth);
	const busyText = busy ? `  … ${busy}` : '';
	const [text = '', busyCut = ''] = cutToWidth([rowText(row, now), busyText], room);
	return {
		selected,
		guide: row.guide,
		color: rowColorName(row),
		busy: busyCut,
		columns: undefined,
		text,
		changed: changeBadge(row) !== undefined,
		dead: (row.kind === 'process' && isDead(row.process)) || row.kind === 'conmon-history' || row.kind === 'removed',
		overflows: MARKER_WIDTH + guideWidth > width,
	};
}

/** Shallow equality of two looks, the container columns included: a look made again (a new row object, a new status) often has the same words. */
function sameLook(a: TreeLineLook, b: TreeLineLook): boolean {
	if (a === b) return true;
	if (a.selected !== b.selected || a.guide !== b.guide || a.color !== b.color || a.busy !== b.busy) return false;
	if (a.text !== b.text || a.changed !== b.changed || a.dead !== b.dead || a.overflows !== b.overflows) return false;
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

/**
 * The row as one styled string: the same chalk calls, in the same order, on the same pieces, that
 * Ink makes when it squashes a Text with nested Texts (squash-text-nodes.js; each Text applies dim,
 * colour, bold, inverse, in that order, to its children's joined text), so the same bytes at every
 * colour level. chalk is Ink's own instance (one copy of the package: Ink's colorize imports it
 * too), so the level it picked from FORCE_COLOR, NO_COLOR or TERM=dumb is the one used here. A
 * row drawn as 6–10 nested Texts costs React a node each and Ink a transform each at every frame
 * (bench/RESULTS.md, round five); this string is made only when the row's look changes.
 * test/components/treeLineStyles.test.tsx draws it beside the nested Texts it replaces. A tree must
 * not sit in a Box with a backgroundColor: Ink gives that to every nested Text, and this string once.
 */
function styledRow(look: TreeLineLook): string {
	const { selected, color, busy, columns } = look;
	const tinted = (text: string) => (color === undefined ? text : chalk[color](text));
	// A pod's containers hang under its row, behind a dim guide.
	const start = `${selected ? SELECTION_MARKER : NO_MARKER}${chalk.dim(look.guide)}`;
	const busyText = chalk.yellow(busy);
	if (columns) {
		// The id and the infra note are dim on every row but the selected one.
		const faint = (text: string) => (selected ? text : chalk.dim(text));
		const body =
			tinted(columns.glyph) +
			chalk.bold(columns.name) +
			columns.gap +
			faint(columns.id) +
			columns.middle +
			tinted(columns.status) +
			faint(columns.infra) +
			chalk.blue(columns.unit) +
			busyText;
		return start + (selected ? chalk.inverse(body) : body);
	}
	const text = tinted(look.text);
	const styled = look.changed ? chalk.bold(text) : text;
	return start + (selected ? chalk.inverse(styled) : styled) + busyText;
}

/**
 * One row of the tree, truncated to the terminal width: one Text holding one styled string. A dead
 * row's dim stays on the Text, as before, so Ink dims the line as it lays it out.
 */
export const TreeLine = memo(
	function TreeLine({ look }: { look: TreeLineLook }) {
		return (
			<Text wrap="truncate-end" dimColor={look.dead}>
				{styledRow(look)}
			</Text>
		);
	},
	(before, after) => sameLook(before.look, after.look),
);

/** Each look's line as TreeLines joins it: made once per look object (a row drawn as before keeps its look). */
const lineTexts = new WeakMap<TreeLineLook, string>();

/** The row's line in a tree drawn as one Text: its styled string, dimmed as Ink's dimColor dims each line of a Text. */
function treeLineText(look: TreeLineLook): string {
	let line = lineTexts.get(look);
	if (line === undefined) {
		const styled = styledRow(look);
		line = look.dead ? chalk.dim(styled) : styled;
		lineTexts.set(look, line);
	}
	return line;
}

/**
 * The rows of a tree, top to bottom, in one Text: a line each, the same bytes as a TreeLine per
 * row. A Text per row cost React a few fibers and Ink a yoga node each; at an age tick every
 * changed row's node was measured again through yoga's WebAssembly bridge, and Ink walked every
 * row's node at every frame (bench/RESULTS.md, round eight). Rows fit their width (treeLineLook
 * cuts them) except when the marker and guide alone do not (`overflows`): Ink would cut such a
 * Text as a whole, not line by line, so then each row gets its own TreeLine, as before.
 * test/components/treeLineStyles.test.tsx draws both ways and compares them.
 */
export function TreeLines({ looks }: { looks: readonly TreeLineLook[] }) {
	if (looks.some((look) => look.overflows)) {
		// Keyed by place: a row's look is all of its state.
		return looks.map((look, index) => <TreeLine key={index} look={look} />);
	}
	return <Text>{looks.map(treeLineText).join('\n')}</Text>;
}
