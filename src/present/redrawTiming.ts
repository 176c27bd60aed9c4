import type { Container } from '../model/container.js';

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
 * How long to wait for a change that must be drawn on time, not batched: the tree's rows change
 * at a deadline of theirs (a "★ new" mark comes off, a replaced conmon's row goes). Infinity for
 * none; a deadline already missed is drawn soon.
 */
export function exactTickDelay(now: number, at: number): number {
	return Number.isFinite(at) ? Math.max(MIN_SLOW_TICK_MS, at - now + PAST_CHANGE_MS) : Number.POSITIVE_INFINITY;
}

/**
 * When the screen is drawn again though nothing in podman changed (useNow): every second until
 * `bySecondUntil`; otherwise at `rowsChangeAt` and as `upcoming` says.
 */
export interface ScreenPace {
	/** An age that counts seconds is drawn until then (a details view: always, Infinity). */
	bySecondUntil: number;
	/** When the tree's rows next change (TimedRows.until): drawn then, not batched. Infinity for never. */
	rowsChangeAt: number;
	/** The drawn ages' and the clock's next changes after a time (upcomingChanges); batched. Without it, a fixed slow beat. */
	upcoming?: ((now: number) => readonly number[]) | undefined;
}

/**
 * When the ages of the drawn containers and the header's clock next change after `now`, each on
 * its own: the age of every container in `drawn` (running: since its start; exited: since its
 * end; undefined: every container), and the clock. (The tree's other timed texts, marks and rows
 * that go, change at its rows' deadlines: ScreenPace.rowsChangeAt.)
 */
export function upcomingChanges(containers: Readonly<Record<string, Container>>, drawn: ReadonlySet<string> | undefined, now: number): number[] {
	const upcoming = [nextClockChangeAt(now)];
	for (const container of Object.values(containers)) {
		if (drawn !== undefined && !drawn.has(container.id)) continue;
		const since = ageSince(container);
		if (since !== undefined) upcoming.push(nextAgeChangeAt(since, now));
	}
	return upcoming;
}

/**
 * What a container's age on screen counts from: its start while running, its end once exited or
 * stopped; undefined for a status without an age (paused, created..., or a time podman did not give).
 */
export function ageSince(container: Container): number | undefined {
	if (container.state === 'running') return container.startedAt || undefined;
	if (container.state === 'exited' || container.state === 'stopped') return container.finishedAt || undefined;
	return undefined;
}

/**
 * The latest start or end of a container in `drawn` (undefined: of any): its age counts seconds
 * for AGES_TICK_BY_SECOND_MS after it, so the screen ticks every second until then. A conmon's
 * or an exec's start or exit does not: their rows show no age, and their marks come off at the
 * tree's deadlines. A young container whose rows are all below the window does not make the
 * whole screen redraw every second (on a shared machine, containers come and go below ours).
 */
export function youngestDrawnAge(containers: Readonly<Record<string, Container>>, drawn: ReadonlySet<string> | undefined): number | undefined {
	let latest: number | undefined;
	for (const container of Object.values(containers)) {
		if (drawn !== undefined && !drawn.has(container.id)) continue;
		const since = ageSince(container);
		if (since !== undefined && (latest === undefined || since > latest)) latest = since;
	}
	return latest;
}

/**
 * The containers whose age can be seen: those with a row before `drawnEnd` (the index after the
 * last row drawn). A row above the window counts, as the rows scroll back to it; a container
 * below the window, or with no row (filtered out), does not.
 */
export function drawnContainers(rows: readonly { containerId: string }[], drawnEnd: number): Set<string> {
	const drawn = new Set<string>();
	for (let i = 0; i < Math.min(drawnEnd, rows.length); i++) drawn.add(rows[i]?.containerId ?? '');
	return drawn;
}

/** What the tree last drew, as the screen's pace needs it: which containers, and when its rows change next. */
export interface TreeDrawn {
	/** The containers with a row drawn (drawnContainers); undefined when not known: every container counts. */
	containers: ReadonlySet<string> | undefined;
	rowsChangeAt: number;
}

/** Before the tree has drawn: every container counts, and no row deadline is known. */
export const NOTHING_DRAWN_YET: TreeDrawn = { containers: undefined, rowsChangeAt: Number.POSITIVE_INFINITY };

/** Whether two reports of the tree are the same (a new report each frame need not redraw). */
export function sameDrawn(a: TreeDrawn, b: TreeDrawn): boolean {
	return a.rowsChangeAt === b.rowsChangeAt && sameSet(a.containers, b.containers);
}

function sameSet(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
	if (a === undefined || b === undefined) return a === b;
	if (a.size !== b.size) return false;
	for (const id of a) if (!b.has(id)) return false;
	return true;
}
