import { useCallback, useRef, useSyncExternalStore } from 'react';
import { shallow } from 'zustand/shallow';
import type { AppState, AppStore } from '../src/state/store.js';

/**
 * Reads one slice of every host's store (a screen of several hosts), in the hosts' order;
 * re-renders only when some host's slice changes (shallowly), as useAppState does for one store.
 */
export function useHostsState<T>(stores: readonly AppStore[], selector: (state: AppState) => T): readonly T[] {
	const last = useRef<readonly T[] | undefined>(undefined);
	const subscribe = useCallback(
		(onChange: () => void) => {
			const unsubscribes = stores.map((store) => store.subscribe(onChange));
			return () => {
				for (const unsubscribe of unsubscribes) unsubscribe();
			};
		},
		[stores],
	);
	const snapshot = (): readonly T[] => {
		const previous = last.current;
		// A host whose slice is the same keeps its object, as useAppState keeps one store's (a cache keyed on it holds).
		const next = stores.map((store, i) => {
			const slice = selector(store.getState());
			const before = previous?.[i];
			return before !== undefined && shallow(slice, before) ? before : slice;
		});
		// The same slices as last time: the same array, or useSyncExternalStore would render forever.
		if (previous && previous.length === next.length && next.every((slice, i) => slice === previous[i])) return previous;
		last.current = next;
		return next;
	};
	return useSyncExternalStore(subscribe, snapshot);
}
