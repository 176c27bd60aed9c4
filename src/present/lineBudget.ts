/** A line a pane would like to show, and how much it matters when there is not room for all. */
export interface BudgetLine<T> {
	line: T;
	/** Higher is kept longer; lines of equal priority are kept top first. */
	priority: number;
}

/**
 * The lines that fit in `room` rows, in their own order: the least important are dropped whole.
 * Ink squeezes Texts into a box too short for them and draws them over each other; a pane that
 * renders exactly the lines this returns never overlaps, however small the terminal.
 */
export function fitLines<T>(lines: readonly BudgetLine<T>[], room: number): T[] {
	if (lines.length <= room) return lines.map((l) => l.line);
	const ranked = lines.map((l, index) => ({ ...l, index })).sort((a, b) => b.priority - a.priority || a.index - b.index);
	const kept = new Set(ranked.slice(0, Math.max(0, room)).map((l) => l.index));
	return lines.filter((_l, index) => kept.has(index)).map((l) => l.line);
}

/** Whether an overlay of this height draws its border: below this, the two border rows go to its lines. */
export function overlayFramed(height: number): boolean {
	return height >= 12;
}
