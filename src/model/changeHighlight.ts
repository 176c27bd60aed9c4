import { type ConmonGeneration, type ConmonHistory, currentGeneration } from './conmonHistory.js';
import type { Container } from './container.js';

/**
 * How long a change stays marked on screen: a new conmon as new, a dead one as exited
 * (after that, a dead conmon's row folds into its container's history summary). Long
 * enough for a room to look up at the projector, short enough that the marks mean "just now".
 */
export const CHANGE_HIGHLIGHT_MS = 5_000;

/** How a conmon row is marked: `new` while it has just started, `exited` while it is dead and still shown in full. */
export type ConmonHighlight = 'new' | 'exited';

/**
 * True while something that happened at `at` is still fresh at `now`. A time after `now`
 * counts as fresh too: the screen's clock ticks slowly when idle, and a change seen between
 * two ticks must be marked, not missed.
 */
export function isFresh(at: number | undefined, now: number): boolean {
	return at !== undefined && now - at < CHANGE_HIGHLIGHT_MS;
}

/** The mark of a conmon row (an exec conmon's too) at `now`: new while its start is fresh, exited once it is dead (zombie or gone). */
export function conmonHighlight(generation: Pick<ConmonGeneration, 'startedAt' | 'exitedAt'>, zombie: boolean, now: number): ConmonHighlight | undefined {
	if (generation.exitedAt !== undefined || zombie) return 'exited';
	return isFresh(generation.startedAt, now) ? 'new' : undefined;
}

/**
 * Whether a conmon that has exited has moved into history at `now`: its row then gives way to
 * a one-line summary. A zombie stays in full while /proc lists it: it is a real, visible state
 * (exited, not yet reaped by its parent) that people come to see.
 */
export function movedToHistory(generation: ConmonGeneration, zombie: boolean, now: number): boolean {
	return generation.exitedAt !== undefined && !zombie && !isFresh(generation.exitedAt, now);
}

/**
 * The latest start or exit on screen — of a container, a conmon or an exec conmon. While it is
 * young the screen ticks every second: ages count seconds, and change marks come off on time.
 * `undrawn`: containers whose rows are all below the part of the tree that is drawn. Their ages
 * and marks cannot be seen, so a young one does not make the whole screen redraw every second
 * (on a shared machine, other stores' containers come and go all the time below ours).
 */
export function latestChangeAt(
	view: { containers: Readonly<Record<string, Container>>; history: ConmonHistory },
	undrawn: ReadonlySet<string> = NOTHING_UNDRAWN,
): number | undefined {
	let latest: number | undefined;
	const see = (at: number | undefined): void => {
		if (at !== undefined && (latest === undefined || at > latest)) latest = at;
	};
	for (const c of Object.values(view.containers)) if (!undrawn.has(c.id)) see(c.state === 'running' ? c.startedAt : c.finishedAt);
	for (const [containerId, generations] of Object.entries(view.history.generations)) {
		if (undrawn.has(containerId)) continue;
		const last = generations.at(-1);
		see(last?.exitedAt ?? last?.startedAt);
	}
	for (const exec of Object.values(view.history.execConmons)) if (!undrawn.has(exec.containerId)) see(exec.startedAt);
	for (const exec of Object.values(view.history.recentExecExits ?? {})) if (!undrawn.has(exec.containerId)) see(exec.exitedAt);
	return latest;
}

/** No container left out of latestChangeAt: every change counts. */
export const NOTHING_UNDRAWN: ReadonlySet<string> = new Set();

/** Whether two sets of undrawn containers are the same (a new set each frame need not redraw). */
export function sameUndrawn(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
	if (a.size !== b.size) return false;
	for (const id of a) if (!b.has(id)) return false;
	return true;
}

/**
 * The containers whose changes cannot be seen: what latestChangeAt leaves out. Those whose rows
 * are all after `drawnEnd` (the index after the last row drawn; a row above the window counts as
 * drawn, as its changes move the rows below), and those with no row at all that podman does not
 * list: once their conmon has exited (another store's container that has come and gone: only the
 * event log tells of it, with the time of day), or while it waits for its row (FOREIGN_GRACE_MS)
 * if that row will come below the window — other stores' conmons are listed after everything else.
 */
export function undrawnContainers(
	rows: readonly { containerId: string; kind: string }[],
	drawnEnd: number,
	view: { containers: Readonly<Record<string, Container>>; history: ConmonHistory },
): Set<string> {
	const drawn = new Set<string>();
	for (let i = 0; i < Math.min(drawnEnd, rows.length); i++) drawn.add(rows[i]?.containerId ?? '');
	const inRows = new Set(drawn);
	const undrawn = new Set<string>();
	for (let i = drawnEnd; i < rows.length; i++) {
		const id = rows[i]?.containerId ?? '';
		inRows.add(id);
		if (id !== '' && !drawn.has(id)) undrawn.add(id);
	}
	const foreignStart = rows.findIndex((row) => row.kind === 'foreign-heading');
	const foreignBelow = (foreignStart >= 0 ? foreignStart : rows.length) >= drawnEnd;
	for (const [id, generations] of Object.entries(view.history.generations)) {
		if (inRows.has(id) || view.containers[id] !== undefined) continue;
		if (foreignBelow || currentGeneration(generations) === undefined) undrawn.add(id);
	}
	return undrawn;
}
