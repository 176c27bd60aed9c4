import type { Container } from '../model/container.js';
import { REMOVED_ROW_MS, type RemovedContainer } from '../model/removed.js';

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
		const gone = removed.removedAt + REMOVED_ROW_MS;
		if (gone > now) upcoming.push(gone);
	}
	return upcoming;
}
