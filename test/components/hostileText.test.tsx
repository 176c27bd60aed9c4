/**
 * Outside text with terminal controls in it, through every view of the App: the tree, the
 * details, the status line, the event log and the y/n question. The frame (what Ink writes
 * to the terminal) must hold the controls only as visible escapes.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).
import '../helpers/forceColor.js';

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { appendLog } from '../../src/state/store.js';
import { renderApp } from '../helpers/appHarness.js';
import { containerId, fixtureState, makeContainer } from '../helpers/fixtureState.js';
import { ENTER, sendInput, sendInputAndWaitForContent, waitForContent } from '../helpers/inkTesting.js';

afterEach(() => cleanup());

const ESC = '\u001B';
const HOSTILE = `${ESC}]0;PWNED\u0007${ESC}[2J\u009b31m\u202eevil`;
/** Controls a container's data could carry; the frame's own SGR (ESC [ … m) is Ink's and allowed. */
const FOREIGN = /\u001B\]|\u001B\[2J|[\u0007\u009b\u202e]/;

describe('hostile outside text in every view', () => {
	test('tree, details, status line, event log and question show escapes, never the raw controls', async () => {
		const state = fixtureState();
		const id = containerId('evil');
		const evil = makeContainer({
			id,
			name: `evil${ESC}[31m`,
			image: `img${HOSTILE}`,
			command: ['sh', '-c', HOSTILE],
			state: 'running',
			startedAt: Date.now() - 1000,
		});
		const { rendered, store } = await renderApp({ ...state, containers: { [id]: evil }, selectedId: id, startedHere: {} }, { columns: 200, rows: 30 });
		await waitForContent(rendered, 'evil\\e[31m');
		assert.ok(!FOREIGN.test(rendered.lastFrame() ?? ''), 'the tree');

		appendLog(store, [{ at: Date.now(), tone: 'bad', text: `container died: ${HOSTILE}` }]);
		store.setState({ status: { tone: 'error', text: `✗ $ podman kill x: Error: ${HOSTILE}\nsecond line`, source: 'key' } });
		await waitForContent(rendered, 'second line');
		const frame = rendered.lastFrame() ?? '';
		assert.ok(!FOREIGN.test(frame), 'the event log and the status line');
		assert.match(frame, /container died: \\e\]0;PWNED\\x07\\e\[2J\\x9b31m\\u202eevil/);
		assert.match(frame, /Error: \\e\]0;PWNED.*\\nsecond line/, 'a podman message of two lines stays on one');

		await sendInputAndWaitForContent(rendered, 'k', 'y/n');
		assert.ok(!FOREIGN.test(rendered.lastFrame() ?? ''), 'the question');
		await sendInput(rendered, 'n');
		await sendInputAndWaitForContent(rendered, ENTER, 'conmon generations seen this session');
		assert.ok(!FOREIGN.test(rendered.lastFrame() ?? ''), 'the details');
		assert.match(rendered.lastFrame() ?? '', /sh -c '\\e\]0;PWNED/);
	});
});
