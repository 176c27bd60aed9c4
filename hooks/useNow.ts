import { useEffect, useState } from 'react';
import { exactTickDelay, type ScreenPace, slowTickDelay } from '../src/present/redrawTiming.js';

/** While an age on screen counts seconds, or a details view is open, the screen is redrawn every second ... */
export const FAST_TICK_MS = 1_000;
/** ... otherwise ages count minutes and the clock shows HH:MM: a redraw every so often is enough. */
export const SLOW_TICK_MS = 10_000;

/**
 * The current time, refreshed every second until `pace.bySecondUntil`. Otherwise when the texts
 * on screen next change: the tree's rows at `pace.rowsChangeAt`, the ages and the clock as
 * `pace.upcoming` says (redrawTiming.ts: about once a minute on a settled screen), or every
 * SLOW_TICK_MS without it. `upcoming` is asked at the time the screen shows: a change it has
 * already missed (a row scrolled into view since) is drawn at once. A new pace plans the next
 * tick again.
 */
export function useNow(pace: ScreenPace): number {
	const { bySecondUntil, rowsChangeAt, upcoming } = pace;
	const [now, setNow] = useState(() => Date.now());
	// Judged on the time shown: the tick that passes bySecondUntil turns the second beat off.
	const fast = now < bySecondUntil;
	useEffect(() => {
		if (!fast) return;
		const timer = setInterval(() => setNow(Date.now()), FAST_TICK_MS);
		return () => clearInterval(timer);
	}, [fast]);
	useEffect(() => {
		if (fast) return;
		const at = Date.now();
		const delay = Math.min(upcoming ? slowTickDelay(at, upcoming(now)) : SLOW_TICK_MS, exactTickDelay(at, rowsChangeAt));
		const timer = setTimeout(() => setNow(Date.now()), delay);
		return () => clearTimeout(timer);
	}, [fast, upcoming, rowsChangeAt, now]);
	return now;
}
