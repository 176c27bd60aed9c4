// Where the tree on screen comes from: the shown view (frozen or live), the filter, the time.
// The screen's tree, the details view and the focus keys build their rows from these, so they
// always agree on which rows exist; `--once` builds from the same model function (buildTreeFrom).
import { buildTreeFrom, type TreeRow, type TreeSource } from '../model/tree.js';
import { shownTime, shownView } from './frozenView.js';
import type { AppState } from './store.js';

/** What the tree on screen is built from: the shown view's data and who is looking. Stable references, so a shallow selector can hold it. */
export function treeSourceOf(state: AppState): TreeSource {
	const { containers, history, processes, unmonitored, helpers } = shownView(state);
	return { containers, history, processes, unmonitored, helpers, ownUid: state.ownUid, allUsers: state.allUsers, userNames: state.userNames };
}

/** The filter the tree on screen applies: the one being typed, else the one kept. */
export function shownFilter(state: Pick<AppState, 'filter' | 'filterDraft'>): string {
	return state.filterDraft ?? state.filter;
}

/** The rows of the tree on screen at `now` (frozen, at the moment of freezing). */
export function shownRows(state: AppState, now: number): TreeRow[] {
	return buildTreeFrom(treeSourceOf(state), shownFilter(state), shownTime(state, now));
}
