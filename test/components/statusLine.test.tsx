/**
 * The status line: what the last podman command was and what podman answered, errors in
 * red with podman's own message, and the y/n question of a remove.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).
import '../helpers/forceColor.js';

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { StatusLine, statusLineTexts, statusMaxLines } from '../../components/StatusLine.js';
import { wrapToWidth } from '../../src/present/displayWidth.js';
import { createAppStore } from '../../src/state/store.js';
import { renderApp, statusLine } from '../helpers/appHarness.js';
import { fixtureState } from '../helpers/fixtureState.js';
import { renderInk, resizeTerminal, screenLines, screenText, waitForContent } from '../helpers/inkTesting.js';

afterEach(() => cleanup());

const KILL_FAILED = '✗ $ podman kill 4bb24efc9641: Error: can only kill running containers. 4bb24efc9641 is in state exited: container state improper';
const NOT_FOUND = '✗ $ podman stop 4b5e57f6eb2f: Error: no container with name or ID "4b5e57f6eb2f" found: no such container';
const RED = '\u001B[31m';

describe('the status line', () => {
	test("shows an error with podman's own message, in red", async () => {
		const store = createAppStore({ status: { tone: 'error', text: KILL_FAILED, source: 'key' } });
		const tree = <StatusLine store={store} width={160} maxLines={3} />;
		const rendered = await renderInk(tree);
		await resizeTerminal(rendered, { columns: 160, rows: 24 }, tree);
		assert.equal(screenText(rendered).trim(), KILL_FAILED);
		assert.ok(rendered.lastFrame()?.includes(RED), 'drawn in red');
	});

	test('shows the command that is running, then its result, as the store changes', async () => {
		const store = createAppStore({ status: { tone: 'working', text: '$ podman stop 4b5e57f6eb2f', source: 'key' } });
		const rendered = await renderInk(<StatusLine store={store} width={160} maxLines={3} />);
		assert.equal(screenText(rendered).trim(), '$ podman stop 4b5e57f6eb2f');
		assert.ok(!rendered.lastFrame()?.includes(RED));
		store.setState({ status: { tone: 'ok', text: '✓ $ podman stop 4b5e57f6eb2f  (10231 ms: 4b5e57f6eb2f)', source: 'key' } });
		await waitForContent(rendered, '✓ $ podman stop');
		assert.ok(!screenText(rendered).includes('$ podman stop 4b5e57f6eb2f\n'), 'the old text is replaced');
	});

	test('in the App, an error appears above the footer', async () => {
		const { rendered, store } = await renderApp(fixtureState(), { columns: 140, rows: 24 });
		assert.equal(statusLine(rendered), '');
		store.setState({ status: { tone: 'error', text: NOT_FOUND, source: 'key' } });
		await waitForContent(rendered, 'no such container');
		assert.equal(statusLine(rendered), NOT_FOUND);
	});

	test('in the App, its line is kept while empty, so nothing moves when a status appears', async () => {
		const { rendered, store } = await renderApp(fixtureState());
		const before = screenLines(rendered);
		assert.match(before.at(-1) ?? '', /^↑↓ move/, 'the footer is on the last line');
		assert.equal(before.at(-2), '', 'with the empty status line above it');
		store.setState({ status: { tone: 'info', text: 'remove canceled', source: 'key' } });
		await waitForContent(rendered, 'remove canceled');
		const after = screenLines(rendered);
		assert.equal(after.length, before.length);
		assert.equal(
			after.indexOf(before.find((line) => line.startsWith('─ events')) ?? '-'),
			before.findIndex((line) => line.startsWith('─ events')),
		);
		assert.equal(after.at(-2), 'remove canceled');
	});

	test('in the App at 80×24, a long podman error is wrapped whole onto lines above the footer, not cut', async () => {
		const { rendered, store } = await renderApp(fixtureState(), { columns: 80, rows: 24 });
		const before = screenLines(rendered);
		store.setState({ status: { tone: 'error', text: KILL_FAILED, source: 'key' } });
		await waitForContent(rendered, '✗ $ podman kill');
		const lines = screenLines(rendered);
		assert.equal(lines.length, before.length, 'the screen keeps its height: the tree gave up the lines');
		assert.equal(lines.at(-1), before.at(-1), 'the footer stays on the last line');
		const status = lines.slice(-3, -1);
		assert.equal(status.join(' '), KILL_FAILED, `the whole message, on two lines:\n${lines.join('\n')}`);
		for (const line of status) assert.ok(line.length <= 80);
	});

	test('a far host that cannot be reached: its ssh line stays above the podman failures that follow, the App sized for it', async () => {
		const sshLine =
			'far side unreachable (ssh: connect to host 127.0.0.1 port 1: Connection refused); try by hand: ssh -T -o BatchMode=yes -p 1 -l root -- 127.0.0.1 true';
		const farSide = { label: 'build · ssh://root@127.0.0.1:1', stale: { since: 1, text: sshLine }, procUnknown: false };
		const { rendered, store } = await renderApp({ ...fixtureState(), farSide }, { columns: 80, rows: 24 });
		store.setState({ status: { tone: 'error', text: 'podman events stream lost (exit status 125); retrying', source: 'host' } });
		await waitForContent(rendered, 'try by hand: ssh');
		const lines = screenLines(rendered);
		assert.equal(lines.slice(-3, -1).join(' '), sshLine, `the ssh line, on two lines:\n${lines.join('\n')}`);
		assert.ok(!screenText(rendered).includes('events stream lost (exit'), 'the failure that follows is not shown');
		store.setState({ status: { tone: 'working', text: '$ podman --connection build stop web', source: 'key' } });
		await waitForContent(rendered, '$ podman --connection build stop web');
		assert.equal(statusLine(rendered), '$ podman --connection build stop web', 'a key pressed shows as it runs');
	});

	test('more than the lines allowed: the last line ends in … (the event log keeps it whole)', () => {
		const long = `${KILL_FAILED} ${KILL_FAILED} ${KILL_FAILED}`;
		const lines = statusLineTexts(long, 60, 3);
		assert.equal(lines.length, 3);
		assert.match(lines[2] ?? '', /…$/);
		assert.deepEqual(statusLineTexts(KILL_FAILED, 60, 3), wrapToWidth(KILL_FAILED, 60));
		assert.equal(statusMaxLines(12), 1, 'a 12-row terminal keeps its one status line');
	});
});
