/**
 * Keys that arrive in one read from the terminal (typed fast, over a laggy ssh, pasted): ink hands
 * them to the App as one `input`; every key in it must still be a key, in order.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { splitKeys } from '../../src/present/keyChunk.js';
import { renderApp } from '../helpers/appHarness.js';
import { BATCH_ID, fixtureState, WEB_ID } from '../helpers/fixtureState.js';
import { ARROW_DOWN, sendInput, waitForFrame } from '../helpers/inkTesting.js';

afterEach(() => cleanup());

describe('keys in one chunk', () => {
	test('`ss` in one write starts the selected container twice', async () => {
		const { rendered, calls } = await renderApp(fixtureState());
		await sendInput(rendered, 'ss');
		assert.deepEqual(
			calls.map((c) => c.action),
			['start', 'start'],
		);
	});

	test('`kx` in one write kills then stops, in that order', async () => {
		const { rendered, calls } = await renderApp(fixtureState());
		await sendInput(rendered, 'kx');
		assert.deepEqual(calls, [
			{ action: 'kill', containerId: WEB_ID, name: 'web' },
			{ action: 'stop', containerId: WEB_ID, name: 'web' },
		]);
	});

	test('an arrow and letters in one write: the arrow moves, then the letter acts on the new selection', async () => {
		const { rendered, calls } = await renderApp(fixtureState());
		await sendInput(rendered, `${ARROW_DOWN}x`);
		assert.deepEqual(calls, [{ action: 'stop', containerId: BATCH_ID, name: 'batch' }]);
	});

	test('four Backspaces in one write delete four characters of the filter being typed', async () => {
		const { rendered, store } = await renderApp(fixtureState());
		await sendInput(rendered, '/');
		await sendInput(rendered, 'webxyzw');
		assert.equal(store.getState().filterDraft, 'webxyzw');
		await sendInput(rendered, '\u007F\u007F\u007F\u007F');
		assert.equal(store.getState().filterDraft, 'web');
		await waitForFrame(rendered, (screen) => /^\/web /m.test(screen), 'the filter bar showing /web');
	});

	test('a pasted `/web⏎` still sets the filter and closes the prompt', async () => {
		const { rendered, store } = await renderApp(fixtureState());
		await sendInput(rendered, '/web\r');
		assert.equal(store.getState().filter, 'web');
		assert.equal(store.getState().filterDraft, undefined);
		assert.deepEqual(rendered && store.getState().selectedId, WEB_ID);
	});
});

describe('splitKeys', () => {
	const plain = splitKeys('a', { ...splitKeys('bc', {} as never)[0]!.key });
	test('a lone key comes back as it came', () => {
		assert.equal(plain.length, 1);
		assert.equal(plain[0]?.input, 'a');
	});

	test('printable characters one by one; Enter, Delete and Ctrl-C named as ink names them alone', () => {
		const keys = splitKeys('sR\r\u007F\u0003日', {} as never);
		assert.deepEqual(
			keys.map((k) => k.input),
			['s', 'R', '', '', 'c', '日'],
		);
		assert.equal(keys[1]?.key.shift, true);
		assert.equal(keys[2]?.key.return, true);
		assert.equal(keys[3]?.key.delete, true);
		assert.equal(keys[4]?.key.ctrl, true);
	});

	test('a key ink already named (Alt+x, an arrow) is not split', () => {
		const key = { ...splitKeys('ab', {} as never)[0]!.key, meta: true };
		assert.deepEqual(splitKeys('[A', key), [{ input: '[A', key }]);
	});
});
