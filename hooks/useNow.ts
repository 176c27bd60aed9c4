import { useEffect, useState } from 'react';

/** While an age on screen counts seconds, or a details view is open, the screen is redrawn every second ... */
export const FAST_TICK_MS = 1_000;
/** ... otherwise ages count minutes and the clock shows HH:MM: a redraw every so often is enough. */
export const SLOW_TICK_MS = 10_000;

/** The current time, refreshed every second while `fast`, else every SLOW_TICK_MS. */
export function useNow(fast: boolean): number {
	const [now, setNow] = useState(() => Date.now());
	const intervalMs = fast ? FAST_TICK_MS : SLOW_TICK_MS;
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), intervalMs);
		return () => clearInterval(timer);
	}, [intervalMs]);
	return now;
}
