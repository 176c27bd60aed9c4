// Several hosts on one screen (`--connection a --connection b`): each host keeps its own store,
// and the screen composes them. This file holds that composition's rules, apart from React: which
// host the cursor is in after a move, and the screen state every host's store must agree on.
import { toggleFreeze } from './freeze.js';
import { ensureSelection, type SelectionMove, visibleKeys } from './selection.js';
import type { AppState, AppStore } from './store.js';

/** One host of a screen of several: its connection's name and its store. */
export interface HostStore {
	/** The connection's name (`build`): the event log's prefix. */
	name: string;
	store: AppStore;
}

/**
 * What the screen of several hosts did with a cursor move: placed the cursor in another host's
 * rows, placed it in the active host's own (Home, End), or left the move to the active host.
 */
export type HostCross = 'other-host' | 'same-host' | undefined;

/**
 * Where a cursor move goes when it leaves the active host's rows: the index of the host that
 * now holds the cursor (its store's selection set to its first or last row), or undefined when
 * the move stays inside the active host (moveSelection handles it there).
 */
export function crossHosts(stores: readonly AppStore[], active: number, move: SelectionMove): number | undefined {
	const keysOf = (i: number) => (stores[i] ? visibleKeys(stores[i].getState()) : []);
	const select = (i: number, end: 'first' | 'last'): number => {
		const keys = keysOf(i);
		stores[i]?.setState({ selectedId: end === 'first' ? keys[0] : keys.at(-1), focusKey: undefined });
		return i;
	};
	const withRows = stores.map((_, i) => i).filter((i) => keysOf(i).length > 0);
	if (withRows.length === 0) return undefined;
	if (move === 'first') return select(withRows[0] ?? 0, 'first');
	if (move === 'last') return select(withRows.at(-1) ?? 0, 'last');
	const keys = keysOf(active);
	const current = keys.indexOf(stores[active]?.getState().selectedId ?? '');
	const target = (current < 0 ? (move.by > 0 ? -1 : keys.length) : current) + move.by;
	if (target >= 0 && target < keys.length) return undefined;
	if (move.by > 0) {
		const next = withRows.find((i) => i > active);
		// Past the last host's last row: the cursor stays on it.
		return next === undefined ? (keys.length > 0 ? undefined : select(withRows.at(-1) ?? 0, 'last')) : select(next, 'first');
	}
	const previous = withRows.filter((i) => i < active).at(-1);
	return previous === undefined ? (keys.length > 0 ? undefined : select(withRows[0] ?? 0, 'first')) : select(previous, 'last');
}

/** The screen state that is the screen's, not a host's: the filter applies to every tree, and Space freezes the whole screen. */
type SharedScreenState = Pick<AppState, 'filter' | 'filterDraft'>;

/**
 * Keeps the stores in step on what belongs to the whole screen: a filter typed (in the active
 * host's store, where the keys act) filters every host's tree, and Space freezes or unfreezes
 * every host at once. Returns the unsubscribe.
 */
export function shareScreenState(stores: readonly AppStore[]): () => void {
	let copying = false;
	const unsubscribes = stores.map((from) =>
		from.subscribe((state, previous) => {
			if (copying) return;
			copying = true;
			try {
				const shared: SharedScreenState = { filter: state.filter, filterDraft: state.filterDraft };
				const filterChanged = state.filter !== previous.filter || state.filterDraft !== previous.filterDraft;
				const freezeChanged = (state.frozen === undefined) !== (previous.frozen === undefined);
				for (const to of stores) {
					if (to === from) continue;
					if (filterChanged) {
						to.setState(shared);
						ensureSelection(to);
					}
					if (freezeChanged && (to.getState().frozen === undefined) !== (state.frozen === undefined)) toggleFreeze(to, state.frozen?.at);
				}
			} finally {
				copying = false;
			}
		}),
	);
	return () => {
		for (const unsubscribe of unsubscribes) unsubscribe();
	};
}
