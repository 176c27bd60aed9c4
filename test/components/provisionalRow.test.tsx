/**
 * A conmon that `podman ps` has not listed yet is a provisional row (watch/scanFold.ts), on screen
 * the moment /proc shows it. It is a row like any: on an empty screen it takes the cursor, and
 * Enter on it opens its details at once, without waiting for `ps` (a second on a loaded machine).
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).
import '../helpers/forceColor.js';

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { setScanned } from '../../src/state/selection.js';
import { renderApp } from '../helpers/appHarness.js';
import { makeContainer } from '../helpers/fixtureState.js';
import { ENTER, sendInputAndWaitForContent, waitForContent } from '../helpers/inkTesting.js';

afterEach(() => cleanup());

const ID = 'c0ffee'.padEnd(64, '0');

describe('a provisional row (a conmon podman has not listed yet)', () => {
	test('on an empty screen it takes the cursor, and Enter opens its details', async () => {
		const { rendered, store } = await renderApp({ loaded: true });
		setScanned(store, { containers: { [ID]: makeContainer({ id: ID, name: 'early', image: '', command: [] }) } });
		assert.equal(store.getState().selectedId, ID);
		await waitForContent(rendered, '▶ ● early');
		await sendInputAndWaitForContent(rendered, ENTER, 'conmon generations seen this session');
	});

	test('the container `r` ran is selected as soon as its provisional row exists', async () => {
		const other = 'beef'.padEnd(64, '0');
		const { store } = await renderApp({ loaded: true, containers: { [other]: makeContainer({ id: other, name: 'other' }) }, selectedId: other });
		store.setState({ pendingSelectionId: ID });
		setScanned(store, { containers: { ...store.getState().containers, [ID]: makeContainer({ id: ID, name: 'early' }) } });
		assert.equal(store.getState().selectedId, ID);
		assert.equal(store.getState().pendingSelectionId, undefined);
	});

	test('a scan that adds no container leaves the cursor where it is', async () => {
		const { store } = await renderApp({ loaded: true });
		setScanned(store, { processes: [] });
		assert.equal(store.getState().selectedId, undefined);
	});
});
