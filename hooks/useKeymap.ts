import { type Key, useInput } from 'ink';
import type { Actions } from '../src/app/actions.js';
import type { LessonController } from '../src/lessons/lessonController.js';
import { lessonMenuKey, lessonStepKey } from '../src/lessons/lessonKeys.js';
import { t } from '../src/messages/i18n.js';
import { podState } from '../src/model/pod.js';
import { splitKeys } from '../src/present/keyChunk.js';
import { isCtrlChord, tableKey } from '../src/present/keyTable.js';
import { asksFirst, confirmCanceled, confirmQuestion, podConfirmQuestion } from '../src/state/confirmAction.js';
import { moveFocus } from '../src/state/focus.js';
import { toggleFreeze } from '../src/state/freeze.js';
import { keyStatus } from '../src/state/hostStatus.js';
import type { HostCross } from '../src/state/hosts.js';
import { ensureSelection, moveSelection, type SelectionMove, selectedContainer, selectedPod, visibleContainers } from '../src/state/selection.js';
import type { AppStore } from '../src/state/store.js';

/** How many containers PgUp/PgDn move by. */
export const PAGE_SIZE = 10;

/**
 * All keyboard handling. The order is the order of precedence: an open prompt (filter,
 * remove confirmation) takes every key, then overlays, then the main keys. Which key is which
 * comes from the key table (src/present/keyTable.ts), the list `?`, the footer and `--help` show.
 */
export function useKeymap(
	store: AppStore,
	actions: Actions,
	quit: () => void,
	lessons?: LessonController,
	/** On a screen of several hosts: moves the cursor into another host's rows when a move leaves this one's. */
	crossHosts?: (move: SelectionMove) => HostCross,
): void {
	// Set when a key moved the cursor into another host's rows. This render's handler holds the
	// store and actions of the host left, and Ink hands it every key of a read before the next
	// render: the keys after that one are dropped rather than run on the wrong host. (Switching
	// hosts renders again, and a render starts afresh.)
	let crossed = false;
	const cross = crossHosts
		? (move: SelectionMove): boolean => {
				const outcome = crossHosts(move);
				crossed ||= outcome === 'other-host';
				return outcome !== undefined;
			}
		: undefined;
	// One read from the terminal can hold several keys (`ss` typed fast, a paste): each is a key, in order.
	useInput((chunk: string, chunkKey: Key) => {
		for (const { input, key } of splitKeys(chunk, chunkKey)) {
			if (crossed) return;
			handleKey(input, key);
		}
	});

	function handleKey(input: string, key: Key): void {
		const state = store.getState();
		// The key table's entry for this key: what it is for, whether it runs a command, its container action.
		const pressed = tableKey(input, key);
		const entry = pressed?.entry;
		const purpose = entry?.purpose;
		if (isCtrlChord(pressed) && purpose === 'quit') return quit();

		if (state.filterDraft !== undefined) return filterKey(store, input, key, cross);

		if (state.confirm !== undefined) {
			// The one y/n prompt: y acts, any other key is no (and does nothing else).
			const { action, containerId } = state.confirm;
			const container = state.containers[containerId];
			// The question may be about a pod: its key is a pod's (podKey), not a container's ID.
			const pod = container ? undefined : selectedPod({ ...state, selectedId: containerId });
			store.setState({ confirm: undefined, status: undefined });
			if (input.toLowerCase() === 'y' && container) void actions.onContainer(action, container);
			else if (input.toLowerCase() === 'y' && pod) void actions.onPod(action, pod);
			else store.setState({ status: keyStatus('info', confirmCanceled(action)) });
			return;
		}

		if (lessons && (state.lesson?.phase === 'confirm' || state.lesson?.confirmLeave)) {
			lessonStepKey(lessons, input, key);
			return;
		}
		// Space works over the help and the details too: freezing is for the whole screen.
		if (purpose === 'freeze') return toggleFreeze(store);
		if (lessons && state.overlay === 'lessons' && lessonMenuKey(lessons, input, key)) return;

		if (state.overlay !== undefined) {
			// The details say "←/→ moves between rows": they show whatever row the cursor is on.
			if (state.overlay === 'details' && purpose === 'rows') {
				store.setState({ detailsScroll: 0 });
				return moveFocus(store, key.rightArrow ? 1 : -1);
			}
			// Details longer than the screen scroll; the view clamps the offset to what there is.
			if (state.overlay === 'details' && (key.upArrow || key.downArrow || key.pageUp || key.pageDown)) {
				const by = (key.pageUp || key.pageDown ? PAGE_SIZE : 1) * (key.upArrow || key.pageUp ? -1 : 1);
				return store.setState({ detailsScroll: Math.max(0, state.detailsScroll + by) });
			}
			if (
				purpose === 'escape' ||
				purpose === 'quit' ||
				(purpose === 'help' && state.overlay === 'help') ||
				(purpose === 'details' && state.overlay === 'details')
			) {
				store.setState({ overlay: undefined });
			}
			return;
		}

		if (purpose === 'quit') return quit();
		// `--read-only` turns off every key that runs a command, and L (a lesson runs commands).
		if (state.readOnly && entry?.command) {
			store.setState({ status: keyStatus('info', t('status.readOnly')) });
			return;
		}
		if (lessons && lessonStepKey(lessons, input, key)) return;
		if (lessons && purpose === 'lessons') return lessons.openMenu();
		// Several hosts: no lessons (a lesson watches one host); say so rather than ignore L.
		if (!lessons && crossHosts && purpose === 'lessons') return store.setState({ status: keyStatus('info', t('status.lessonsOneHost')) });
		if (purpose === 'escape') {
			if (state.filter !== '') {
				// What the status said was about the filtered screen; it is stale now.
				store.setState({ filter: '', status: undefined });
				ensureSelection(store);
			}
			return;
		}
		const move = (to: SelectionMove): void => {
			if (!cross?.(to)) moveSelection(store, to);
		};
		if (key.upArrow) return move({ by: -1 });
		if (key.downArrow) return move({ by: 1 });
		if (key.pageUp) return move({ by: -PAGE_SIZE });
		if (key.pageDown) return move({ by: PAGE_SIZE });
		if (key.home) return move('first');
		if (key.rightArrow) return moveFocus(store, 1);
		if (key.leftArrow) return moveFocus(store, -1);
		if (key.end) return move('last');
		if (purpose === 'help') return store.setState({ overlay: 'help' });
		if (input.startsWith('/')) {
			// A pasted "/text⏎" arrives as one chunk: open the filter and type the rest into it.
			store.setState({ filterDraft: state.filter });
			if (input.length > 1) filterKey(store, input.slice(1), key, cross);
			return;
		}
		if (purpose === 'run') return void actions.run();

		const container = selectedContainer(state);
		if (purpose === 'details') {
			// A pod's row has its own details (PodDetails): its infra, namespaces and every conmon.
			if (container || selectedPod(state)) store.setState({ overlay: 'details', detailsScroll: 0 });
			return;
		}
		const action = entry?.containerAction;
		if (action === undefined) return;
		// On a pod's row the container keys act on the pod (`podman pod stop`…), with the same questions.
		const pod = selectedPod(state);
		if (pod) {
			const effective = action === 'pause' && podState(pod) === 'paused' ? 'unpause' : action;
			const key = state.selectedId ?? '';
			if (asksFirst(state, effective, { id: key })) {
				store.setState({ confirm: { action: effective, containerId: key }, status: keyStatus('info', podConfirmQuestion(effective, pod)) });
				return;
			}
			void actions.onPod(action, pod);
			return;
		}
		if (!container) {
			// A filter that hides every container is why nothing is selected: say so, not "press r".
			const hidden = state.filter !== '' && visibleContainers(state).length === 0 && Object.keys(state.containers).length > 0;
			store.setState({
				status: keyStatus('info', hidden ? t('status.filterHidesAll', { filter: state.filter }) : t('status.noSelection')),
			});
			return;
		}
		// p on a paused container unpauses it: that only brings it back, so it never asks.
		const effective = action === 'pause' && container.state === 'paused' ? 'unpause' : action;
		if (asksFirst(state, effective, container)) {
			store.setState({
				confirm: { action: effective, containerId: container.id },
				status: keyStatus('info', confirmQuestion(effective, container)),
			});
			return;
		}
		void actions.onContainer(action, container);
	}
}

function filterKey(store: AppStore, input: string, key: Key, crossHosts?: (move: SelectionMove) => boolean): void {
	const draft = store.getState().filterDraft ?? '';
	if (key.escape) {
		store.setState({ filterDraft: undefined, filter: '', status: undefined });
		ensureSelection(store);
		return;
	}
	// Pasted text may end in Enter: type what comes before it, then keep the filter.
	const enter = input.search(/[\r\n]/);
	if (enter > 0) {
		filterKey(store, input.slice(0, enter), { ...key, return: false }, crossHosts);
		filterKey(store, '\r', { ...key, return: true }, crossHosts);
		return;
	}
	if (key.return) {
		store.setState({ filterDraft: undefined, filter: draft, status: undefined });
		// Enter keeps the filter and puts the cursor on the first match.
		const first = visibleContainers(store.getState())[0];
		store.setState({ selectedId: first?.id });
		// Several hosts: no match on this one, the first host that has one takes the cursor.
		if (!first && crossHosts?.('first')) return;
		if (!first) store.setState({ status: keyStatus('info', t('status.noMatch', { filter: draft })) });
		return;
	}
	if (key.backspace || key.delete) {
		store.setState({ filterDraft: draft.slice(0, -1) });
		return;
	}
	if (input && !key.ctrl && !key.meta) store.setState({ filterDraft: draft + input });
}
