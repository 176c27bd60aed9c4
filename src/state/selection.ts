// The selection: which container (or pod) the cursor is on, kept on a listed one as the list changes.

import type { Container } from '../model/container.js';
import { type Pod, podIdOfKey, podsOf } from '../model/pod.js';
import { removedByCommands, updateRemoved } from '../model/removed.js';
import { displayEntries, selectableKeys, sortContainers } from '../model/treeOrder.js';
import { shownView } from './frozenView.js';
import type { AppState, AppStore } from './store.js';

/** The containers that are listed on screen now (the frozen ones while frozen), in display order, after the filter. */
export function visibleContainers(state: AppState): Container[] {
	return displayEntries(Object.values(shownView(state).containers), state.filter).flatMap((entry) => (entry.kind === 'pod' ? entry.shown : [entry.container]));
}

/** The rows the cursor can be on, in display order: pods (by podKey) and containers (by ID). */
export function visibleKeys(state: AppState): string[] {
	return selectableKeys(Object.values(shownView(state).containers), state.filter);
}

/** The selected pod if the cursor is on a pod's row, with its containers. */
export function selectedPod(state: AppState): Pod | undefined {
	const podId = podIdOfKey(state.selectedId);
	return podId === undefined ? undefined : podsOf(sortContainers(Object.values(state.containers))).get(podId);
}

/** The selected container if it is still listed. */
export function selectedContainer(state: AppState): Container | undefined {
	return state.selectedId === undefined ? undefined : state.containers[state.selectedId];
}

/** Where a selection movement goes. */
export type SelectionMove = { by: number } | 'first' | 'last';

/** Moves the selection among the visible containers; with none selected, any move selects the first. */
export function moveSelection(store: AppStore, move: SelectionMove): void {
	const state = store.getState();
	const list = visibleKeys(state);
	if (list.length === 0) return;
	const current = list.indexOf(state.selectedId ?? '');
	let index: number;
	if (move === 'first') index = 0;
	else if (move === 'last') index = list.length - 1;
	else if (current < 0) index = 0;
	else index = Math.min(list.length - 1, Math.max(0, current + move.by));
	store.setState({ selectedId: list[index], focusKey: undefined });
}

/**
 * Keeps the selection on a listed container: when the selected one is filtered out or
 * removed, the nearest one in display order (or the first) is selected instead.
 */
export function ensureSelection(store: AppStore, previousOrder: readonly string[] = []): void {
	const state = store.getState();
	const list = visibleKeys(state);
	if (state.selectedId !== undefined && list.includes(state.selectedId)) return;
	let fallback = list[0];
	const oldIndex = state.selectedId === undefined ? -1 : previousOrder.indexOf(state.selectedId);
	if (oldIndex >= 0) {
		// The container that was just below it (or above, at the end) takes the cursor.
		const survivors = new Set(list);
		const after = previousOrder.slice(oldIndex + 1).find((id) => survivors.has(id));
		const before = previousOrder
			.slice(0, oldIndex)
			.reverse()
			.find((id) => survivors.has(id));
		fallback = after ?? before ?? fallback;
	}
	if (fallback !== state.selectedId) store.setState({ selectedId: fallback });
}

/** Replaces the container list, keeping the selection on the same container when it still exists. */
export function setContainers(store: AppStore, containers: readonly Container[]): void {
	const previousOrder = visibleKeys(store.getState());
	const old = store.getState().containers;
	const byId: Record<string, Container> = {};
	let changed = containers.length !== Object.keys(old).length;
	for (const container of containers) {
		const previous = old[container.id];
		// Keep the old object when nothing in it changed, so that React skips the row.
		const same = previous !== undefined && JSON.stringify(previous) === JSON.stringify(container);
		byId[container.id] = same ? previous : container;
		if (!same) changed = true;
	}
	if (changed || !store.getState().loaded) store.setState({ containers: byId, loaded: true });
	// A `--rm` container that has just gone stays a minute, dim (model/removed.ts).
	const { removed, history, log } = store.getState();
	const now = Date.now();
	const commands = log.flatMap((entry) => (entry.facts?.kind === 'command' && entry.facts.command ? [{ at: entry.at, command: entry.facts.command }] : []));
	const nextRemoved = updateRemoved(removed, old, new Set(Object.keys(byId)), history.generations, now, removedByCommands(commands, now));
	if (nextRemoved !== removed) store.setState({ removed: nextRemoved });
	selectPending(store);
	ensureSelection(store, previousOrder);
}

/**
 * Applies what a /proc scan found. A conmon that `podman ps` has not listed yet adds a provisional
 * row (watch/scanFold.ts): on screen at once, so the cursor may rest on it like on a listed one.
 * Without this the first container of an empty screen had no cursor until `ps` answered (a second
 * on a loaded machine), and Enter or a key pressed meanwhile did nothing.
 */
export function setScanned(store: AppStore, update: Partial<AppState>): void {
	const previousOrder = update.containers ? visibleKeys(store.getState()) : undefined;
	store.setState(update);
	if (previousOrder === undefined) return;
	selectPending(store);
	ensureSelection(store, previousOrder);
}

/** Selects a container as soon as it is listed (the one `r` just ran); at once if it already is. */
export function selectWhenListed(store: AppStore, id: string): void {
	store.setState({ pendingSelectionId: id });
	selectPending(store);
}

/** Selects the container waiting to be selected (the one `r` ran) once it is on screen. */
export function selectPending(store: AppStore): void {
	const state = store.getState();
	const { pendingSelectionId } = state;
	// While frozen, a container run meanwhile is not on screen yet: it is selected when Space shows it.
	if (pendingSelectionId !== undefined && shownView(state).containers[pendingSelectionId]) {
		store.setState({ selectedId: pendingSelectionId, pendingSelectionId: undefined });
	}
}
