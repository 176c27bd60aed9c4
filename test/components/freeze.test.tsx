/**
 * Space freezes the display for the person at the front of the room: the tree, the event log
 * and the clock hold still while the store keeps updating; the header says so and counts what
 * is waiting; keys and the status line stay live; Space again shows everything at once.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).
import '../helpers/forceColor.js';

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { setContainers } from '../../src/state/selection.js';
import { appendLog } from '../../src/state/store.js';
import { renderApp, statusLine } from '../helpers/appHarness.js';
import { at, containerId, DB_ID, fixtureState, makeContainer, NOW } from '../helpers/fixtureState.js';
import { ARROW_DOWN, screenLines, sendInput, settle, waitForFrameInTurns } from '../helpers/inkTesting.js';
import { hasContainerRow, waitForSelected } from '../helpers/treeScreen.js';

const SPACE = ' ';

// The clock is mocked so that "time stands still" can be seen; setImmediate is not (it flushes frames).
beforeEach(() => mock.timers.enable({ apis: ['Date', 'setInterval', 'setTimeout'], now: NOW }));
afterEach(() => {
	cleanup();
	mock.timers.reset();
});

/** Everything below the header and above the status line: what the freeze holds still. */
function frozenPart(lines: readonly string[]): string[] {
	return lines.slice(1, -2);
}

describe('Space', () => {
	test('freezes the frame while the store updates, says so in the header, and shows everything again on Space', async () => {
		const { rendered, store } = await renderApp(fixtureState());
		appendLog(store, [{ at: at(17, 0, 0), tone: 'good', text: 'conmon 4120 appeared for db' }]);
		await waitForFrameInTurns(rendered, (s) => s.includes('conmon 4120 appeared'), 'the first log line');

		await sendInput(rendered, SPACE);
		await waitForFrameInTurns(rendered, (s) => s.includes('❄ FROZEN 17:00:05 — Space resumes · 0 changes waiting'), 'the frozen marker');
		const before = frozenPart(screenLines(rendered));

		const cache = makeContainer({ id: containerId('cache'), name: 'cache', createdAt: at(17, 0, 4), startedAt: at(17, 0, 5) });
		setContainers(store, [...Object.values(store.getState().containers), cache]);
		appendLog(store, [{ at: at(17, 0, 5), tone: 'info', text: 'container cache created' }]);
		mock.timers.tick(10_000);
		await waitForFrameInTurns(rendered, (s) => s.includes('1 change waiting'), 'the waiting count');
		await settle();
		assert.deepEqual(frozenPart(screenLines(rendered)), before, 'the tree, the ages and the log hold still');
		assert.match(screenLines(rendered)[0] ?? '', /17:00$/, 'the clock holds still');

		await sendInput(rendered, SPACE);
		const screen = await waitForFrameInTurns(rendered, (s) => !s.includes('FROZEN'), 'the display to unfreeze');
		assert.ok(hasContainerRow(screen, 'cache'), 'the new container is there at once');
		assert.match(screen, /container cache created/);
		assert.match(screen, /● db .*Up 35s/, 'ages caught up with the 10 s that passed');
	});

	test('keys still work while frozen, and the status line stays live', async () => {
		const { rendered, store, calls } = await renderApp(fixtureState());
		await sendInput(rendered, SPACE);
		await waitForFrameInTurns(rendered, (s) => s.includes('FROZEN'), 'the frozen marker');

		await sendInput(rendered, ARROW_DOWN);
		await sendInput(rendered, ARROW_DOWN);
		await waitForSelected(rendered, 'db');
		await sendInput(rendered, 'k');
		assert.deepEqual(calls, [{ action: 'kill', containerId: DB_ID, name: 'db' }]);

		store.setState({ status: { tone: 'ok', text: '✓ $ podman kill db', source: 'key' } });
		await waitForFrameInTurns(rendered, () => statusLine(rendered).includes('✓ $ podman kill db'), 'the command result');
		assert.match(screenLines(rendered)[0] ?? '', /FROZEN/, 'still frozen');
	});
});
