import { type ConmonHistory, currentGeneration } from '../model/conmonHistory.js';
import type { Container } from '../model/container.js';
import { type RemovedContainer, removedRowEndsAt } from '../model/removed.js';

// When an idle screen must be drawn again: when a text on it changes (an age, the clock), not on a
// fixed beat. A redraw of the whole screen costs 10–40 ms of CPU (bench/RESULTS.md), so a settled
// screen that changes once a minute is drawn about once a minute.

/** While ages count minutes, a change is shown at most this late: changes this close are drawn in one frame. */
export const REDRAW_BATCH_MS = 9_000;
/** The slow beat never waits longer than this, whatever the ages say (a safety net for any other timed text). */
export const MAX_SLOW_TICK_MS = 60_000;
/** Nor less: a tick does not come back at once. */
const MIN_SLOW_TICK_MS = 200;
/** Drawn this long after the change, so that the clock read then is past it. */
const PAST_CHANGE_MS = 20;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * When the age formatAge shows for something that happened at `since` next changes after `now`:
 * the next whole second in its first minute, the next whole minute under a day (`5m`, `2h05m`),
 * then the next whole hour (`3d04h`).
 */
export function nextAgeChangeAt(since: number, now: number): number {
	const age = now - since;
	if (age < 0) return since;
	const unit = age < MINUTE ? SECOND : age < DAY ? MINUTE : HOUR;
	return since + (Math.floor(age / unit) + 1) * unit;
}

/** When the header's HH:MM clock next changes: the next whole minute of the local time. */
export function nextClockChangeAt(now: number): number {
	const date = new Date(now);
	date.setSeconds(0, 0);
	return date.getTime() + MINUTE;
}

/**
 * How long the slow beat waits before the next redraw, given when shown texts change next
 * (`upcoming`, each one's next change). It waits for the first change, then takes in every
 * change within REDRAW_BATCH_MS of it, so that changes a few seconds apart (containers started
 * together) make one frame; never longer than MAX_SLOW_TICK_MS.
 */
export function slowTickDelay(now: number, upcoming: readonly number[]): number {
	const future = upcoming.filter((at) => Number.isFinite(at));
	if (future.length === 0) return MAX_SLOW_TICK_MS;
	const first = Math.max(now, Math.min(...future));
	let last = first;
	for (const at of future) if (at <= first + REDRAW_BATCH_MS && at > last) last = at;
	return Math.max(MIN_SLOW_TICK_MS, Math.min(MAX_SLOW_TICK_MS, last - now + PAST_CHANGE_MS));
}

/**
 * When the texts of the drawn tree and the header next change after `now`, each on its own: the
 * age of every container that is drawn (running: since its start; exited: since its end), the
 * end of a removed container's row, and the clock. `undrawn`: containers with no row on screen.
 */
export function upcomingChanges(
	view: { containers: Readonly<Record<string, Container>>; removed?: Readonly<Record<string, Pick<RemovedContainer, 'removedAt'>>> },
	undrawn: ReadonlySet<string>,
	now: number,
): number[] {
	const upcoming = [nextClockChangeAt(now)];
	for (const container of Object.values(view.containers)) {
		if (undrawn.has(container.id)) continue;
		const since =
			container.state === 'running' ? container.startedAt : container.state === 'exited' || container.state === 'stopped' ? container.finishedAt : undefined;
		if (since !== undefined) upcoming.push(nextAgeChangeAt(since, now));
	}
	for (const removed of Object.values(view.removed ?? {})) {
		const gone = removedRowEndsAt(removed);
		if (gone > now) upcoming.push(gone);
	}
	return upcoming;
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
