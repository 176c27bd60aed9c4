/**
 * The App's keys: moving the selection, and the keys that act on the selected container,
 * run a new one or quit. Actions are a fake that records calls; nothing runs podman.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).
import '../helpers/forceColor.js';

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { setContainers } from '../../src/state/selection.js';
import { renderApp, statusLine } from '../helpers/appHarness.js';
import { at, BATCH_ID, containerId, DB_ID, fixtureState, makeContainer, manyContainersState, WEB_ID } from '../helpers/fixtureState.js';
import { ARROW_DOWN, ARROW_UP, CTRL_C, END, HOME, PAGE_DOWN, PAGE_UP, sendInput, sendInputAndWaitForContent, waitForFrame } from '../helpers/inkTesting.js';
import { hasContainerRow, selectionSteps, waitForSelected } from '../helpers/treeScreen.js';

afterEach(() => cleanup());

describe('moving the selection', () => {
	test('Down and Up move one container at a time and stop at the ends', async () => {
		const { rendered } = await renderApp(fixtureState());
		await waitForSelected(rendered, 'web');
		await selectionSteps(rendered, [
			[ARROW_DOWN, 'batch'],
			[ARROW_DOWN, 'db'],
			[ARROW_DOWN, 'db'],
			[ARROW_UP, 'batch'],
		]);
		await sendInput(rendered, ARROW_UP);
		await sendInput(rendered, ARROW_UP);
		await waitForSelected(rendered, 'web');
	});

	test('End goes to the last container and Home to the first', async () => {
		const { rendered } = await renderApp(fixtureState());
		await selectionSteps(rendered, [
			[END, 'db'],
			[HOME, 'web'],
		]);
	});

	test('PgDn and PgUp move ten containers, not past the ends, scrolling the tree', async () => {
		const { rendered } = await renderApp(manyContainersState(15));
		await waitForSelected(rendered, 'job-01');
		await selectionSteps(rendered, [
			[PAGE_DOWN, 'job-11'],
			[PAGE_DOWN, 'job-15'],
			[PAGE_UP, 'job-05'],
			[PAGE_UP, 'job-01'],
		]);
	});

	test('with nothing selected, Down selects the first container', async () => {
		const { rendered } = await renderApp({ ...fixtureState(), selectedId: undefined });
		await sendInput(rendered, ARROW_DOWN);
		await waitForSelected(rendered, 'web');
	});

	test('the selection stays on its container when podman lists a new one above it', async () => {
		const { rendered, store } = await renderApp(fixtureState());
		await sendInput(rendered, ARROW_DOWN);
		await waitForSelected(rendered, 'batch');
		const earlier = makeContainer({ id: containerId('older'), name: 'older', createdAt: at(15, 0, 0) });
		setContainers(store, [earlier, ...Object.values(store.getState().containers)]);
		await waitForFrame(rendered, (screen) => hasContainerRow(screen, 'older'), 'the new container');
		await waitForSelected(rendered, 'batch');
		await sendInput(rendered, ARROW_UP);
		await waitForSelected(rendered, 'web');
	});
});

describe('keys that act on the selected container', () => {
	const keys = [
		{ key: 'k', action: 'kill' },
		{ key: 's', action: 'start' },
		{ key: 'x', action: 'stop' },
		{ key: 'R', action: 'restart' },
		{ key: 'p', action: 'pause' },
	] as const;
	for (const { key, action } of keys) {
		test(`${key} asks for ${action} of the selected container`, async () => {
			const { rendered, calls } = await renderApp(fixtureState());
			await sendInput(rendered, END);
			await waitForSelected(rendered, 'db');
			await sendInput(rendered, key);
			assert.deepEqual(calls, [{ action, containerId: DB_ID, name: 'db' }]);
		});
	}

	test('with no container selected they do nothing but say so', async () => {
		const { rendered, calls } = await renderApp({ loaded: true });
		await sendInputAndWaitForContent(rendered, 'k', 'no container selected: press r to run one');
		assert.deepEqual(calls, []);
	});

	test('r runs a new container', async () => {
		const { rendered, calls } = await renderApp(fixtureState());
		await sendInput(rendered, 'r');
		assert.deepEqual(calls, [{ action: 'run' }]);
	});

	test('keys without a meaning do nothing', async () => {
		const { rendered, calls, quits } = await renderApp(fixtureState());
		for (const key of ['z', 'K', 'S', '1']) await sendInput(rendered, key);
		assert.deepEqual(calls, []);
		assert.equal(quits(), 0);
	});
});

describe('destructive keys ask first about a container this session did not start', () => {
	/** The fixture's containers, none of them started by this session (as on a shared dev box). */
	const notOurs = () => ({ ...fixtureState(), startedHere: {} });
	const asking = [
		{ key: 'k', action: 'kill', question: 'kill' },
		{ key: 'x', action: 'stop', question: 'stop' },
		{ key: 'R', action: 'restart', question: 'restart' },
		{ key: 'p', action: 'pause', question: 'pause' },
		{ key: 'd', action: 'remove', question: 'remove' },
	] as const;
	for (const { key, action, question } of asking) {
		test(`${key} asks "${question} <name> (<id>)? y/n", and y runs ${action} on the container that was selected`, async () => {
			const { rendered, calls } = await renderApp(notOurs());
			await sendInput(rendered, ARROW_DOWN);
			await waitForSelected(rendered, 'batch');
			await sendInputAndWaitForContent(rendered, key, `${question} batch (${BATCH_ID.slice(0, 12)})? y/n`);
			assert.deepEqual(calls, [], 'nothing runs before the answer');
			await sendInput(rendered, 'y');
			assert.deepEqual(calls, [{ action, containerId: BATCH_ID, name: 'batch' }]);
		});
	}

	test('n cancels', async () => {
		const { rendered, calls } = await renderApp(notOurs());
		await sendInputAndWaitForContent(rendered, 'k', `kill web (${WEB_ID.slice(0, 12)})? y/n`);
		await sendInputAndWaitForContent(rendered, 'n', 'kill canceled');
		assert.deepEqual(calls, []);
		assert.doesNotMatch(statusLine(rendered), /y\/n/);
	});

	test('any other key cancels too, and is not taken as a command', async () => {
		const { rendered, calls } = await renderApp(notOurs());
		await sendInputAndWaitForContent(rendered, 'd', 'remove web');
		await sendInputAndWaitForContent(rendered, 'k', 'remove canceled');
		assert.deepEqual(calls, [], 'neither removed nor killed');
	});

	test('y after the container has gone meanwhile does nothing', async () => {
		const { rendered, store, calls } = await renderApp(notOurs());
		await sendInputAndWaitForContent(rendered, 'd', 'remove web');
		setContainers(
			store,
			Object.values(store.getState().containers).filter((c) => c.id !== WEB_ID),
		);
		await sendInput(rendered, 'y');
		assert.deepEqual(calls, []);
	});

	test('s (start) never asks; a container this session started is acted on at once', async () => {
		const { rendered, calls } = await renderApp({ ...fixtureState(), startedHere: { [BATCH_ID]: true } });
		await sendInput(rendered, 's');
		assert.deepEqual(calls, [{ action: 'start', containerId: WEB_ID, name: 'web' }]);
		await sendInput(rendered, ARROW_DOWN);
		await waitForSelected(rendered, 'batch');
		await sendInput(rendered, 'k');
		assert.deepEqual(calls.at(-1), { action: 'kill', containerId: BATCH_ID, name: 'batch' });
	});

	test('--yes (askFirst off): no question', async () => {
		const { rendered, calls } = await renderApp({ ...notOurs(), askFirst: false });
		await sendInput(rendered, 'k');
		assert.deepEqual(calls, [{ action: 'kill', containerId: WEB_ID, name: 'web' }]);
	});
});

describe('--read-only', () => {
	test('every command key answers "read-only" and runs nothing; moving still works', async () => {
		const { rendered, calls, store } = await renderApp({ ...fixtureState(), readOnly: true });
		for (const key of ['r', 's', 'x', 'k', 'R', 'p', 'd', 'L']) {
			// A clean status line before each key: what it says afterwards is this key's answer.
			store.setState({ status: undefined });
			await sendInput(rendered, key);
			assert.match(statusLine(rendered), /read-only/, `${key} answers read-only`);
		}
		assert.deepEqual(calls, []);
		assert.doesNotMatch(statusLine(rendered), /y\/n/);
		await sendInput(rendered, ARROW_DOWN);
		await waitForSelected(rendered, 'batch');
	});

	test('? says read-only', async () => {
		const { rendered } = await renderApp({ ...fixtureState(), readOnly: true });
		await sendInputAndWaitForContent(rendered, '?', 'Read-only (--read-only): r s x k R p d L are off');
	});
});

describe('quitting', () => {
	test('q quits', async () => {
		const { rendered, quits, calls } = await renderApp(fixtureState());
		await sendInput(rendered, 'q');
		assert.equal(quits(), 1);
		assert.deepEqual(calls, []);
	});

	test('Ctrl-C quits', async () => {
		const { rendered, quits } = await renderApp(fixtureState());
		await sendInput(rendered, CTRL_C);
		assert.equal(quits(), 1);
	});
});
