import type { ReactNode } from 'react';
import { useNow } from '../hooks/useNow.js';
import type { ScreenPace } from '../src/present/redrawTiming.js';

/**
 * The time the screen shows, ticking at `pace` (useNow), handed to `children`; while frozen, the
 * moment of freezing. A tick draws again only what `children` makes of the time: the App around
 * it, and the elements it made beforehand (the same objects at every tick), are not rendered again.
 */
export function ScreenClock({ pace, frozenAt, children }: { pace: ScreenPace; frozenAt: number | undefined; children: (now: number) => ReactNode }) {
	const now = useNow(pace);
	return children(frozenAt ?? now);
}
