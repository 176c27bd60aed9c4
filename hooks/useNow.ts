import { useEffect, useState } from 'react';
import { slowTickDelay } from '../src/present/redrawTiming.js';

/** While an age on screen counts seconds, or a details view is open, the screen is redrawn every second ... */
export const FAST_TICK_MS = 1_000;
/** ... otherwise ages count minutes and the clock shows HH:MM: a redraw every so often is enough. */
export const SLOW_TICK_MS = 10_000;

/**
 * The current time, refreshed every second while `fast`. Otherwise when the texts on screen next
 * change, as `upcoming` says (redrawTiming.ts: about once a minute on a settled screen), or every
 * SLOW_TICK_MS without it. `upcoming` is asked at the time the screen shows: a change it has
 * already missed (a row scrolled into view since) is drawn at once. A new `upcoming` (other
 * containers drawn) plans the next tick again.
 */
export function useNow(fast: boolean, upcoming?: (now: number) => readonly number[]): number {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		if (!fast) return;
		const timer = setInterval(() => setNow(Date.now()), FAST_TICK_MS);
		return () => clearInterval(timer);
	}, [fast]);
	useEffect(() => {
		if (fast) return;
		const timer = setTimeout(() => setNow(Date.now()), upcoming ? slowTickDelay(Date.now(), upcoming(now)) : SLOW_TICK_MS);
		return () => clearTimeout(timer);
	}, [fast, upcoming, now]);
	return now;
}
