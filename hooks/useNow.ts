import { useEffect, useState } from 'react';

/** Ages ("Up 4s") are redrawn this often. */
export const CLOCK_TICK_MS = 1_000;

/** The current time, refreshed every `intervalMs`, for ages and the header clock. */
export function useNow(intervalMs = CLOCK_TICK_MS): number {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), intervalMs);
		return () => clearInterval(timer);
	}, [intervalMs]);
	return now;
}
