/**
 * Keys on a pod's row act on the pod (`podman pod …`), with the containers' questions: conmon-tui
 * never makes a pod, so stop, kill, restart, pause and remove ask; start never does.
 * Actions are a fake that records calls; nothing runs podman.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).
import '../helpers/forceColor.js';

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { podKey } from '../../src/model/pod.js';
import { renderApp } from '../helpers/appHarness.js';
import { at, byId, containerId, makeContainer } from '../helpers/fixtureState.js';
import { ARROW_DOWN, ARROW_UP, highlightedLines, type Rendered, sendInput, sendInputAndWaitForContent, waitForFrame } from '../helpers/inkTesting.js';
import { waitForSelected } from '../helpers/treeScreen.js';

afterEach(() => cleanup());

const POD = containerId('pod-web');
const INFRA = containerId('infra');
const MEMBER = containerId('web-a');
const ALONE = containerId('alone');

function podState() {
	const containers = [
		makeContainer({ id: ALONE, name: 'alone', state: 'running', createdAt: at(16, 0, 0), startedAt: at(16, 0, 1) }),
		makeContainer({
			id: INFRA,
			name: `${POD.slice(0, 12)}-infra`,
			image: 'localhost/podman-pause:4.3.1-0',
			command: [],
			state: 'running',
			createdAt: at(16, 1, 0),
			startedAt: at(16, 1, 1),
			pod: POD,
			podName: 'web',
			isInfra: true,
		}),
		makeContainer({ id: MEMBER, name: 'web-a', state: 'running', createdAt: at(16, 1, 1), startedAt: at(16, 1, 2), pod: POD, podName: 'web', isInfra: false }),
	];
	return { loaded: true, containers: byId(containers), selectedId: ALONE, startedHere: {} };
}

async function selectPodRow(rendered: Rendered): Promise<void> {
	await waitForSelected(rendered, 'alone');
	await sendInput(rendered, ARROW_DOWN);
	await waitForFrame(
		rendered,
		() => highlightedLines(rendered).some((line) => line.startsWith('▶ pod web (2 containers · 0 conmons)')),
		'the pod row to be selected',
	);
}

describe('keys on a pod row', () => {
	test('↑ ↓ walk pod, infra, member in screen order', async () => {
		const { rendered, store } = await renderApp(podState());
		await selectPodRow(rendered);
		assert.equal(store.getState().selectedId, podKey(POD));
		await sendInput(rendered, ARROW_DOWN);
		await waitForFrame(rendered, () => store.getState().selectedId === INFRA, 'the infra to be selected');
		await sendInput(rendered, ARROW_DOWN);
		await waitForFrame(rendered, () => store.getState().selectedId === MEMBER, 'the member to be selected');
		await sendInput(rendered, ARROW_UP);
		await sendInput(rendered, ARROW_UP);
		await waitForFrame(rendered, () => store.getState().selectedId === podKey(POD), 'back on the pod');
	});

	const asking = [
		{ key: 'x', action: 'stop' },
		{ key: 'k', action: 'kill' },
		{ key: 'R', action: 'restart' },
		{ key: 'd', action: 'remove' },
	] as const;
	for (const { key, action } of asking) {
		test(`${key} asks "${action} pod web (<id>)? y/n", and y runs ${action} on the pod`, async () => {
			const { rendered, calls } = await renderApp(podState());
			await selectPodRow(rendered);
			await sendInputAndWaitForContent(rendered, key, `${action} pod web (${POD.slice(0, 12)})? y/n`);
			assert.deepEqual(calls, [], 'nothing runs before the answer');
			await sendInput(rendered, 'y');
			assert.deepEqual(calls, [{ action, podId: POD, name: 'web' }]);
		});
	}

	test('s starts the pod without asking; n cancels a question', async () => {
		const { rendered, calls } = await renderApp(podState());
		await selectPodRow(rendered);
		await sendInputAndWaitForContent(rendered, 'x', 'y/n');
		await sendInput(rendered, 'n');
		assert.deepEqual(calls, []);
		await sendInput(rendered, 's');
		await waitForFrame(rendered, () => calls.length === 1, 'the start');
		assert.deepEqual(calls, [{ action: 'start', podId: POD, name: 'web' }]);
	});
});
