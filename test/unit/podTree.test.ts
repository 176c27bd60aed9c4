import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setLanguage } from '../../src/messages/i18n.js';
import { type ConmonGeneration, EMPTY_HISTORY } from '../../src/model/conmonHistory.js';
import type { Container } from '../../src/model/container.js';
import { podKey, podsOf } from '../../src/model/pod.js';
import { buildTree, type TreeInput } from '../../src/model/tree.js';
import { selectableKeys } from '../../src/model/treeOrder.js';
import { snapshotJson, snapshotText } from '../../src/output/snapshot.js';
import { podActionArgs } from '../../src/podman/commands.js';
import { changesContainerState } from '../../src/podman/podman.js';
import { rowText } from '../../src/present/format.js';
import type { ProcessInfo } from '../../src/proc/parse.js';
import { findRootlessHelpers } from '../../src/proc/rootlessHelpers.js';
import { makeContainer } from '../helpers/fixtureState.js';

const NOW = Date.parse('2026-12-01T23:55:40Z');
const POD = `14845b7ad6b6${'5'.repeat(52)}`;
const INFRA = `65ce824ad933${'6'.repeat(52)}`;
const WEB_A = `9afefba051b5${'a'.repeat(52)}`;
const WEB_B = `90fc5c360b20${'b'.repeat(52)}`;
const ALONE = `0a1b2c3d4e5f${'0'.repeat(52)}`;
const LATE = `ffffffffffff${'f'.repeat(52)}`;

/** A running container of the sandbox's image, made a minute ago and started 4 s ago. */
function container(id: string, name: string, over: Partial<Container> = {}): Container {
	return makeContainer({
		id,
		name,
		image: 'localhost/conmon-tui-test:latest',
		exitCode: undefined,
		createdAt: NOW - 60_000,
		startedAt: NOW - 4_000,
		restartCount: undefined,
		...over,
	});
}

function proc(pid: number, ppid: number, argv: string[], uid = 0): ProcessInfo {
	return { pid, ppid, state: 'S', startTicks: pid * 10, comm: argv[0]?.split('/').at(-1) ?? '', argv, uid };
}

function conmonArgv(id: string): string[] {
	return [
		'/usr/bin/conmon',
		'--api-version',
		'1',
		'-c',
		id,
		'-u',
		id,
		'-r',
		'/usr/bin/runc',
		'-b',
		`/var/lib/containers/storage/overlay-containers/${id}/userdata`,
	];
}

function gen(pid: number): ConmonGeneration {
	return { pid, startTicks: pid * 10, startedAt: NOW - 10_000 };
}

// `podman pod create --name web`, two members, one container outside the pod (made first) and one after.
const infra = container(INFRA, '14845b7ad6b6-infra', {
	image: 'localhost/podman-pause:4.3.1-0',
	command: [],
	pod: POD,
	podName: 'web',
	isInfra: true,
	createdAt: NOW - 50_000,
});
const webA = container(WEB_A, 'web-a', { pod: POD, podName: 'web', isInfra: false, createdAt: NOW - 49_000 });
const webB = container(WEB_B, 'web-b', { pod: POD, podName: 'web', isInfra: false, createdAt: NOW - 49_000 });
const alone = container(ALONE, 'alone', { createdAt: NOW - 70_000 });
const late = container(LATE, 'late', { createdAt: NOW - 10_000 });
const processes = [
	proc(100, 1, conmonArgv(INFRA)),
	proc(101, 100, ['/catatonit', '-P']),
	proc(110, 1, conmonArgv(WEB_A)),
	proc(111, 110, ['sleep', 'infinity']),
	proc(120, 1, conmonArgv(WEB_B)),
	proc(121, 120, ['sleep', 'infinity']),
];
const input: TreeInput = {
	// Given in an order unlike the screen's: the tree sorts.
	containers: [late, webB, infra, alone, webA],
	history: { generations: { [INFRA]: [gen(100)], [WEB_A]: [gen(110)], [WEB_B]: [gen(120)] }, execConmons: {} },
	processes,
	unmonitored: {},
	helpers: findRootlessHelpers(processes),
};

function render(filter = ''): string[] {
	return buildTree(input, filter, NOW).map((row) => `${row.guide}${rowText(row, NOW)}`);
}

describe('pods in the tree', () => {
	test('a pod row, its infra first with its conmon and catatonit -P, then each member with its own conmon', () => {
		const lines = render();
		assert.equal(lines[0], '● alone  0a1b2c3d4e5f  localhost/conmon-tui-test:latest  sleep infinity  Up 4s');
		assert.equal(lines[1], '  └─ conmon not found yet', 'outside a pod, as before');
		lines.splice(0, 1);
		assert.equal(lines[1], 'pod web (3 containers · 3 conmons)');
		assert.equal(
			lines[2],
			"  ├─ ● 14845b7ad6b6-infra  65ce824ad933  localhost/podman-pause:4.3.1-0    Up 4s  infra: holds the pod's shared namespaces, which its other containers join",
		);
		assert.equal(lines[3], '  │    └─ conmon 100');
		assert.equal(lines[4], '  │       └─ /catatonit -P 101');
		assert.match(lines[5] ?? '', /^ {2}├─ ● web-(?:a|b) /);
		assert.equal(lines[6], `  │    └─ conmon ${lines[5]?.includes('web-a') ? 110 : 120}`);
		assert.match(lines[8] ?? '', /^ {2}└─ ● web-(?:a|b) /);
		assert.equal(lines[9], `       └─ conmon ${lines[8]?.includes('web-a') ? 110 : 120}`);
		assert.match(lines[10] ?? '', /^ {10}└─ sleep infinity 1[12]1$/);
		assert.equal(lines[11], '● late  ffffffffffff  localhost/conmon-tui-test:latest  sleep infinity  Up 4s');
		assert.equal(lines[12], '  └─ conmon not found yet');
		assert.equal(lines.length, 13, lines.join('\n'));
		assert.ok(!lines.some((l) => l.includes('rootless pause')), 'the infra catatonit is not the rootless pause process');
	});

	test('the order is stable whatever order podman lists them in; the selectable keys follow the screen', () => {
		const reversed = buildTree({ ...input, containers: [...input.containers].reverse() }, '', NOW).map((r) => r.key);
		assert.deepEqual(
			reversed,
			buildTree(input, '', NOW).map((r) => r.key),
		);
		const keys = selectableKeys(input.containers);
		assert.deepEqual(keys.slice(0, 3), [ALONE, podKey(POD), INFRA]);
		assert.equal(keys.at(-1), LATE);
		assert.equal(keys.length, 6);
	});

	test('plural-correct counts, in both languages; conmons count only live ones', () => {
		const one = { ...input, containers: [infra], history: { generations: {}, execConmons: {} } };
		const rows = buildTree(one, '', NOW);
		assert.equal(rowText(rows[0] as never, NOW), 'pod web (1 container · 0 conmons)');
		setLanguage('ja');
		try {
			assert.equal(rowText(buildTree(input, '', NOW)[2] as never, NOW), 'ポッド web (コンテナ 3 個 · conmon 3 個)');
		} finally {
			setLanguage('en');
		}
	});

	test('the filter: a pod name shows the whole pod; a member name shows the pod row and that member', () => {
		assert.equal(render('web').filter((l) => /● /.test(l)).length, 3);
		const member = render('web-b');
		assert.deepEqual(
			member.filter((l) => /^pod |● /.test(l.trim())).map((l) => l.trim().slice(0, 12)),
			['pod web (3 c', '└─ ● web-b  '],
		);
	});

	test('pod keys: podman pod VERB ID; rm of a pod with a running container needs -f; they change state', () => {
		const [pod] = [...podsOf([infra, webA, webB]).values()];
		assert.ok(pod);
		assert.equal(pod.infraId, INFRA);
		assert.deepEqual(
			pod.containers.map((c) => c.id),
			[INFRA, WEB_A, WEB_B],
		);
		assert.deepEqual(podActionArgs('stop', pod), ['pod', 'stop', '14845b7ad6b6']);
		assert.deepEqual(podActionArgs('start', pod), ['pod', 'start', '14845b7ad6b6']);
		assert.deepEqual(podActionArgs('kill', pod), ['pod', 'kill', '14845b7ad6b6']);
		assert.deepEqual(podActionArgs('restart', pod), ['pod', 'restart', '14845b7ad6b6']);
		assert.deepEqual(podActionArgs('remove', pod), ['pod', 'rm', '-f', '14845b7ad6b6']);
		const stopped = { ...pod, containers: pod.containers.map((c) => ({ ...c, state: 'exited' })) };
		assert.deepEqual(podActionArgs('remove', stopped), ['pod', 'rm', '14845b7ad6b6']);
		assert.ok(changesContainerState(podActionArgs('stop', pod)));
		assert.ok(!changesContainerState(['pod', 'ps']));
	});

	test('--once --json carries the pods, and each container its pod and whether it is the infra; --once text has the pod row', () => {
		const source = {
			containers: Object.fromEntries(input.containers.map((c) => [c.id, c])),
			history: { ...EMPTY_HISTORY, ...input.history },
			processes,
			unmonitored: {},
			podmanVersion: '4.3.1',
			helpers: findRootlessHelpers(processes),
		};
		const json = snapshotJson(source, NOW);
		assert.deepEqual(json.pods, [{ id: POD, name: 'web', infraContainerId: INFRA, containerIds: [INFRA, WEB_B, WEB_A] }]);
		const byId = new Map(json.containers.map((c) => [c.id, c]));
		assert.deepEqual([byId.get(INFRA)?.pod, byId.get(INFRA)?.isInfra], [POD, true]);
		assert.deepEqual([byId.get(WEB_A)?.pod, byId.get(WEB_A)?.isInfra], [POD, false]);
		assert.deepEqual([byId.get(ALONE)?.pod, byId.get(ALONE)?.isInfra], [null, false]);
		assert.deepEqual(json.rootlessHelpers, [], 'the infra catatonit is no rootless helper');
		assert.match(snapshotText(source, NOW), /\npod web \(3 containers · 3 conmons\)\n {2}├─ ● 14845b7ad6b6-infra /);
	});
});
