import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { AppState, AppStore } from '../src/state/store.js';

/** Reads one slice of the store; re-renders only when that slice changes (shallowly). */
export function useAppState<T>(store: AppStore, selector: (state: AppState) => T): T {
	return useStore(store, useShallow(selector));
}
