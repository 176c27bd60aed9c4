import type { Container } from '../model/container.js';
import { displayWidth } from './displayWidth.js';
import { containerStatus, containerTexts } from './format.js';

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
	const texts = containers.map(textWidths);
	const widest = (pick: (w: ColumnWidths) => number, cap: number): number => Math.min(cap, Math.max(1, ...texts.map(pick)));
	const widths: ColumnWidths = {
		name: widest((w) => w.name, MAX_WIDTHS.name),
		image: widest((w) => w.image, MAX_WIDTHS.image),
		command: widest((w) => w.command, MAX_WIDTHS.command),
	};
	// Only the status holds the time ("Up 5 seconds"): the one column measured at every tick. Each
	// container's status is made once while it reads the same (containerStatus), and the drawn rows show that one.
	const status = Math.max(0, ...containers.map((c) => displayWidth(containerStatus(c, now))));
	let over = FIXED_WIDTH + widths.name + widths.image + widths.command + status - terminalWidth;
	for (const column of ['command', 'image', 'name'] as const) {
		const cut = Math.max(0, Math.min(over, widths[column] - MIN_SQUEEZED));
		widths[column] -= cut;
		over -= cut;
	}
	return widths;
}

/**
 * Each container's name, image and command widths, measured once per container object: the
 * store keeps a container's object until podman reports it changed, so an age tick (which
 * redraws every second) does not measure the same three strings again (format.ts escapes them once).
 */
const measured = new WeakMap<Container, ColumnWidths>();

function textWidths(container: Container): ColumnWidths {
	let widths = measured.get(container);
	if (!widths) {
		const texts = containerTexts(container);
		widths = { name: displayWidth(texts.name), image: displayWidth(texts.image), command: displayWidth(texts.command) };
		measured.set(container, widths);
	}
	return widths;
}
