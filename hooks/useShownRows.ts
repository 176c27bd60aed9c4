import { useMemo } from 'react';
import type { TreeRow } from '../src/model/tree.js';
import type { AppStore } from '../src/state/store.js';
import { rowsOf, shownTreeInput } from '../src/state/treeSource.js';
import { useAppState } from './useAppState.js';

/**
 * The rows of the tree on screen, built again only when their input changes, not on every store
 * change: during a burst the store changes with every scan, 40 ms apart.
 */
export function useShownRows(store: AppStore, now: number): TreeRow[] {
	const input = useAppState(store, (state) => shownTreeInput(state, now));
	return useMemo(() => rowsOf(input), [input]);
}
