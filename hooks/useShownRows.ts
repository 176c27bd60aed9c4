import { useMemo } from 'react';
import { buildTreeFrom, type TreeRow } from '../src/model/tree.js';
import { shownTime } from '../src/state/frozenView.js';
import type { AppStore } from '../src/state/store.js';
import { shownFilter, treeSourceOf } from '../src/state/treeSource.js';
import { useAppState } from './useAppState.js';

/**
 * The rows of the tree on screen (as shownRows builds them), built once per frame and not on every
 * store change: during a burst the store changes with every scan, 40 ms apart.
 */
export function useShownRows(store: AppStore, now: number): TreeRow[] {
	const source = useAppState(store, treeSourceOf);
	const { filter, at } = useAppState(store, (s) => ({ filter: shownFilter(s), at: shownTime(s, now) }));
	return useMemo(() => buildTreeFrom(source, filter, at), [source, filter, at]);
}
