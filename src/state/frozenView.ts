// Space's frozen view, read as selectors over the store's state: what the screen shows, when, and
// what waits. The state's shape (FrozenView, ViewData) is the store's; this file only reads it.
import type { AppState, FrozenView, ViewData } from './store.js';

/** What the screen shows: the frozen view while frozen, else the live data. Components read the data through this. */
export function shownView(state: ViewData & Pick<AppState, 'frozen'>): ViewData {
	return state.frozen?.view ?? state;
}

/** The time the screen shows: the moment of freezing while frozen, else `now`. */
export function shownTime(state: Pick<AppState, 'frozen'>, now: number): number {
	return state.frozen?.at ?? now;
}

/** The view to freeze: the store's data as it is now (immutable, so keeping the references is enough). */
export function freezeView(state: AppState, at: number): FrozenView {
	const { containers, history, processes, unmonitored, helpers, log, removed } = state;
	return { at, view: { containers, history, processes, unmonitored, helpers, log, removed } };
}

/** How many event log lines arrived since the display was frozen: what Space will show. */
export function changesWaiting(state: AppState): number {
	if (!state.frozen) return 0;
	// Log IDs only grow; the log is ordered by time, not by ID, so compare with the largest.
	const seen = Math.max(0, ...state.frozen.view.log.map((entry) => entry.id));
	return state.log.filter((entry) => entry.id > seen).length;
}
