import type { AppState } from './store.js';
import type { TreeSource } from '../model/tree.js';

/** The data the screen draws from: what Space freezes while the store keeps updating. */
export type ViewData = Pick<AppState, 'containers' | 'history' | 'processes' | 'unmonitored' | 'helpers' | 'log'>;

/** The display as it was when Space froze it, and when that was (the screen's clock stops there). */
export interface FrozenView {
	at: number;
	view: ViewData;
}

/** What the screen shows: the frozen view while frozen, else the live data. Components read the data through this. */
export function shownView(state: ViewData & Pick<AppState, 'frozen'>): ViewData {
	return state.frozen?.view ?? state;
}

/** What the tree on screen is built from: the shown view's data and who is looking. */
export function treeSourceOf(state: AppState): TreeSource {
	const { containers, history, processes, unmonitored, helpers } = shownView(state);
	return { containers, history, processes, unmonitored, helpers, ownUid: state.ownUid, allUsers: state.allUsers, userNames: state.userNames };
}

/** The time the screen shows: the moment of freezing while frozen, else `now`. */
export function shownTime(state: Pick<AppState, 'frozen'>, now: number): number {
	return state.frozen?.at ?? now;
}

/** The view to freeze: the store's data as it is now (immutable, so keeping the references is enough). */
export function freezeView(state: AppState, at: number): FrozenView {
	const { containers, history, processes, unmonitored, helpers, log } = state;
	return { at, view: { containers, history, processes, unmonitored, helpers, log } };
}

/** How many event log lines arrived since the display was frozen: what Space will show. */
export function changesWaiting(state: AppState): number {
	if (!state.frozen) return 0;
	// Log IDs only grow; the log is ordered by time, not by ID, so compare with the largest.
	const seen = Math.max(0, ...state.frozen.view.log.map((entry) => entry.id));
	return state.log.filter((entry) => entry.id > seen).length;
}
