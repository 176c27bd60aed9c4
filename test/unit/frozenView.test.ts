import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toggleFreeze } from '../../src/state/freeze.js';
import { changesWaiting, shownTime, shownView } from '../../src/state/frozenView.js';
import { selectWhenListed, setContainers } from '../../src/state/selection.js';
import { appendLog, createAppStore } from '../../src/state/store.js';
import { at, containerId, fixtureState, makeContainer, NOW, WEB_ID } from '../helpers/fixtureState.js';

describe('the frozen view', () => {
	test('holds the data and the time of the moment of freezing while the store moves on', () => {
		const store = createAppStore(fixtureState());
		toggleFreeze(store, NOW);
		const frozen = store.getState();
		appendLog(store, [
			{ at: NOW + 1, tone: 'info', text: 'one' },
			{ at: NOW + 2, tone: 'info', text: 'two' },
		]);
		setContainers(store, [...Object.values(frozen.containers), makeContainer({ id: containerId('late'), name: 'late', createdAt: at(17, 0, 6) })]);
		const state = store.getState();
		assert.equal(shownView(state).containers, frozen.containers, 'the frozen containers are shown');
		assert.equal(Object.keys(state.containers).length, 4, 'the store has the new one');
		assert.equal(shownView(state).log.length, 0);
		assert.equal(changesWaiting(state), 2);
		assert.equal(shownTime(state, NOW + 60_000), NOW);

		toggleFreeze(store);
		assert.equal(shownView(store.getState()).containers, store.getState().containers, 'live again');
		assert.equal(changesWaiting(store.getState()), 0);
		assert.equal(shownTime(store.getState(), NOW + 60_000), NOW + 60_000);
	});

	test('a container run while frozen is selected when Space shows it', () => {
		const store = createAppStore(fixtureState());
		toggleFreeze(store, NOW);
		const id = containerId('run-while-frozen');
		selectWhenListed(store, id);
		setContainers(store, [...Object.values(store.getState().containers), makeContainer({ id, name: 'new', createdAt: at(17, 0, 6) })]);
		assert.equal(store.getState().selectedId, WEB_ID, 'not on screen yet: the cursor stays');
		toggleFreeze(store);
		assert.equal(store.getState().selectedId, id);
	});
});
