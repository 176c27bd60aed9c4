import { freezeView } from './frozenView.js';
import { ensureSelection, selectPending } from './selection.js';
import type { AppStore } from './store.js';

/**
 * Space: freezes the display (the view of now stays on screen while the data keeps
 * updating), or unfreezes it, catching up at once. The selection then settles on the live
 * list: a container run meanwhile is selected, a removed one gives the cursor away.
 */
export function toggleFreeze(store: AppStore, now = Date.now()): void {
	const state = store.getState();
	if (state.frozen === undefined) {
		store.setState({ frozen: freezeView(state, now) });
		return;
	}
	store.setState({ frozen: undefined });
	selectPending(store);
	ensureSelection(store);
}
