import type { ConmonGeneration } from './conmonHistory.js';
import type { TreeClock } from './treeClock.js';

/**
 * How long a change stays marked on screen: a new conmon as new, a dead one as exited
 * (after that, a dead conmon's row folds into its container's history summary). Long
 * enough for a room to look up at the projector, short enough that the marks mean "just now".
 */
export const CHANGE_HIGHLIGHT_MS = 5_000;

/** How a conmon row is marked: `new` while it has just started, `exited` while it is dead and still shown in full. */
export type ConmonHighlight = 'new' | 'exited';

/**
 * True while something that happened at `at` is still fresh at the clock's time. A time after it
 * counts as fresh too: the screen's clock ticks slowly when idle, and a change seen between two
 * ticks must be marked, not missed.
 */
export function isFresh(at: number | undefined, clock: TreeClock): boolean {
	return at !== undefined && clock.before(at + CHANGE_HIGHLIGHT_MS);
}

/** The mark of a conmon row (an exec conmon's too): new while its start is fresh, exited once it is dead (zombie or gone). */
export function conmonHighlight(generation: Pick<ConmonGeneration, 'startedAt' | 'exitedAt'>, zombie: boolean, clock: TreeClock): ConmonHighlight | undefined {
	if (generation.exitedAt !== undefined || zombie) return 'exited';
	return isFresh(generation.startedAt, clock) ? 'new' : undefined;
}

/**
 * Whether a conmon that has exited has moved into history: its row then gives way to a one-line
 * summary. A zombie stays in full while /proc lists it: it is a real, visible state (exited, not
 * yet reaped by its parent) that people come to see.
 */
export function movedToHistory(generation: ConmonGeneration, zombie: boolean, clock: TreeClock): boolean {
	return generation.exitedAt !== undefined && !zombie && !isFresh(generation.exitedAt, clock);
}
