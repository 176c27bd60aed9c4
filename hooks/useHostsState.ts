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
		const next = stores.map((store) => selector(store.getState()));
		const previous = last.current;
		// The same slices as last time: the same array, or useSyncExternalStore would render forever.
		if (previous && previous.length === next.length && next.every((slice, i) => shallow(slice, previous[i]))) return previous;
		last.current = next;
		return next;
	};
	return useSyncExternalStore(subscribe, snapshot);
}
