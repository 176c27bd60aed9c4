/**
 * The tree: container rows, their conmon (with its history) and the processes below it,
 * and the selection, which follows the container (not the row) when the list changes.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).
import '../helpers/forceColor.js';

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { ContainerTree } from '../../components/ContainerTree.js';
import { EMPTY_HISTORY } from '../../src/model/conmonHistory.js';
import { setContainers } from '../../src/state/selection.js';
import { type AppState, type AppStore, createAppStore } from '../../src/state/store.js';
import {
	at,
	BATCH_ID,
	byId,
	containerId,
	DB_ID,
	fixtureState,
	makeConmonProcess,
	makeContainer,
	makeGeneration,
	manyContainersState,
	NOW,
	WEB_ID,
} from '../helpers/fixtureState.js';
import { lineIndex, type Rendered, renderInk, screenLines, screenText, waitForFrame, wordsInOrder } from '../helpers/inkTesting.js';
import { containerRow, waitForSelected } from '../helpers/treeScreen.js';

afterEach(() => cleanup());

/** Renders the tree alone, at the fixtures' fixed time, so ages are exact. */
async function renderTree(state: Partial<AppState>, height = 20) {
	const store = createAppStore(state);
	const rendered = await renderInk(<ContainerTree store={store} height={height} width={100} now={NOW} />);
	return { rendered, store };
}

/** How far a row is indented: where its text starts after the tree guide. */
function textColumn(line: string): number {
	return line.search(/[^\s│├└─]/);
}

describe('container rows', () => {
	test('show the state, name, short ID, image, command and status of each container', async () => {
		const { rendered } = await renderTree(fixtureState());
		const screen = screenText(rendered);
		assert.match(screen, wordsInOrder('●', 'web', WEB_ID.slice(0, 12), 'docker.io/library/nginx:alpine', "nginx -g 'daemon off;'", 'Up 3m'));
		assert.match(screen, wordsInOrder('○', 'batch', BATCH_ID.slice(0, 12), 'quay.io/fedora/fedora:40', "sh -c 'exit 1'", 'Exited (1) 1m ago'));
		assert.match(screen, wordsInOrder('●', 'db', DB_ID.slice(0, 12), 'docker.io/library/postgres:16', 'postgres', 'Up 25s'));
		assert.ok(!screen.includes(WEB_ID), 'the full 64-hex ID is not shown in the tree');
	});

	test('are listed in creation order, each followed by its own branch', async () => {
		const { rendered } = await renderTree(fixtureState());
		const lines = screenLines(rendered);
		const web = containerRow(lines, 'web');
		const batch = containerRow(lines, 'batch');
		const db = containerRow(lines, 'db');
		assert.ok(web < batch && batch < db, `order web, batch, db in:\n${lines.join('\n')}`);
		assert.ok(lineIndex(lines, 'conmon 3990') > web && lineIndex(lines, 'conmon 3990') < batch);
		assert.ok(lineIndex(lines, 'last: 3870') > batch && lineIndex(lines, 'last: 3870') < db);
		assert.ok(lineIndex(lines, 'conmon 4120') > db);
	});

	test('cut a long image with … and keep the status on screen', async () => {
		const state = fixtureState();
		const long = 'registry.example.com/team/platform/nginx-with-modules:1.27.3-alpine3.20';
		const web = state.containers[WEB_ID];
		assert.ok(web);
		const { rendered } = await renderTree({ ...state, containers: { ...state.containers, [WEB_ID]: { ...web, image: long } } });
		const line = screenLines(rendered)[containerRow(screenLines(rendered), 'web')] ?? '';
		assert.ok(!line.includes(long), 'the whole image does not fit');
		assert.match(line, /registry\.example\.com\S*…/);
		assert.match(line, /Up 3m$/);
	});

	test('say what is going on when there is nothing to list', async () => {
		const asking = await renderTree({ loaded: false });
		assert.match(screenText(asking.rendered), /asking podman for containers…/);
		const empty = await renderTree({ loaded: true });
		assert.match(screenText(empty.rendered), /no containers yet: press r to run one/);
	});
});

describe('conmon rows', () => {
	test('a restarted container shows its 2nd conmon with the one before it and when that exited', async () => {
		const { rendered } = await renderTree(fixtureState());
		const lines = screenLines(rendered);
		const conmon = lines[containerRow(lines, 'web') + 1] ?? '';
		assert.equal(conmon.trim(), '└─ conmon 3990  (2nd start; before: 3805 exited 16:57:03, code 0)');
	});

	test('a first start shows the conmon PID alone', async () => {
		const { rendered } = await renderTree(fixtureState());
		const lines = screenLines(rendered);
		assert.equal(lines[containerRow(lines, 'db') + 1]?.trim(), '└─ conmon 4120');
	});

	test('the processes below a live conmon follow it with their PIDs, nested by parent', async () => {
		const { rendered } = await renderTree(fixtureState());
		const lines = screenLines(rendered);
		const conmon = lineIndex(lines, 'conmon 3990');
		const [master, worker1, worker2, next] = lines.slice(conmon + 1, conmon + 5);
		assert.match(master ?? '', /└─ nginx: master process nginx -g daemon off; 3995$/);
		assert.match(worker1 ?? '', /├─ nginx: worker process 3996$/);
		assert.match(worker2 ?? '', /└─ nginx: worker process 3997$/);
		assert.match(next ?? '', /○ batch/, 'the branch ends after the last process');
		const column = (line: string | undefined) => textColumn(line ?? '');
		assert.ok(column(lines[conmon]) < column(master), 'the container process is below conmon');
		assert.ok(column(master) < column(worker1) && column(worker1) === column(worker2), 'the workers are below the master');
	});

	test('a conmon that exited a while ago has moved into history: one summary line, no processes', async () => {
		const { rendered } = await renderTree(fixtureState());
		const lines = screenLines(rendered);
		const summary = lineIndex(lines, 'last: 3870');
		assert.equal(lines[summary]?.trim(), '└─ no conmon · last: 3870 exited 16:58:10, code 1 (Enter: history)');
		assert.match(lines[summary + 1] ?? '', /● db/);
	});

	test('a zombie conmon (exited, not yet reaped) is shown as dead, not as a running monitor', async () => {
		const id = containerId('stuck');
		const generation = makeGeneration(4300, at(16, 59, 0), { containerPid: 4305 });
		const { rendered } = await renderTree({
			loaded: true,
			containers: byId([makeContainer({ id, name: 'stuck', state: 'running', pid: 4305, createdAt: at(16, 58, 0) })]),
			history: { ...EMPTY_HISTORY, generations: { [id]: [generation] } },
			processes: [makeConmonProcess(generation, id, 'stuck', { state: 'Z', argv: [] })],
		});
		const lines = screenLines(rendered);
		const row = lines[lineIndex(lines, 'conmon 4300')] ?? '';
		assert.match(row, /conmon 4300 zombie \(exited, not yet reaped\)/);
		assert.doesNotMatch(row, /conmon 4300\s*$/, 'not drawn like a live conmon');
	});

	test("a zombie conmon already seen exiting stays a zombie row, with the container's exit code, however long ago", async () => {
		const id = containerId('killed');
		const generation = makeGeneration(4300, at(16, 59, 0), { exitedAt: at(16, 59, 30), exitCode: 137 });
		const { rendered } = await renderTree({
			loaded: true,
			containers: byId([makeContainer({ id, name: 'killed', state: 'exited', exitCode: 137, finishedAt: at(16, 59, 30) })]),
			history: { ...EMPTY_HISTORY, generations: { [id]: [generation] } },
			processes: [makeConmonProcess(generation, id, 'killed', { state: 'Z', argv: [] })],
		});
		assert.match(screenText(rendered), /└─ conmon 4300 zombie \(exited, not yet reaped\) {2}✝ exited 16:59:30, code 137/);
	});
});

describe('selection', () => {
	/** The fixture with `selected` selected. */
	async function renderSelected(selected: string): Promise<{ rendered: Rendered; store: AppStore }> {
		return renderTree({ ...fixtureState(), selectedId: selected });
	}

	test('the selected container row is the one highlighted', async () => {
		const { rendered } = await renderSelected(BATCH_ID);
		assert.match(await waitForSelected(rendered, 'batch'), /○ batch/);
	});

	test('stays on the same container when one is added above it', async () => {
		const { rendered, store } = await renderSelected(DB_ID);
		await waitForSelected(rendered, 'db');
		const older = makeContainer({ id: containerId('proxy'), name: 'proxy', state: 'exited', createdAt: at(16, 10, 0) });
		setContainers(store, [older, ...Object.values(store.getState().containers)]);
		await waitForFrame(rendered, (screen) => screen.includes('proxy'), 'the new container');
		const lines = screenLines(rendered);
		assert.ok(lineIndex(lines, 'proxy') < lineIndex(lines, 'web'), 'the new one is listed first');
		assert.match(await waitForSelected(rendered, 'db'), /● db/);
	});

	test('stays on the same container when one is added below it', async () => {
		const { rendered, store } = await renderSelected(WEB_ID);
		const newer = makeContainer({ id: containerId('cache'), name: 'cache', state: 'running', createdAt: at(17, 0, 0) });
		setContainers(store, [...Object.values(store.getState().containers), newer]);
		await waitForFrame(rendered, (screen) => screen.includes('cache'), 'the new container');
		assert.match(await waitForSelected(rendered, 'web'), /● web/);
	});

	test('moves to the container below when the selected one is removed', async () => {
		const { rendered, store } = await renderSelected(BATCH_ID);
		setContainers(
			store,
			Object.values(store.getState().containers).filter((c) => c.id !== BATCH_ID),
		);
		await waitForFrame(rendered, (screen) => !screen.includes('batch'), 'batch to go');
		assert.match(await waitForSelected(rendered, 'db'), /● db/);
	});

	test('a selection further down than the tree is tall is scrolled into view', async () => {
		const state = manyContainersState(15);
		const { rendered, store } = await renderTree(state, 6);
		assert.ok(!screenText(rendered).includes('job-15'));
		store.setState({ selectedId: containerId('job-15') });
		assert.match(await waitForSelected(rendered, 'job-15'), /job-15/);
		assert.ok(!screenText(rendered).includes('job-01'), 'the top scrolled away');
	});

	test('the last container selected above many unlisted conmons keeps the containers above it in view', async () => {
		// Two containers created in the same second, in ID order, then the group of conmons podman does not
		// list (another store's 40): that group is not the last container's branch, so nothing scrolls.
		const first = makeContainer({ id: `c6${'0'.repeat(62)}`, name: 'beta', state: 'running', createdAt: at(16, 59, 0) });
		const last = makeContainer({ id: `d3${'0'.repeat(62)}`, name: 'alpha', state: 'running', createdAt: at(16, 59, 0) });
		const generations = Object.fromEntries(
			Array.from({ length: 40 }, (_, i) => [containerId(`other-${i}`), [makeGeneration(5000 + i, at(16, 0, 0), { nameAtStart: `other${i}` })]]),
		);
		const { rendered } = await renderTree({ containers: byId([first, last]), history: { ...EMPTY_HISTORY, generations }, selectedId: last.id }, 10);
		const screen = await waitForSelected(rendered, 'alpha');
		assert.match(screenText(rendered), /● beta/, 'the container above the selected one stays on screen');
		assert.match(screen, /● alpha/);
		assert.match(screenText(rendered), /conmons? of containers this podman does not list/);
	});
});
