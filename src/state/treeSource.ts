// Where the tree on screen comes from: the shown view (frozen or live), who is looking, the filter,
// the time. The screen's tree, the details view and the focus keys all build their rows here, so
// they always agree on which rows exist; `--once` builds from the same model function (buildTreeFrom).
import { buildTreeFrom, type TreeRow, type TreeSource } from '../model/tree.js';
import { shownTime, shownView } from './frozenView.js';
import type { AppState } from './store.js';

/** Everything the rows on screen depend on, in one flat object of stable values, so a shallow selector can hold it. */
export interface ShownTreeInput extends TreeSource {
	/** The filter being typed, else the one kept. */
	filter: string;
	/** The time the rows are drawn at: the moment of freezing while frozen. */
	at: number;
}

/** What the tree on screen is built from at `now`. */
export function shownTreeInput(state: AppState, now: number): ShownTreeInput {
	const { containers, history, processes, unmonitored, helpers, removed } = shownView(state);
	return {
		containers,
		removed,
		history,
		processes,
		unmonitored,
		helpers,
		ownUid: state.ownUid,
		allUsers: state.allUsers,
		userNames: state.userNames,
		procUnknown: state.farSide?.procUnknown === true,
		filter: shownFilter(state),
		at: shownTime(state, now),
	};
}

/** The filter the tree on screen applies: the one being typed, else the one kept. */
export function shownFilter(state: Pick<AppState, 'filter' | 'filterDraft'>): string {
	return state.filterDraft ?? state.filter;
}

/** The rows of the tree on screen, from its input. */
export function rowsOf(input: ShownTreeInput): TreeRow[] {
	return buildTreeFrom(input, input.filter, input.at);
}

/** The rows of the tree on screen at `now`. */
export function shownRows(state: AppState, now: number): TreeRow[] {
	return rowsOf(shownTreeInput(state, now));
}
