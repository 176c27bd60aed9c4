import type { Container } from '../model/container.js';
import { displayWidth } from './displayWidth.js';
import { containerColumns } from './format.js';

/** Column widths shared by every container row, in terminal columns, so names, IDs and images line up. */
export interface ColumnWidths {
	name: number;
	image: number;
	command: number;
}

/** Column caps: long names and images are cut with … rather than pushing the status off screen. */
const MAX_WIDTHS: Readonly<ColumnWidths> = { name: 28, image: 30, command: 24 };
/** A column squeezed to make room for the status keeps at least this many columns. */
const MIN_SQUEEZED = 8;
/** The rest of a container row: the state glyph and its space, the 12-character short ID, four gaps of two. */
const FIXED_WIDTH = 2 + 12 + 4 * 2;

/**
 * The widths of the name, image and command columns: as wide as the widest value, up to a cap;
 * in a narrow terminal the command, then the image, then the name give up columns (down to a
 * minimum) so that the status still fits. Widths are display widths: a Japanese name takes two
 * columns a character.
 */
export function containerColumnWidths(containers: readonly Container[], now: number, terminalWidth: number): ColumnWidths {
	const columns = containers.map((c) => containerColumns(c, now));
	const widest = (pick: (c: (typeof columns)[number]) => string, cap: number): number =>
		Math.min(cap, Math.max(1, ...columns.map((c) => displayWidth(pick(c)))));
	const widths: ColumnWidths = {
		name: widest((c) => c.name, MAX_WIDTHS.name),
		image: widest((c) => c.image, MAX_WIDTHS.image),
		command: widest((c) => c.command, MAX_WIDTHS.command),
	};
	const status = Math.max(0, ...columns.map((c) => displayWidth(c.status)));
	let over = FIXED_WIDTH + widths.name + widths.image + widths.command + status - terminalWidth;
	for (const column of ['command', 'image', 'name'] as const) {
		const cut = Math.max(0, Math.min(over, widths[column] - MIN_SQUEEZED));
		widths[column] -= cut;
		over -= cut;
	}
	return widths;
}
