/**
 * The event log: the last lifecycle changes, oldest at the top and newest at the bottom,
 * with times to the millisecond.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { EventLog } from '../../components/EventLog.js';
import { appendLog, createAppStore, type LogEntry } from '../../src/state/store.js';
import { renderApp } from '../helpers/appHarness.js';
import { at, fixtureState } from '../helpers/fixtureState.js';
import { renderInk, screenLines, screenText, waitForContent } from '../helpers/inkTesting.js';

afterEach(() => cleanup());

/** What a `podman restart web` followed by a kill of db leaves in the log, in the order it happened. */
const RESTART_AND_KILL: Omit<LogEntry, 'id'>[] = [
	{ at: at(16, 57, 2, 410), tone: 'command', text: '$ podman restart 4b5e57f6eb2f' },
	{ at: at(16, 57, 2, 980), tone: 'bad', text: 'container web (4b5e57f6eb2f) died (exit code 0)' },
	{ at: at(16, 57, 3, 120), tone: 'bad', text: 'conmon 3805 exited for web (4b5e57f6eb2f) (code 0)' },
	{ at: at(16, 57, 5, 30), tone: 'good', text: 'conmon 3990 appeared for web (4b5e57f6eb2f)' },
	{ at: at(16, 57, 5, 200), tone: 'good', text: 'container web (4b5e57f6eb2f) started' },
	{ at: at(16, 59, 50, 5), tone: 'command', text: '$ podman kill 7bdc25d1694e' },
];

/** The log lines below the title. */
function entries(rendered: Parameters<typeof screenLines>[0]): string[] {
	return screenLines(rendered)
		.slice(1)
		.filter((line) => line !== '');
}

describe('the event log', () => {
	test('shows the newest lines at the bottom, and only as many as it has room for', async () => {
		const store = createAppStore();
		appendLog(store, RESTART_AND_KILL);
		const rendered = await renderInk(<EventLog store={store} lines={4} width={80} />);
		assert.deepEqual(entries(rendered), [
			'16:57:03.120 conmon 3805 exited for web (4b5e57f6eb2f) (code 0)',
			'16:57:05.030 conmon 3990 appeared for web (4b5e57f6eb2f)',
			'16:57:05.200 container web (4b5e57f6eb2f) started',
			'16:59:50.005 $ podman kill 7bdc25d1694e',
		]);
	});

	test('has a title rule as wide as the screen', async () => {
		const rendered = await renderInk(<EventLog store={createAppStore()} lines={3} width={60} />);
		assert.equal(screenLines(rendered)[0], `─ events ${'─'.repeat(51)}`);
	});

	test('a line added later appears at the bottom and pushes the oldest out', async () => {
		const store = createAppStore();
		appendLog(store, RESTART_AND_KILL);
		const rendered = await renderInk(<EventLog store={store} lines={4} width={80} />);
		appendLog(store, [{ at: at(16, 59, 50, 180), tone: 'bad', text: 'container db (7bdc25d1694e) died (exit code 137)' }]);
		await waitForContent(rendered, 'died (exit code 137)');
		const lines = entries(rendered);
		assert.equal(lines.at(-1), '16:59:50.180 container db (7bdc25d1694e) died (exit code 137)');
		assert.equal(lines.length, 4);
		assert.ok(!screenText(rendered).includes('conmon 3805 exited'), 'the oldest shown line scrolled out');
	});

	test('a podman event that arrives late is placed by when it happened', async () => {
		const store = createAppStore();
		appendLog(store, [{ at: at(17, 1, 0, 100), tone: 'bad', text: 'conmon 4120 exited for db (7bdc25d1694e) (code 137)' }]);
		// podman's `died` event comes ~200 ms after /proc showed the conmon gone, but happened before.
		appendLog(store, [{ at: at(17, 1, 0, 40), tone: 'bad', text: 'container db (7bdc25d1694e) died (exit code 137)' }]);
		const rendered = await renderInk(<EventLog store={store} lines={4} width={80} />);
		assert.deepEqual(entries(rendered), [
			'17:01:00.040 container db (7bdc25d1694e) died (exit code 137)',
			'17:01:00.100 conmon 4120 exited for db (7bdc25d1694e) (code 137)',
		]);
	});

	test('in the App, it sits under the tree with the newest line last', async () => {
		const store = createAppStore(fixtureState());
		appendLog(store, RESTART_AND_KILL);
		const { rendered } = await renderApp(store.getState());
		const lines = screenLines(rendered);
		const title = lines.findIndex((line) => line.startsWith('─ events '));
		assert.ok(title > 0, 'the event log is on screen');
		const shown = lines.slice(title + 1).filter((line) => /^\d\d:\d\d:\d\d\.\d{3} /.test(line));
		assert.equal(shown.at(-1), '16:59:50.005 $ podman kill 7bdc25d1694e');
		assert.equal(shown.length, 6, 'a 24-row terminal gives the log 6 lines');
		assert.equal(shown[0], '16:57:02.410 $ podman restart 4b5e57f6eb2f');
	});
});
