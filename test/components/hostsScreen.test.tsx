/**
 * A screen of several hosts (`--connection a --connection b`): each host's tree under its heading,
 * the cursor crossing from one host's rows to the next, keys (and their y/n question) acting on
 * the host of the selected row, and the event log naming each line's host. Each host has its own
 * store, as conmon-tui runs them; the actions are fakes, except where a host's real podman argv is
 * the point (a stand-in binary that prints its arguments).
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).
import '../helpers/forceColor.js';

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { HostsApp, type ScreenHost } from '../../components/HostsApp.js';
import { createActions } from '../../src/app/actions.js';
import { EMPTY_HISTORY } from '../../src/model/conmonHistory.js';
import { Podman } from '../../src/podman/podman.js';
import { type AppState, appendLog, createAppStore } from '../../src/state/store.js';
import { fakeActions, renderApp } from '../helpers/appHarness.js';
import { FakeProcessReader } from '../helpers/fakeReader.js';
import { at, BATCH_ID, byId, DB_ID, fixtureState, WEB_ID } from '../helpers/fixtureState.js';
import { ARROW_DOWN, ARROW_UP, END, HOME, renderInk, screenLines, screenText, sendInput, waitForContent, waitForFrame } from '../helpers/inkTesting.js';
import { selectionSteps, waitForSelected } from '../helpers/treeScreen.js';

afterEach(() => cleanup());

const LABEL_A = 'build · ssh://core@10.0.0.5:22';
const LABEL_B = 'lab · ssh://root@10.0.0.6:2222';
const DB_PIDS = new Set([4120, 4125, 4140, 4141]);

/** The fixture split over two hosts: web and batch on `build`, db on `lab`. */
function twoHostStates(): [Partial<AppState>, Partial<AppState>] {
	const all = fixtureState();
	const farSide = (label: string) => ({ label, stale: undefined, procUnknown: false });
	const historyOf = (ids: string[]) => ({ ...all.history, generations: Object.fromEntries(ids.map((id) => [id, all.history.generations[id] ?? []])) });
	const a: Partial<AppState> = {
		...all,
		containers: byId([all.containers[WEB_ID], all.containers[BATCH_ID]].flatMap((c) => (c ? [c] : []))),
		history: historyOf([WEB_ID, BATCH_ID]),
		processes: all.processes.filter((p) => !DB_PIDS.has(p.pid)),
		selectedId: WEB_ID,
		farSide: farSide(LABEL_A),
		eventStream: 'live',
		startedHere: {},
	};
	const b: Partial<AppState> = {
		...all,
		containers: byId([all.containers[DB_ID]].flatMap((c) => (c ? [c] : []))),
		history: historyOf([DB_ID]),
		processes: all.processes.filter((p) => DB_PIDS.has(p.pid)),
		selectedId: DB_ID,
		farSide: farSide(LABEL_B),
		eventStream: 'live',
		startedHere: {},
	};
	return [a, b];
}

/** Two hosts with fake actions each; `b` may bring its own actions (a real podman argv). */
function twoHosts(bActions?: ScreenHost['actions']) {
	const [a, b] = twoHostStates();
	const fakeA = fakeActions();
	const fakeB = fakeActions();
	const reader = new FakeProcessReader({});
	const hosts: ScreenHost[] = [
		{ name: 'build', store: createAppStore(a), actions: fakeA.actions, reader },
		{ name: 'lab', store: createAppStore(b), actions: bActions ?? fakeB.actions, reader },
	];
	return { hosts, callsA: fakeA.calls, callsB: fakeB.calls };
}

describe('a screen of several hosts', () => {
	test("each host's tree under its heading, the header's words for that host", async () => {
		const { hosts } = twoHosts();
		const rendered = await renderInk(<HostsApp hosts={hosts} quit={() => undefined} />);
		const screen = await waitForContent(rendered, LABEL_B);
		const lines = screenLines(rendered);
		const headingA = lines.findIndex((l) => l.startsWith(`── ${LABEL_A}`));
		const headingB = lines.findIndex((l) => l.startsWith(`── ${LABEL_B}`));
		assert.ok(headingA >= 0 && headingB > headingA, screen);
		const rowOf = (name: string) => lines.findIndex((l) => new RegExp(`^[▶ ] [●○◐] ${name} `).test(l));
		assert.ok(headingA < rowOf('web') && rowOf('batch') < headingB && headingB < rowOf('db'), `web and batch under build, db under lab:\n${screen}`);
		assert.match(lines[headingA] ?? '', /2 containers · 1 running · 1 conmon/);
		assert.match(lines[headingB] ?? '', /1 container · 1 running · 1 conmon/);
		// The cursor is in one host only: web's row, build's.
		await waitForSelected(rendered, 'web');
	});

	test("Down past a host's last row goes to the next host's first, Up comes back; Home and End span every host", async () => {
		const { hosts } = twoHosts();
		const rendered = await renderInk(<HostsApp hosts={hosts} quit={() => undefined} />);
		await waitForSelected(rendered, 'web');
		await selectionSteps(rendered, [
			[ARROW_DOWN, 'batch'],
			[ARROW_DOWN, 'db'],
		]);
		// db is the last row of the last host: the cursor stays.
		await selectionSteps(rendered, [
			[ARROW_DOWN, 'db'],
			[ARROW_UP, 'batch'],
			[END, 'db'],
			[HOME, 'web'],
		]);
	});

	test("a key on lab's row acts on lab, its y/n question too; build's actions are not called", async () => {
		const { hosts, callsA, callsB } = twoHosts();
		const rendered = await renderInk(<HostsApp hosts={hosts} quit={() => undefined} />);
		await sendInput(rendered, END);
		await waitForSelected(rendered, 'db');
		await sendInput(rendered, 'x');
		await waitForContent(rendered, 'stop db (');
		await sendInput(rendered, 'y');
		await waitForFrame(rendered, () => callsB.length > 0, 'lab to be asked to stop db');
		assert.deepEqual(callsB, [{ action: 'stop', containerId: DB_ID, name: 'db' }]);
		assert.deepEqual(callsA, []);
		// Back on build: the same key acts on build.
		await sendInput(rendered, HOME);
		await waitForSelected(rendered, 'web');
		await sendInput(rendered, 'x');
		await waitForContent(rendered, 'stop web (');
		await sendInput(rendered, 'y');
		await waitForFrame(rendered, () => callsA.length > 0, 'build to be asked to stop web');
		assert.deepEqual(callsA, [{ action: 'stop', containerId: WEB_ID, name: 'web' }]);
		assert.equal(callsB.length, 1);
	});

	test('keys read together after a move into the other host do not act on the host left', async () => {
		const { hosts, callsA, callsB } = twoHosts();
		const rendered = await renderInk(<HostsApp hosts={hosts} quit={() => undefined} />);
		await sendInput(rendered, ARROW_DOWN);
		await waitForSelected(rendered, 'batch');
		// One read: Down (into lab's db), then x and y. The render that handles it holds build's store.
		await sendInput(rendered, `${ARROW_DOWN}xy`);
		await waitForSelected(rendered, 'db');
		assert.deepEqual(callsA, [], "build's batch was not stopped");
		assert.doesNotMatch(screenText(rendered), /stop batch/);
		// Typed again, on lab's row, they act on lab.
		await sendInput(rendered, 'x');
		await waitForContent(rendered, 'stop db (');
		await sendInput(rendered, 'y');
		await waitForFrame(rendered, () => callsB.length > 0, 'lab to be asked to stop db');
		assert.deepEqual(callsA, []);
	});

	test("a key on lab's row runs lab's podman: its argv carries lab's --connection", async () => {
		const [, b] = twoHostStates();
		// A stand-in podman that prints its arguments: the argv is lab's podman's, run for real.
		const labStore = createAppStore({ ...b, startedHere: { [DB_ID]: true } });
		const labPodman = new Podman('/bin/echo', 10_000, process.env, ['--connection', 'lab']);
		const labActions = createActions({
			store: labStore,
			podman: labPodman,
			reader: new FakeProcessReader({}),
			image: 'x',
			command: [],
			onChange: () => undefined,
		});
		const { hosts, callsA } = twoHosts(labActions);
		hosts[1] = { ...(hosts[1] as ScreenHost), store: labStore };
		const rendered = await renderInk(<HostsApp hosts={hosts} quit={() => undefined} />);
		await sendInput(rendered, END);
		await waitForSelected(rendered, 'db');
		await sendInput(rendered, 'x');
		await waitForContent(rendered, '✓ $ /bin/echo --connection lab stop');
		const command = labStore.getState().log.find((e) => e.facts?.kind === 'command')?.facts?.command;
		assert.deepEqual(command?.slice(0, 4), ['/bin/echo', '--connection', 'lab', 'stop']);
		assert.ok(command?.includes(DB_ID.slice(0, 12)), `the command names db's ID: ${command?.join(' ')}`);
		assert.deepEqual(callsA, []);
	});

	test("the event log: every host's lines in time order, each with its host's name", async () => {
		const { hosts } = twoHosts();
		const [build, lab] = hosts.map((h) => h.store);
		appendLog(build!, [{ at: at(17, 0, 1, 100), tone: 'bad', text: 'container web (4b5e57f6eb2f) died (exit code 0)' }]);
		appendLog(lab!, [{ at: at(17, 0, 1, 50), tone: 'command', text: '$ podman --connection lab stop db' }]);
		appendLog(lab!, [{ at: at(17, 0, 2, 0), tone: 'good', text: 'conmon 4300 appeared for db' }]);
		const rendered = await renderInk(<HostsApp hosts={hosts} quit={() => undefined} />);
		await waitForContent(rendered, 'conmon 4300 appeared');
		const lines = screenLines(rendered);
		const log = lines.slice(lines.findIndex((l) => l.startsWith('─ events')) + 1).filter((l) => /^\d\d:\d\d:\d\d\.\d{3} /.test(l));
		assert.deepEqual(
			log.map((l) => l.slice(13)),
			['lab $ podman --connection lab stop db', 'build container web (4b5e57f6eb2f) died (exit code 0)', 'lab conmon 4300 appeared for db'],
		);
	});

	test('a host that fails: its heading marked stale with the clear line, the other host keeps its tree and keys', async () => {
		const { hosts, callsA } = twoHosts();
		const text = 'far side unreachable (ssh: connect to host 10.0.0.6 port 2222: Connection refused); try by hand: ssh -p 2222 root@10.0.0.6 true';
		const lab = hosts[1]?.store;
		lab?.setState({ farSide: { label: LABEL_B, stale: { since: at(17, 0, 3), text }, procUnknown: false } });
		const rendered = await renderInk(<HostsApp hosts={hosts} quit={() => undefined} />);
		const screen = await waitForContent(rendered, 'stale since 17:00');
		const lines = screenLines(rendered);
		const heading = lines.findIndex((l) => l.startsWith(`── ${LABEL_B}  stale since 17:00`));
		assert.ok(heading >= 0, screen);
		assert.match(lines[heading + 1] ?? '', /^ {2}far side unreachable \(ssh: connect to host 10\.0\.0\.6/);
		// lab's last known tree is kept; build's keys still act on build.
		assert.match(screen, /● db /);
		await waitForSelected(rendered, 'web');
		await sendInput(rendered, 'x');
		await sendInput(rendered, 'y');
		await waitForFrame(rendered, () => callsA.length > 0, 'build to be asked to stop web');
	});

	test("the first host has no rows (its podman never answered): the cursor starts on the next host's, and keys act there", async () => {
		const { hosts, callsA, callsB } = twoHosts();
		const text = 'far side unreachable (ssh: connect to host 10.0.0.5 port 22: Connection refused); try by hand: ssh -p 22 core@10.0.0.5 true';
		hosts[0]?.store.setState({
			loaded: false,
			containers: {},
			history: EMPTY_HISTORY,
			processes: [],
			selectedId: undefined,
			farSide: { label: LABEL_A, stale: { since: at(17, 0, 3), text }, procUnknown: false },
		});
		const rendered = await renderInk(<HostsApp hosts={hosts} quit={() => undefined} />);
		await waitForSelected(rendered, 'db');
		const lines = screenLines(rendered);
		const heading = lines.findIndex((l) => l.startsWith(`── ${LABEL_A}  stale since 17:00`));
		assert.match(lines[heading + 1] ?? '', /^ {2}far side unreachable/);
		assert.ok(lines[heading + 2]?.startsWith(`── ${LABEL_B}`), `no "asking podman…" under a host that never answered:\n${lines.join('\n')}`);
		await sendInput(rendered, 'x');
		await sendInput(rendered, 'y');
		await waitForFrame(rendered, () => callsB.length > 0, 'lab to be asked to stop db');
		assert.deepEqual(callsA, []);
	});

	test('the filter and Space are the whole screen: every host follows', async () => {
		const { hosts } = twoHosts();
		const rendered = await renderInk(<HostsApp hosts={hosts} quit={() => undefined} />);
		await sendInput(rendered, '/');
		await sendInput(rendered, 'db');
		await sendInput(rendered, '\r');
		const screen = await waitForFrame(rendered, (s) => !/● web /.test(s) && /● db /.test(s), 'the filter to hide web on build and keep db on lab');
		assert.doesNotMatch(screen, /batch/);
		assert.equal(hosts[1]?.store.getState().filter, 'db');
		// build had the cursor and matches nothing: the cursor went to lab's db, where the keys now act.
		await waitForSelected(rendered, 'db');
		await sendInput(rendered, ' ');
		assert.ok(
			hosts.every((h) => h.store.getState().frozen !== undefined),
			'Space froze every host',
		);
		await sendInput(rendered, ' ');
		assert.ok(
			hosts.every((h) => h.store.getState().frozen === undefined),
			'Space again unfroze every host',
		);
	});

	test('one host (one --connection): no heading row, no host name in the log, as before', async () => {
		const [a] = twoHostStates();
		const { rendered } = await renderApp(a);
		await waitForSelected(rendered, 'web');
		const screen = screenText(rendered);
		assert.match(screen.split('\n')[0] ?? '', new RegExp(`conmon-tui .*${LABEL_A}`), 'the header names the host');
		assert.doesNotMatch(screen, /^── /m, screen);
	});

	test('L says in one line that lessons run on one host', async () => {
		const { hosts } = twoHosts();
		const rendered = await renderInk(<HostsApp hosts={hosts} quit={() => undefined} />);
		await sendInput(rendered, 'L');
		await waitForContent(rendered, 'lessons run on one host');
	});
});
