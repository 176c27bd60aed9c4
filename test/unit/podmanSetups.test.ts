import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setLanguage } from '../../src/messages/i18n.js';
import { EMPTY_HISTORY } from '../../src/model/conmonHistory.js';
import { sharedNamespaces } from '../../src/model/pod.js';
import { REMOVED_ROW_MS, removedByCommands, updateRemoved } from '../../src/model/removed.js';
import { buildTree } from '../../src/model/tree.js';
import { snapshotJson, snapshotText } from '../../src/output/snapshot.js';
import { parseInspectJson, parsePsJson } from '../../src/podman/containerJson.js';
import { parsePodmanEvent } from '../../src/podman/event.js';
import { parseEventsInfo } from '../../src/podman/eventSource.js';
import { eventsFlow } from '../../src/podman/eventsBackend.js';
import { rowText } from '../../src/present/format.js';
import { hostFactsLine } from '../../src/present/hostFacts.js';
import { explainConmonCgroup, explainSdNotify } from '../../src/present/systemdExplain.js';
import { parseConmonCgroup } from '../../src/proc/cgroup.js';
import { isPodmanInit } from '../../src/proc/podmanInit.js';
import { at, byId, containerId, makeContainer, makeGeneration, makeProcess } from '../helpers/fixtureState.js';
import { readFixture } from '../helpers/fixtures.js';

const ID = '4654eceecd1dc42a4ad3e2a6701b755f43ed8615c8fa2cfa27413661619aff96';

describe("a conmon's cgroup (/proc/PID/cgroup)", () => {
	test('cgroupfs on a v1 hybrid host (real, this machine): <cgroup parent>/conmon', () => {
		assert.deepEqual(parseConmonCgroup(readFixture('proc/cgroup/conmon-cgroupfs-hybrid.txt')), { kind: 'cgroupfs', path: '/libpod_parent/conmon' });
	});

	test("the systemd cgroup manager's own scope, rootful and rootless (the scope wins over the user's user@UID.service)", () => {
		assert.deepEqual(parseConmonCgroup(readFixture('proc/cgroup/conmon-scope-v2.txt')), {
			kind: 'conmon-scope',
			path: `/machine.slice/libpod-conmon-${ID}.scope`,
		});
		assert.equal(parseConmonCgroup(readFixture('proc/cgroup/conmon-scope-rootless-v2.txt'))?.kind, 'conmon-scope');
	});

	test("a unit's own cgroup, v2 and hybrid: the unit is named", () => {
		for (const file of ['unit-v2.txt', 'unit-hybrid.txt']) {
			assert.deepEqual(parseConmonCgroup(readFixture(`proc/cgroup/${file}`)), { kind: 'unit', path: '/system.slice/web.service', unit: 'web.service' }, file);
		}
	});

	test('anything else is shown as it is; an empty file (gone) is nothing', () => {
		assert.deepEqual(parseConmonCgroup('0::/user.slice/user-0.slice/session-3.scope\n'), { kind: 'other', path: '/user.slice/user-0.slice/session-3.scope' });
		assert.equal(parseConmonCgroup(''), undefined);
	});

	test('explained in plain words, in both languages', () => {
		setLanguage('en');
		assert.match(explainConmonCgroup(readFixture('proc/cgroup/unit-v2.txt'))?.meaning ?? '', /conmon runs in web\.service's own cgroup/);
		assert.match(explainConmonCgroup(readFixture('proc/cgroup/conmon-scope-v2.txt'))?.meaning ?? '', /a systemd scope of its own/);
		assert.equal(explainConmonCgroup(undefined), undefined);
		setLanguage('ja');
		assert.match(explainConmonCgroup(readFixture('proc/cgroup/unit-v2.txt'))?.meaning ?? '', /web\.service 自身の cgroup/);
		setLanguage('en');
	});
});

describe('--sdnotify', () => {
	test("conmon: MAINPID is the conmon's PID and podman sends READY=1", () => {
		setLanguage('en');
		const fact = explainSdNotify({ sdNotifyMode: 'conmon', systemdUnit: 'web.service' }, 4242);
		assert.equal(fact?.value, 'conmon');
		assert.match(fact?.meaning ?? '', /MAINPID=4242 \(this conmon\) and READY=1/);
	});

	test('container says something only under a unit; ignore and unknown say nothing', () => {
		assert.equal(explainSdNotify({ sdNotifyMode: 'container', systemdUnit: undefined }, 1), undefined);
		assert.match(explainSdNotify({ sdNotifyMode: 'container', systemdUnit: 'web.service' }, 7)?.meaning ?? '', /MAINPID=7/);
		assert.equal(explainSdNotify({ sdNotifyMode: 'ignore', systemdUnit: 'web.service' }, 1), undefined);
	});
});

describe("podman's JSON: the unit label, --rm and sdNotifyMode", () => {
	test('ps: Labels.PODMAN_SYSTEMD_UNIT and AutoRemove', () => {
		const [unit, plain] = parsePsJson(
			JSON.stringify([
				{ Id: ID, Names: ['web'], State: 'running', Labels: { PODMAN_SYSTEMD_UNIT: 'web.service' }, AutoRemove: true },
				{ Id: containerId('plain'), Names: ['plain'], State: 'running', Labels: null, AutoRemove: false },
			]),
		);
		assert.equal(unit?.systemdUnit, 'web.service');
		assert.equal(unit?.autoRemove, true);
		assert.equal(plain?.systemdUnit, undefined);
		assert.equal(plain?.autoRemove, undefined);
	});

	test('inspect: .Config.Labels, .Config.sdNotifyMode, .HostConfig.AutoRemove', () => {
		const [c] = parseInspectJson(
			JSON.stringify([
				{
					Id: ID,
					Name: 'web',
					State: { Status: 'running' },
					Config: { Labels: { PODMAN_SYSTEMD_UNIT: 'web.service' }, sdNotifyMode: 'conmon' },
					HostConfig: { AutoRemove: true },
				},
			]),
		);
		assert.deepEqual([c?.systemdUnit, c?.sdNotifyMode, c?.autoRemove], ['web.service', 'conmon', true]);
	});
});

describe('events under the journald backend (a stream built from podman 4.x source)', () => {
	const events = readFixture('podman4/events-journald.jsonl')
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => parsePodmanEvent(line));

	test('every line is an event: local offsets and trimmed fractions read exactly', () => {
		assert.equal(events.length, 4);
		assert.ok(events.every((e) => e !== undefined));
		assert.equal(events[0]?.timeMs, Date.parse('2026-12-02T01:33:52.501Z'));
		assert.equal(events[0]?.timeNano, `${Date.parse('2026-12-02T01:33:52Z') / 1000}501230000`);
		assert.equal(events[1]?.timeNano, `${Date.parse('2026-12-02T01:33:52Z') / 1000}700000000`);
	});

	test('died without ContainerExitCode is code 0, with it the code; labels only in Attributes, null too', () => {
		assert.deepEqual([events[2]?.status, events[2]?.exitCode, events[2]?.attributes], ['died', 0, {}]);
		assert.deepEqual([events[3]?.exitCode, events[3]?.attributes], [137, { PODMAN_SYSTEMD_UNIT: 'web.service' }]);
	});

	test('the backend from podman info; only none stops events from coming', () => {
		assert.equal(parseEventsInfo(JSON.stringify({ host: { eventLogger: 'journald' } }))?.eventLogger, 'journald');
		assert.equal(parseEventsInfo('not json'), undefined);
		assert.equal(parseEventsInfo(JSON.stringify({ host: {} }))?.eventLogger, undefined);
		assert.deepEqual(['file', 'journald', 'none', undefined].map(eventsFlow), [true, true, false, true]);
		setLanguage('en');
		assert.equal(
			hostFactsLine('4.3.1', 'journald'),
			'podman 4.3.1 · events backend: journald (podman info: host.eventLogger) — podman events reads the journal (SYSLOG_IDENTIFIER=podman); the stream starts at its end',
		);
		assert.match(hostFactsLine('5.4.2', undefined) ?? '', /not known yet/);
		assert.equal(hostFactsLine(undefined, 'file'), undefined);
	});
});

describe('--init and the unit in the tree', () => {
	test("/run/podman-init is the container's init, catatonit -P is not", () => {
		assert.equal(isPodmanInit(makeProcess(10, 9, ['/run/podman-init', '--', 'sleep', 'infinity'])), true);
		assert.equal(isPodmanInit(makeProcess(10, 9, ['/catatonit', '-P'])), false);
	});

	test('rows: the init says what it is, the container its unit', () => {
		setLanguage('en');
		const container = makeContainer({ id: ID, name: 'web', systemdUnit: 'web.service' });
		const generation = makeGeneration(100, at(16, 0, 1));
		const rows = buildTree(
			{
				containers: [container],
				history: { ...EMPTY_HISTORY, generations: { [ID]: [generation] } },
				processes: [
					makeProcess(100, 1, ['/usr/bin/conmon']),
					makeProcess(110, 100, ['/run/podman-init', '--', 'sleep', 'infinity']),
					makeProcess(111, 110, ['sleep', 'infinity']),
				],
				unmonitored: {},
			},
			'',
			at(16, 0, 30),
		);
		const text = rows.map((row) => `${row.guide}${rowText(row, at(16, 0, 30))}`).join('\n');
		assert.match(text, /^● web .* Up 29s {2}unit web\.service$/m);
		assert.match(text, /└─ \/run\/podman-init -- sleep infinity 110 {2}init \(catatonit\) as PID 1: reaps zombies and passes signals/);
		assert.match(text, /\n +└─ sleep infinity 111$/);
	});
});

describe('--rm: the removed row', () => {
	const rm = makeContainer({ id: ID, name: 'gone', autoRemove: true, state: 'exited', exitCode: 0 });
	const kept = makeContainer({ id: containerId('kept'), name: 'kept' });
	const last = makeGeneration(300, at(16, 0, 1), { exitedAt: at(16, 0, 3), exitCode: 0 });

	test('a --rm container that leaves the list is kept with its last conmon; a plain one is not', () => {
		const plain = makeContainer({ id: containerId('plain'), name: 'plain' });
		const removed = updateRemoved({}, byId([rm, kept, plain]), new Set([kept.id]), { [ID]: [last] }, at(16, 0, 4));
		assert.deepEqual(Object.keys(removed), [ID]);
		assert.deepEqual(removed[ID], { container: rm, removedAt: at(16, 0, 4), lastConmon: last });
		// A minute later it goes.
		assert.deepEqual(updateRemoved(removed, byId([kept]), new Set([kept.id]), {}, at(16, 0, 4) + REMOVED_ROW_MS), {});
		// Nothing changed: the same object, so the store does not change.
		assert.equal(updateRemoved(removed, byId([kept]), new Set([kept.id]), {}, at(16, 0, 10)), removed);
	});

	test("one a command of this session removed (d's podman rm -f, a lesson's cleanup) is not said to be the exit command's doing", () => {
		const named = removedByCommands(
			[
				{ at: at(16, 0, 3), command: ['podman', 'rm', '-f', ID.slice(0, 12)] },
				{ at: at(16, 0, 3), command: ['podman', 'rm', '-f', '-i', '-t', '0', 'lesson-x'] },
				{ at: at(15, 0, 0), command: ['podman', 'rm', 'long-ago'] },
				{ at: at(16, 0, 3), command: ['podman', 'kill', 'other'] },
			],
			at(16, 0, 4),
		);
		assert.deepEqual([...named].sort(), [ID.slice(0, 12), 'lesson-x']);
		assert.deepEqual(updateRemoved({}, byId([rm]), new Set(), { [ID]: [last] }, at(16, 0, 4), named), {});
	});

	test('the tree shows it dim for a minute after the listed ones, saying what removed it; --once never', () => {
		setLanguage('en');
		const removed = { [ID]: { container: rm, removedAt: at(16, 0, 4), lastConmon: last } };
		const input = { containers: [kept], history: EMPTY_HISTORY, processes: [], unmonitored: {}, removed };
		const rows = buildTree(input, '', at(16, 0, 10));
		const row = rows.at(-1);
		assert.equal(row?.kind, 'removed');
		assert.equal(
			rowText(row!, at(16, 0, 10)),
			`○ gone  ${ID.slice(0, 12)}  docker.io/library/alpine:3.20  removed 16:00:04: --rm, so the exit command conmon ran (podman container cleanup --rm) removed it; its last conmon 300 exited 16:00:03, code 0`,
		);
		assert.equal(
			buildTree(input, '', at(16, 0, 4) + REMOVED_ROW_MS).some((r) => r.kind === 'removed'),
			false,
		);
		assert.equal(
			buildTree(input, 'kept', at(16, 0, 10)).some((r) => r.kind === 'removed'),
			false,
		);
		const source = { containers: byId([kept]), history: EMPTY_HISTORY, processes: [], unmonitored: {}, podmanVersion: '4.3.1' };
		assert.doesNotMatch(snapshotText(source, at(16, 0, 10)), /gone/);
		assert.deepEqual(
			snapshotJson(source, at(16, 0, 10)).containers.map((c) => [c.name, c.systemdUnit, c.autoRemove]),
			[['kept', null, false]],
		);
	});
});

describe("a pod's shared namespaces", () => {
	test('the kinds a member shares with the infra', () => {
		const infra = { ipc: 'ipc:[1]', net: 'net:[2]', uts: 'uts:[3]', pid: 'pid:[4]' };
		const member = { ipc: 'ipc:[1]', net: 'net:[2]', uts: 'uts:[3]', pid: 'pid:[9]' };
		assert.deepEqual(sharedNamespaces(infra, [member]), ['ipc', 'net', 'uts']);
		assert.deepEqual(sharedNamespaces(infra, []), []);
		// The host's user namespace is nobody's to hold.
		assert.deepEqual(sharedNamespaces({ ...infra, user: 'user:[5]' }, [{ ...member, user: 'user:[5]' }], { user: 'user:[5]' }), ['ipc', 'net', 'uts']);
	});
});
