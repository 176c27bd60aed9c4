// Where the tree on screen comes from: the shown view (frozen or live), who is looking, the filter,
// the time. The screen's tree, the details view and the focus keys all build their rows here, so
// they agree on which rows exist (the focus keys at the time of the key, which can be a tick later
// than the frame on screen: a row whose deadline came between is already gone for them); `--once`
// builds from the same model function (buildTreeFrom).
import { buildTreeFrom, type TreeRow, type TreeSource } from '../model/tree.js';
import { TreeClock } from '../model/treeClock.js';
import { shownTime, shownView } from './frozenView.js';
import type { AppState } from './store.js';

/**
 * Everything the rows on screen depend on but the time, in one flat object of stable values, so a
 * shallow selector can hold it: it stays the same object while the clock ticks.
 */
export interface ShownTreeInput extends TreeSource {
	/** The filter being typed, else the one kept. */
	filter: string;
}

/** What the tree on screen is built from. */
export function shownTreeInput(state: AppState): ShownTreeInput {
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
	};
}

/** The filter the tree on screen applies: the one being typed, else the one kept. */
export function shownFilter(state: Pick<AppState, 'filter' | 'filterDraft'>): string {
	return state.filterDraft ?? state.filter;
}

/** Rows built from an input at a time, and until when they hold: the first deadline their clock met (treeClock.ts). */
export interface TimedRows {
	input: ShownTreeInput;
	builtAt: number;
	until: number;
	rows: TreeRow[];
}

/**
 * The rows of the tree on screen from `input` at `at` (the time shown: the moment of freezing
 * while frozen). `last` is handed back as it is when its input is the same object and `at` is
 * between its building and its first deadline: an age tick then builds nothing.
 */
export function timedRowsAt(input: ShownTreeInput, at: number, last?: TimedRows): TimedRows {
	if (last !== undefined && last.input === input && last.builtAt <= at && at < last.until) return last;
	const clock = new TreeClock(at);
	const rows = buildTreeFrom(input, input.filter, clock);
	return { input, builtAt: at, until: clock.changesAt, rows };
}

/** The rows of the tree on screen at `now`. */
export function shownRows(state: AppState, now: number): TreeRow[] {
	return timedRowsAt(shownTreeInput(state), shownTime(state, now)).rows;
}
