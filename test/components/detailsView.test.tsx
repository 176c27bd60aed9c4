/**
 * The details view (Enter): podman's view of the container beside /proc's, and every
 * conmon generation it has had this session, newest first.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { DetailsView } from '../../components/DetailsView.js';
import { setLanguage, t } from '../../src/messages/i18n.js';
import { EMPTY_HISTORY } from '../../src/model/conmonHistory.js';
import { displayWidth } from '../../src/present/displayWidth.js';
import { type AppState, createAppStore } from '../../src/state/store.js';
import { renderApp } from '../helpers/appHarness.js';
import { at, BATCH_ID, byId, containerId, fixtureState, makeConmonProcess, makeContainer, makeGeneration, NOW, WEB_ID } from '../helpers/fixtureState.js';
import {
	ARROW_DOWN,
	ARROW_LEFT,
	ARROW_RIGHT,
	ENTER,
	ESCAPE,
	renderInk,
	screenLines,
	screenText,
	sendInput,
	sendInputAndWaitForContent,
	sendInputAndWaitForFrame,
	waitForContent,
	wordsInOrder,
} from '../helpers/inkTesting.js';
import { hasContainerRow } from '../helpers/treeScreen.js';

afterEach(() => cleanup());

const GENERATIONS_TITLE = /conmon generations seen this session \((\d+)\), newest first/;

/** Renders the details alone, at the fixtures' fixed time. */
function renderDetails(state: Partial<AppState>, height = 20) {
	return renderInk(<DetailsView store={createAppStore(state)} height={height} now={NOW} />);
}

/** A container restarted by `--restart always` after each crash: `count` conmons, the last one running. */
function restartLoopState(count: number): Partial<AppState> {
	const id = containerId('flaky');
	const generations = Array.from({ length: count }, (_, index) => {
		const startedAt = at(16, 40 + index, 0);
		const last = index === count - 1;
		return makeGeneration(5000 + index * 10, startedAt, {
			containerPid: 5005 + index * 10,
			...(last ? {} : { exitedAt: startedAt + 30_000, exitCode: 1 }),
		});
	});
	const live = generations.at(-1)!;
	return {
		loaded: true,
		containers: byId([
			makeContainer({
				id,
				name: 'flaky',
				state: 'running',
				pid: live.containerPid,
				podmanConmonPid: live.pid,
				createdAt: at(16, 39, 0),
				startedAt: live.startedAt,
				restartCount: count - 1,
			}),
		]),
		history: { ...EMPTY_HISTORY, generations: { [id]: generations } },
		processes: [makeConmonProcess(live, id, 'flaky')],
		selectedId: id,
	};
}

describe('the details of a running container', () => {
	test("show podman's view and /proc's, and every conmon generation, newest first", async () => {
		const rendered = await renderDetails(fixtureState());
		const screen = screenText(rendered);
		assert.match(screen, wordsInOrder('web', WEB_ID));
		assert.match(screen, /image docker\.io\/library\/nginx:alpine · command nginx -g 'daemon off;' · Up 3m/);
		assert.match(screen, /podman says: state running, PID 3995, conmon PID 3990/);
		assert.match(screen, /\/proc shows: conmon 3990, container PID 3995/);
		assert.equal(screen.match(GENERATIONS_TITLE)?.[1], '2');
		const lines = screenLines(rendered);
		const second = lines.findIndex((line) => wordsInOrder('2nd', '3990', '16:57:05', 'running', '—', '3995', '3m00s').test(line));
		const first = lines.findIndex((line) => wordsInOrder('1st', '3805', '16:51:00', '16:57:03', '0', '3810', '6m03s').test(line));
		assert.ok(second >= 0 && first > second, `2nd then 1st generation in:\n${lines.join('\n')}`);
	});

	test('list all the conmons of a container in a restart loop, with their exit codes', async () => {
		const rendered = await renderDetails(restartLoopState(5), 24);
		const screen = screenText(rendered);
		assert.equal(screen.match(GENERATIONS_TITLE)?.[1], '5');
		assert.match(screen, /restarted 4×/);
		const rows = screenLines(rendered).filter((line) => /^│ \d+(st|nd|rd|th) /.test(line));
		assert.deepEqual(
			rows.map((row) => row.split(/\s+/).slice(1, 3)),
			[
				['5th', '5040'],
				['4th', '5030'],
				['3rd', '5020'],
				['2nd', '5010'],
				['1st', '5000'],
			],
		);
		assert.match(rows[0] ?? '', wordsInOrder('5th', '5040', '16:44:00', 'running', '—', '5045'));
		assert.match(rows[4] ?? '', wordsInOrder('1st', '5000', '16:40:00', '16:40:30', '1', '5005', '30s'));
	});

	test("warn when podman's conmon PID is not the live one", async () => {
		const state = fixtureState();
		const web = state.containers[WEB_ID]!;
		const rendered = await renderDetails({ ...state, containers: { ...state.containers, [WEB_ID]: { ...web, podmanConmonPid: 3805 } } });
		assert.match(screenText(rendered), /⚠ podman's ConmonPid 3805 is stale/);
	});

	test('warn when the container runs with no conmon', async () => {
		const state = fixtureState();
		const rendered = await renderDetails({ ...state, unmonitored: { [WEB_ID]: 3995 } });
		assert.match(screenText(rendered), /⚠ .*PID 3995 runs with no conmon/);
	});
});

describe('the details of other containers', () => {
	test('an exited one: its exit code, no live conmon, and the conmon that watched it', async () => {
		const rendered = await renderDetails({ ...fixtureState(), selectedId: BATCH_ID });
		const screen = screenText(rendered);
		assert.match(screen, /podman says: state exited, PID —, conmon PID —, exit code 1/);
		assert.match(screen, /\/proc shows: no live conmon/);
		assert.match(screen, wordsInOrder('1st', '3870', '16:58:00', '16:58:10', '1', '3875', '10s'));
	});

	test('one never seen running says so', async () => {
		const id = containerId('fresh');
		const rendered = await renderDetails({
			loaded: true,
			containers: byId([makeContainer({ id, name: 'fresh', state: 'created', startedAt: undefined })]),
			selectedId: id,
		});
		assert.match(screenText(rendered), /none yet: conmon-tui has not seen this container run/);
	});

	test('one removed while its details are open says it is gone', async () => {
		const rendered = await renderDetails({ ...fixtureState(), selectedId: containerId('removed') });
		assert.match(screenText(rendered), /The container is gone\. Escape closes\./);
	});
});

describe('opening and closing the details', () => {
	test('Enter opens the details of the selected container', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInput(rendered, ARROW_DOWN);
		await sendInputAndWaitForContent(rendered, ENTER, 'conmon generations seen this session');
		const screen = screenText(rendered);
		assert.match(screen, wordsInOrder('batch', BATCH_ID));
		assert.match(screen, wordsInOrder('1st', '3870', '16:58:00', '16:58:10', '1', '3875'));
		assert.ok(!hasContainerRow(screen, 'web'), 'it replaces the tree');
	});

	test('in a 100×24 terminal, all three conmons of a container restarted twice are listed', async () => {
		const { rendered } = await renderApp(restartLoopState(3));
		await sendInputAndWaitForContent(rendered, ENTER, 'conmon generations seen this session (3)');
		const screen = screenText(rendered);
		assert.match(screen, wordsInOrder('3rd', '5020', '16:42:00', 'running'));
		assert.match(screen, wordsInOrder('2nd', '5010', '16:41:00', '16:41:30', '1', '5015', '30s'));
		assert.match(screen, wordsInOrder('1st', '5000', '16:40:00', '16:40:30', '1', '5005', '30s'));
		assert.match(screen, /Enter or Escape closes/);
	});

	test('when not all generations fit, the newest are shown and the title counts them all', async () => {
		const { rendered } = await renderApp(restartLoopState(14));
		await sendInputAndWaitForContent(rendered, ENTER, 'conmon generations seen this session (14)');
		const screen = screenText(rendered);
		assert.match(screen, wordsInOrder('14th', '5130', '16:53:00', 'running'));
		assert.doesNotMatch(screen, /1st\s+5000/);
		assert.match(screen, /Enter or Escape closes/);
	});

	for (const [name, key] of [
		['Escape', ESCAPE],
		['Enter', ENTER],
	] as const) {
		test(`${name} closes them`, async () => {
			const { rendered } = await renderApp(fixtureState());
			await sendInputAndWaitForContent(rendered, ENTER, 'conmon generations seen this session');
			const screen = await sendInputAndWaitForFrame(rendered, key, (s) => !s.includes('conmon generations'), 'the details to close');
			assert.ok(hasContainerRow(screen, 'web'));
		});
	}

	test('keys do not act on the container while they are open', async () => {
		const { rendered, calls } = await renderApp(fixtureState());
		await sendInputAndWaitForContent(rendered, ENTER, 'conmon generations seen this session');
		for (const key of ['k', 'x', 'R']) await sendInput(rendered, key);
		assert.deepEqual(calls, []);
	});

	test('follow the container when a new conmon appears while they are open', async () => {
		const { rendered, store } = await renderApp(fixtureState());
		await sendInputAndWaitForContent(rendered, ENTER, 'conmon generations seen this session (2)');
		const { history } = store.getState();
		const old = history.generations[WEB_ID] ?? [];
		const closed = old.map((g) => (g.exitedAt === undefined ? { ...g, exitedAt: at(17, 0, 0), exitCode: 0 } : g));
		const third = makeGeneration(4400, at(17, 0, 1), { containerPid: 4405 });
		store.setState({ history: { ...history, generations: { ...history.generations, [WEB_ID]: [...closed, third] } } });
		const screen = await waitForContent(rendered, 'conmon generations seen this session (3)');
		assert.match(screen, wordsInOrder('3rd', '4400', '17:00:01', 'running'));
		assert.match(screen, wordsInOrder('2nd', '3990', '16:57:05', '17:00:00', '0', '3995', '2m55s'));
	});

	test('Enter with no container selected opens nothing', async () => {
		const { rendered } = await renderApp({ loaded: true });
		await sendInput(rendered, ENTER);
		assert.ok(!screenText(rendered).includes('conmon generations'));
		assert.match(screenText(rendered), /no containers yet/);
	});
});

describe('←/→ inside the details', () => {
	test('move between the rows of the container, the details following the cursor, and back to the container', async () => {
		const { rendered, store } = await renderApp(fixtureState());
		await sendInputAndWaitForContent(rendered, ENTER, 'conmon generations seen this session');
		await sendInputAndWaitForFrame(rendered, ARROW_RIGHT, (screen) => /conmon 3990/.test(screen), 'the conmon details');
		assert.equal(store.getState().overlay, 'details');
		await sendInputAndWaitForFrame(rendered, ARROW_RIGHT, (screen) => /host PID +3995/.test(screen), "the container's first process");
		await sendInputAndWaitForFrame(rendered, ARROW_LEFT, (screen) => /conmon 3990/.test(screen), 'back on the conmon');
		await sendInputAndWaitForFrame(rendered, ARROW_LEFT, (screen) => screen.includes('conmon generations seen this session'), 'back on the container');
	});
});

describe('text that matters is not cut', () => {
	test('a Japanese ⚠ line longer than the view is wrapped whole, not cut', async () => {
		setLanguage('ja');
		try {
			const state = fixtureState();
			const web = state.containers[WEB_ID]!;
			const store = createAppStore({ ...state, containers: { ...state.containers, [WEB_ID]: { ...web, podmanConmonPid: 3805 } } });
			const rendered = await renderInk(<DetailsView store={store} height={20} now={NOW} width={60} />);
			const warning = t('anomaly.staleConmonPidLive', { pid: 3805, live: 3990 });
			const lines = screenLines(rendered).map((line) => line.replace(/^│ /, '').replace(/ *│$/, '').trim());
			const start = lines.findIndex((line) => line.startsWith('⚠ '));
			assert.ok(start >= 0, screenText(rendered));
			const joined = lines.slice(start).join('');
			assert.ok(joined.replaceAll(' ', '').includes(`⚠${warning}`.replaceAll(' ', '')), `the whole warning:\n${screenText(rendered)}`);
			for (const line of lines.slice(start, start + 3)) assert.ok(displayWidth(line) <= 56, `within the view's 56 columns: ${line}`);
		} finally {
			setLanguage('en');
		}
	});

	test("the conmon's parent sentence is wrapped whole, not cut", async () => {
		const { rendered } = await renderApp(fixtureState(), { columns: 60, rows: 30 });
		await sendInputAndWaitForContent(rendered, ENTER, 'conmon generations seen this session');
		await sendInputAndWaitForFrame(rendered, ARROW_RIGHT, (screen) => /conmon 3990/.test(screen), 'the conmon details');
		const lines = screenLines(rendered).map((line) => line.replace(/^│ /, '').replace(/ *│$/, '').trim());
		const start = lines.findIndex((line) => line.startsWith('parent: '));
		assert.ok(start >= 0, screenText(rendered));
		assert.ok(!lines[start]?.endsWith('…'), `not cut:\n${screenText(rendered)}`);
		assert.ok(lines.length > start + 1 && !lines[start + 1]?.startsWith('container '), `the sentence goes on:\n${screenText(rendered)}`);
	});
});
