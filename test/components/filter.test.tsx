/**
 * The filter: `/` opens a prompt, typing filters the tree live on name, ID and image,
 * Enter keeps the filter and selects the first match, Escape clears it.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { setContainers } from '../../src/state/selection.js';
import { renderApp, statusLine } from '../helpers/appHarness.js';
import { at, BATCH_ID, containerId, DB_ID, fixtureState, makeContainer, WEB_ID } from '../helpers/fixtureState.js';
import {
	BACKSPACE,
	END,
	ENTER,
	ESCAPE,
	screenText,
	sendInput,
	sendInputAndWaitForContent,
	sendInputAndWaitForFrame,
	waitForFrame,
} from '../helpers/inkTesting.js';
import { hasContainerRow, waitForSelected } from '../helpers/treeScreen.js';

afterEach(() => cleanup());

const NAMES = ['web', 'batch', 'db'] as const;

/** The container rows on screen, by name, in screen order. */
function listed(screen: string): string[] {
	return NAMES.filter((name) => hasContainerRow(screen, name)).sort(
		(a, b) => screen.search(new RegExp(`^[▶ ] [●○◐] ${a} `, 'm')) - screen.search(new RegExp(`^[▶ ] [●○◐] ${b} `, 'm')),
	);
}

/** Waits until exactly `names` are listed. */
function waitForListed(rendered: Parameters<typeof screenText>[0], names: readonly string[]): Promise<string> {
	return waitForFrame(rendered, (screen) => listed(screen).join() === names.join(), `the tree to list only ${names.join(', ')}`);
}

describe('typing a filter', () => {
	test('/ opens the filter prompt', async () => {
		const { rendered } = await renderApp(fixtureState());
		assert.ok(!screenText(rendered).includes('Enter keeps'));
		await sendInputAndWaitForContent(rendered, '/', 'Enter keeps · Escape clears');
		assert.match(screenText(rendered), /^\/ +Enter keeps · Escape clears$/m);
	});

	test('filters the tree as it is typed', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInput(rendered, '/');
		await sendInput(rendered, 'p');
		await waitForListed(rendered, ['web', 'db']);
		await sendInput(rendered, 'o');
		const screen = await waitForListed(rendered, ['db']);
		assert.match(screen, /^\/po /m, 'the prompt shows what was typed');
		assert.ok(!screen.includes('conmon 3990'), "web's branch went with it");
	});

	test('matches the name', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInput(rendered, '/');
		await sendInput(rendered, 'web');
		await waitForListed(rendered, ['web']);
	});

	test('matches the image', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInput(rendered, '/');
		await sendInput(rendered, 'fedora');
		await waitForListed(rendered, ['batch']);
	});

	test('matches the ID', async () => {
		const { rendered } = await renderApp(fixtureState());
		const part = BATCH_ID.slice(2, 10);
		for (const other of [WEB_ID, DB_ID]) assert.ok(!other.includes(part), 'the fixture ID part is unique');
		await sendInput(rendered, '/');
		await sendInput(rendered, part);
		await waitForListed(rendered, ['batch']);
	});

	test('ignores case', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInput(rendered, '/');
		await sendInput(rendered, 'NGINX');
		await waitForListed(rendered, ['web']);
	});

	test('Backspace takes back a character', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInput(rendered, '/');
		await sendInputAndWaitForContent(rendered, 'dbx', 'no container matches "dbx"');
		await sendInput(rendered, BACKSPACE);
		await waitForListed(rendered, ['db']);
	});

	test('letters that are keys elsewhere (q, k, d) are typed into the filter', async () => {
		const { rendered, calls, quits } = await renderApp(fixtureState());
		await sendInput(rendered, '/');
		for (const key of ['q', 'k', 'd']) await sendInput(rendered, key);
		await waitForFrame(rendered, (screen) => /^\/qkd /m.test(screen), 'the prompt to show qkd');
		assert.equal(quits(), 0);
		assert.deepEqual(calls, []);
	});
});

describe('Enter keeps the filter', () => {
	test('and selects the first match, even when the selected container still matches', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInput(rendered, END);
		await waitForSelected(rendered, 'db');
		await sendInput(rendered, '/');
		await sendInput(rendered, 'docker.io');
		await waitForListed(rendered, ['web', 'db']);
		await sendInputAndWaitForContent(rendered, ENTER, 'filter: docker.io  (/ edits · Escape clears)');
		assert.ok(!screenText(rendered).includes('Enter keeps'), 'the prompt is closed');
		await waitForListed(rendered, ['web', 'db']);
		await waitForSelected(rendered, 'web');
	});

	test('/ edits the kept filter', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInput(rendered, '/');
		await sendInput(rendered, 'docker.io');
		await sendInput(rendered, ENTER);
		await sendInputAndWaitForContent(rendered, '/', 'Enter keeps');
		assert.match(screenText(rendered), /^\/docker\.io /m, 'the prompt starts from the kept filter');
		for (let i = 0; i < 'docker.io'.length; i++) await sendInput(rendered, BACKSPACE);
		await sendInput(rendered, 'postgres');
		await sendInput(rendered, ENTER);
		await waitForListed(rendered, ['db']);
		await waitForSelected(rendered, 'db');
	});

	test('then keys act on the filtered list', async () => {
		const { rendered, calls } = await renderApp(fixtureState());
		await sendInput(rendered, '/');
		await sendInput(rendered, 'quay.io');
		await sendInput(rendered, ENTER);
		await waitForSelected(rendered, 'batch');
		await sendInput(rendered, 's');
		assert.deepEqual(calls, [{ action: 'start', containerId: BATCH_ID, name: 'batch' }]);
	});

	test('with no match, says so and selects nothing', async () => {
		const { rendered, calls } = await renderApp(fixtureState());
		await sendInput(rendered, '/');
		await sendInput(rendered, 'redis');
		await sendInput(rendered, ENTER);
		await waitForFrame(rendered, () => statusLine(rendered).includes('no container matches "redis"'), 'the status line to say no match');
		await sendInput(rendered, 'k');
		assert.deepEqual(calls, [], 'no hidden container is acted on');
	});

	test('k with a filter that hides everything says the filter hides them, and the message goes with the filter', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInput(rendered, '/redis\r');
		await sendInput(rendered, 'k');
		await waitForFrame(
			rendered,
			() => statusLine(rendered).includes('the filter "redis" hides every container: Escape clears it'),
			'the status line to blame the filter',
		);
		assert.doesNotMatch(screenText(rendered), /press r to run one/);
		await sendInput(rendered, ESCAPE);
		await waitForFrame(rendered, () => hasContainerRow(screenText(rendered), 'db'), 'every container back');
		assert.equal(statusLine(rendered), '', 'the stale message is gone with the filter');
	});

	test('a container podman lists later shows only if it matches', async () => {
		const { rendered, store } = await renderApp(fixtureState());
		await sendInput(rendered, '/');
		await sendInput(rendered, 'docker.io');
		await sendInput(rendered, ENTER);
		await waitForListed(rendered, ['web', 'db']);
		const matching = makeContainer({ id: containerId('cache'), name: 'cache', image: 'docker.io/library/redis:7', createdAt: at(17, 0, 0) });
		const other = makeContainer({ id: containerId('tools'), name: 'tools', image: 'quay.io/podman/stable', createdAt: at(17, 0, 1) });
		setContainers(store, [...Object.values(store.getState().containers), matching, other]);
		const screen = await waitForFrame(rendered, (s) => hasContainerRow(s, 'cache'), 'cache to be listed');
		assert.ok(!hasContainerRow(screen, 'tools'));
		await waitForSelected(rendered, 'web');
	});
});

describe('Escape clears the filter', () => {
	test('while typing: every container is back and the selection has not moved', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInput(rendered, '/');
		await sendInput(rendered, 'db');
		await waitForListed(rendered, ['db']);
		const screen = await sendInputAndWaitForFrame(rendered, ESCAPE, (s) => listed(s).length === 3, 'every container to be back');
		assert.deepEqual(listed(screen), ['web', 'batch', 'db']);
		assert.ok(!screen.includes('Enter keeps'), 'the prompt is closed');
		await waitForSelected(rendered, 'web');
	});

	test('while editing a kept filter: the filter is gone, not just the prompt', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInput(rendered, '/');
		await sendInput(rendered, 'docker.io');
		await sendInputAndWaitForContent(rendered, ENTER, 'filter: docker.io');
		await sendInputAndWaitForContent(rendered, '/', 'Enter keeps');
		const screen = await sendInputAndWaitForFrame(rendered, ESCAPE, (s) => listed(s).length === 3, 'every container to be back');
		assert.ok(!screen.includes('filter:') && !screen.includes('Enter keeps'), 'neither the filter line nor the prompt is left');
	});

	test('after Enter: every container is back and the selection stays on the match', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInput(rendered, '/');
		await sendInput(rendered, 'postgres');
		await sendInput(rendered, ENTER);
		await waitForSelected(rendered, 'db');
		const screen = await sendInputAndWaitForFrame(rendered, ESCAPE, (s) => listed(s).length === 3, 'every container to be back');
		assert.ok(!screen.includes('filter:'), 'the filter line is gone');
		// db was the first row of the filtered list; web is the first row now: the selection follows the container.
		await waitForSelected(rendered, 'db');
	});
});

describe('pasted filter text', () => {
	test('"/web⏎" in one chunk opens the filter, types it and keeps it', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInputAndWaitForContent(rendered, '/we\r', 'filter: we');
		assert.ok(hasContainerRow(screenText(rendered), 'web'));
		assert.ok(!hasContainerRow(screenText(rendered), 'db'));
	});
});
