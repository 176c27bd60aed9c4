import type { TreeRow } from '../model/tree.js';
import type { AppState, AppStore } from './store.js';
import { shownRows } from './treeSource.js';

/** Rows inside a container's branch that can be focused for the details view. */
const FOCUSABLE: ReadonlySet<TreeRow['kind']> = new Set(['conmon', 'exec', 'process', 'helper']);

/** The row the cursor is on: a focused row in the selected container's branch, else the container's own row. */
export function focusedRow(state: Pick<AppState, 'focusKey' | 'selectedId'>, rows: readonly TreeRow[]): TreeRow | undefined {
	const inBranch = state.focusKey === undefined ? undefined : rows.find((r) => r.key === state.focusKey && r.containerId === state.selectedId);
	return inBranch ?? rows.find((r) => (r.kind === 'container' || r.kind === 'pod') && r.containerId === state.selectedId);
}

/**
 * → and ← walk the selected container's branch (its conmon, processes, exec sessions,
 * helpers); past either end the cursor returns to the container row.
 */
export function moveFocus(store: AppStore, step: 1 | -1): void {
	const state = store.getState();
	if (state.selectedId === undefined) return;
	const branch = shownRows(state, Date.now()).filter((r) => r.containerId === state.selectedId && FOCUSABLE.has(r.kind));
	if (branch.length === 0) return;
	const index = branch.findIndex((r) => r.key === state.focusKey);
	const next = index < 0 ? (step === 1 ? 0 : branch.length - 1) : index + step;
	store.setState({ focusKey: branch[next]?.key });
}
