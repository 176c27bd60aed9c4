import { useRef } from 'react';
import type { TreeRow } from '../src/model/tree.js';
import type { AppStore } from '../src/state/store.js';
import { shownTreeInput, type TimedRows, timedRowsAt } from '../src/state/treeSource.js';
import { useAppState } from './useAppState.js';

/**
 * The rows of the tree on screen at `now` (the time shown, as App passes it), built again only
 * when their input changes or one of their deadlines comes (timedRowsAt): not on every store change
 * (during a burst the store changes with every scan, 40 ms apart), nor at every age tick.
 */
export function useShownRows(store: AppStore, now: number): TreeRow[] {
	return useTimedRows(store, now).rows;
}

/** As useShownRows, with when the rows change next (TimedRows.until): the screen's pace draws them then. */
export function useTimedRows(store: AppStore, now: number): TimedRows {
	const input = useAppState(store, shownTreeInput);
	// A cache, not state: the same input and time give the same rows, so keeping them changes nothing but the work.
	const last = useRef<TimedRows | undefined>(undefined);
	last.current = timedRowsAt(input, now, last.current);
	return last.current;
}
