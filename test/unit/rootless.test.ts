import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { containerDisagreements } from '../../src/model/anomalies.js';
import type { ConmonGeneration } from '../../src/model/conmonHistory.js';
import type { Container } from '../../src/model/container.js';
import { buildTree, FOREIGN_GRACE_MS, helpersByContainer } from '../../src/model/tree.js';
import { parseInspectJson } from '../../src/podman/containerJson.js';
import { conmonInStore, parseStoreRoots } from '../../src/podman/storeRoots.js';
import { explainConmonArgs, explainConmonParent } from '../../src/present/conmonExplain.js';
import { rowText } from '../../src/present/format.js';
import { parseConmonArgs } from '../../src/proc/conmonArgs.js';
import { type ProcessInfo, parseCmdline, parseIdMap, parseStat, parseUid, uidInside } from '../../src/proc/parse.js';
import { findRootlessHelpers, rootlessHelper } from '../../src/proc/rootlessHelpers.js';
import { parsePasswd } from '../../src/proc/users.js';
import { CONMON_ARGV, projectRoot, readFixture } from '../helpers/fixtures.js';

const NOW = Date.parse('2026-11-29T18:00:00Z');
const ID = 'c'.repeat(64);

function proc(pid: number, argv: string[], extra: Partial<ProcessInfo> = {}): ProcessInfo {
	return { pid, ppid: 1, state: 'S', startTicks: pid, comm: argv[0]?.split('/').at(-1)?.slice(0, 15) ?? '', argv, ...extra };
}

function container(over: Partial<Container> = {}): Container {
	return {
		id: ID,
		name: 'web',
		image: 'alpine',
		command: ['sleep', 'infinity'],
		state: 'running',
		exitCode: undefined,
		pid: 40,
		podmanConmonPid: 30,
		createdAt: NOW,
		startedAt: NOW,
		finishedAt: undefined,
		restartCount: 0,
		execIds: [],
		...over,
	};
}

describe('rootless helpers', () => {
	const NETNS = '/run/user/1000/netns/netns-5b2c5e6a-1d1e-5a2b-8c7d-3e6f9a0b1c2d';
	const slirp = proc(50, [
		'/usr/bin/slirp4netns',
		'--disable-host-loopback',
		'--mtu=65520',
		'--enable-sandbox',
		'--enable-seccomp',
		'-c',
		'-e',
		'3',
		'-r',
		'4',
		'--netns-type=path',
		NETNS,
		'tap0',
	]);
	const pasta = proc(51, ['/usr/bin/pasta', '--config-net', '-t', 'none', '--netns', NETNS, '--quiet'], { comm: 'passt.avx2' });
	const pause = proc(52, ['catatonit', '-P'], { uid: 1000 });

	test('the pause process, slirp4netns (podman 4) and pasta (podman 5) are recognised with their netns', () => {
		assert.deepEqual(rootlessHelper(pause), { kind: 'pause', process: pause });
		assert.equal(rootlessHelper(slirp)?.netnsPath, NETNS);
		assert.equal(rootlessHelper(pasta)?.kind, 'pasta');
		assert.equal(rootlessHelper(pasta)?.netnsPath, NETNS);
		assert.equal(rootlessHelper(proc(53, ['rootlessport']))?.kind, 'rootlessport');
		assert.equal(rootlessHelper(proc(54, ['catatonit', '--', 'sleep'])), undefined, 'catatonit as an init is not the pause process');
		assert.equal(rootlessHelper(proc(55, ['sleep', 'infinity'])), undefined);
	});

	test("a pod's infra catatonit -P is never the pause process: not under a conmon, not as root", () => {
		const conmon = proc(70, CONMON_ARGV, { comm: 'conmon', uid: 0 });
		const infraRoot = proc(71, ['/catatonit', '-P'], { ppid: 70, uid: 0 });
		const infraRootless = proc(72, ['/catatonit', '-P'], { ppid: 70, uid: 1000 });
		const rootOrphan = proc(73, ['catatonit', '-P'], { uid: 0 });
		assert.deepEqual(
			findRootlessHelpers([conmon, infraRoot, infraRootless, rootOrphan, pause]).map((h) => h.process.pid),
			[52],
		);
		assert.equal(rootlessHelper(infraRootless, conmon), undefined, "a rootless pod's infra: its parent is its conmon");
		assert.equal(rootlessHelper(rootOrphan), undefined, 'root runs no rootless pause process');
		assert.equal(rootlessHelper(pause, proc(1, ['/sbin/init']))?.kind, 'pause');
	});

	test('a network helper hangs under the container whose SandboxKey it names; the pause process stands on its own', () => {
		const helpers = findRootlessHelpers([slirp, pause, proc(60, ['sleep'])]);
		assert.deepEqual([...helpersByContainer([container({ sandboxKey: NETNS })], helpers).keys()], [ID]);
		const rows = buildTree(
			{
				containers: [container({ sandboxKey: NETNS })],
				history: { generations: {}, execConmons: {} },
				processes: [],
				unmonitored: {},
				helpers,
				ownUid: 1000,
			},
			'',
			NOW,
		).map((row) => `${row.guide}${rowText(row, NOW)}`);
		assert.match(rows[0] ?? '', /^catatonit -P 52 {2}rootless pause process: holds the user namespace/);
		assert.match(rows.find((r) => r.includes('slirp4netns')) ?? '', /^ {2}└─ slirp4netns 50 {2}user-mode network for this rootless container/);
	});
});

describe("other users' conmons", () => {
	const generation = (pid: number, uid: number): ConmonGeneration => ({
		pid,
		startTicks: pid,
		startedAt: NOW - FOREIGN_GRACE_MS - 10,
		uid,
		nameAtStart: `ctr${pid}`,
	});
	const history = {
		generations: { ['a'.repeat(64)]: [generation(70, 0)], ['b'.repeat(64)]: [generation(71, 1000)], ['d'.repeat(64)]: [generation(72, 1000)] },
		execConmons: {},
	};
	const rows = (allUsers: boolean) =>
		buildTree({ containers: [], history, processes: [], unmonitored: {}, ownUid: 0, allUsers, userNames: { 1000: 'alice' } }, '', NOW).map(
			(r) => `${r.guide}${rowText(r, NOW)}`,
		);

	test('without --all-users: counted per user, not listed', () => {
		const lines = rows(false);
		assert.match(lines[0] ?? '', /^\? 1 conmon of containers this podman does not list \(another store, or left over\)/);
		assert.match(lines[1] ?? '', /conmon 70 /);
		assert.equal(lines[2], "? user alice (uid 1000): 2 conmons of that user's podman — --all-users lists them");
		assert.equal(lines.length, 3);
	});

	test('with --all-users: listed under their user', () => {
		const lines = rows(true);
		assert.equal(lines[2], "? user alice (uid 1000): 2 conmons of that user's podman");
		assert.match(lines[3] ?? '', /├─ conmon 71 {2}container bbbbbbbbbbbb \(ctr71\)/);
		assert.match(lines[4] ?? '', /└─ conmon 72 /);
	});

	test("--all-users as root: another user's pause process is named as that user's and heads that user's group", () => {
		const theirPause = proc(80, ['catatonit', '-P'], { uid: 1000 });
		// Root's own catatonit -P is no rootless pause process (a pod's infra, say): it is not listed as one.
		const rootCatatonit = proc(81, ['catatonit', '-P'], { uid: 0 });
		const helpers = findRootlessHelpers([theirPause, rootCatatonit]);
		const lines = buildTree(
			{ containers: [], history, processes: [], unmonitored: {}, ownUid: 0, allUsers: true, userNames: { 1000: 'alice' }, helpers },
			'',
			NOW,
		).map((r) => `${r.guide}${rowText(r, NOW)}`);
		assert.ok(!lines.some((l) => l.includes('catatonit -P 81')), lines.join('\n'));
		const heading = lines.indexOf("? user alice (uid 1000): 2 conmons of that user's podman");
		assert.ok(heading > 0, lines.join('\n'));
		assert.match(
			lines[heading + 1] ?? '',
			/^ {2}├─ catatonit -P 80 {2}user alice's rootless pause process: holds the user namespace that alice's rootless containers/,
		);
		assert.match(lines[heading + 2] ?? '', /conmon 71 /);
		assert.equal(lines.filter((l) => l.includes("this user's")).length, 0, 'root has no pause process of its own');
	});

	test("another user's pause process alone still gets that user's group; without --all-users it is not shown", () => {
		const helpers = findRootlessHelpers([proc(80, ['catatonit', '-P'], { uid: 1001 })]);
		const input = {
			containers: [],
			history: { generations: {}, execConmons: {} },
			processes: [],
			unmonitored: {},
			ownUid: 0,
			userNames: { 1001: 'bob' },
			helpers,
		};
		const listed = buildTree({ ...input, allUsers: true }, '', NOW).map((r) => `${r.guide}${rowText(r, NOW)}`);
		assert.deepEqual(
			listed.map((l) => l.slice(0, 40)),
			['? user bob (uid 1001): 0 conmons of that', "  └─ catatonit -P 80  user bob's rootles"],
		);
		assert.deepEqual(buildTree({ ...input, allUsers: false }, '', NOW), []);
	});

	test('/etc/passwd names users', () => {
		assert.deepEqual(parsePasswd('root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/sh\nbroken\n'), { 0: 'root', 1000: 'alice' });
	});
});

describe('user namespaces', () => {
	test('uid_map translates a host UID to the UID inside', () => {
		const map = parseIdMap('         0       1000          1\n         1     200000      65536\n');
		assert.equal(uidInside(1000, map), 0);
		assert.equal(uidInside(200000, map), 1);
		assert.equal(uidInside(200099, map), 100);
		assert.equal(uidInside(5, map), undefined);
		assert.equal(uidInside(0, parseIdMap('0 0 4294967295')), 0, 'the initial namespace maps everything to itself');
	});
});

describe('podman vs /proc', () => {
	const live = (pid: number): ConmonGeneration => ({ pid, startTicks: pid, startedAt: NOW });
	test('agreeing: nothing to flag', () => {
		assert.deepEqual(containerDisagreements(container(), [live(30)], undefined), []);
	});
	test('a stale ConmonPid, a container without conmon, two conmons at once', () => {
		assert.deepEqual(
			containerDisagreements(container(), [live(31)], undefined).map((d) => d.kind),
			['stale-conmon-pid'],
		);
		assert.deepEqual(
			containerDisagreements(container(), [{ ...live(30), exitedAt: NOW }], 40).map((d) => d.kind),
			['stale-conmon-pid', 'container-without-conmon'],
			'conmon killed by hand: podman keeps the dead PID, and nothing watches the container',
		);
		assert.deepEqual(
			containerDisagreements(container({ podmanConmonPid: undefined }), [live(30), live(32)], undefined).map((d) => d.kind),
			['two-conmons'],
		);
		assert.deepEqual(containerDisagreements(container({ state: 'exited', podmanConmonPid: undefined }), [], undefined), []);
	});
});

describe("conmon's arguments in plain words", () => {
	test('every argument that matters is explained', () => {
		const args = parseConmonArgs(CONMON_ARGV);
		assert.ok(args);
		const labels = explainConmonArgs(args).map((f) => f.label);
		assert.deepEqual(labels, [
			'container',
			'name at start',
			'API version',
			'runtime',
			'bundle',
			'container pidfile',
			'conmon pidfile',
			'exit directory',
			'log',
			'exit command',
		]);
		assert.match(explainConmonArgs(args).find((f) => f.label === 'exit command')?.value ?? '', /container cleanup/);
		assert.match(explainConmonArgs(args).find((f) => f.label === 'conmon pidfile')?.meaning ?? '', /double fork/);
	});

	test('its parent: PID 1 or a subreaper, never podman', () => {
		assert.match(explainConmonParent(1, 'init', false), /adopted by PID 1/);
		assert.match(explainConmonParent(900, 'systemd', false), /subreaper/);
		assert.match(explainConmonParent(901, 'conmon', true), /the first conmon, about to exit/);
	});
});

describe('captured rootless podman 4.3.1 (test/fixtures/rootless)', () => {
	const meta = JSON.parse(readFixture('rootless/meta.json')) as {
		user: { uid: number };
		slirp: { id: string; sandboxKey: string; slirp4netnsPid: number };
		running: { id: string };
		pausePid: number;
	};
	const cmdline = (name: string) => parseCmdline(readFileSync(join(projectRoot(), 'test', 'fixtures', 'rootless', name), 'latin1'));
	const fixtureProcess = (name: string, stat: string, uid?: number): ProcessInfo => {
		const parsed = parseStat(readFixture(`rootless/${stat}`));
		assert.ok(parsed);
		return { ...parsed, argv: cmdline(name), ...(uid === undefined ? {} : { uid }) };
	};

	test("slirp4netns names the netns that is the container's SandboxKey", () => {
		const slirp = rootlessHelper(fixtureProcess('slirp4netns-cmdline.bin', 'slirp4netns-stat.txt'));
		assert.equal(slirp?.kind, 'slirp4netns');
		const [container] = parseInspectJson(readFixture('rootless/inspect-slirp.json'));
		assert.equal(container?.sandboxKey, meta.slirp.sandboxKey);
		assert.equal(slirp?.netnsPath, container?.sandboxKey);
		assert.deepEqual([...helpersByContainer(container ? [container] : [], slirp ? [slirp] : []).keys()], [meta.slirp.id]);
	});

	test('the pause process, rootlessport and pasta (podman 5, from source) are recognised', () => {
		assert.equal(rootlessHelper(fixtureProcess('catatonit-cmdline.bin', 'catatonit-stat.txt'))?.kind, 'pause');
		assert.equal(rootlessHelper(fixtureProcess('rootlessport-cmdline.bin', 'rootlessport-stat.txt'))?.kind, 'rootlessport');
		const pasta = rootlessHelper({ pid: 9, ppid: 1, state: 'S', startTicks: 9, comm: 'passt.avx2', argv: cmdline('pasta-cmdline.bin') });
		assert.equal(pasta?.kind, 'pasta');
		assert.match(pasta?.netnsPath ?? '', /netns/);
	});

	test("the rootless conmon is the user's, in the user's store", () => {
		assert.equal(parseUid(readFixture('rootless/conmon-status.txt')), meta.user.uid);
		const args = parseConmonArgs(cmdline('conmon-cmdline.bin'));
		assert.equal(args?.containerId, meta.running.id);
		const roots = parseStoreRoots(readFixture('rootless/info.json'));
		assert.ok(roots && args);
		assert.equal(conmonInStore(args, roots), true);
		assert.equal(conmonInStore(args, { graphRoot: '/var/lib/containers/storage', runRoot: '/run/containers/storage' }), false);
	});

	test('container root is the user on the host: uid_map says so', () => {
		const map = parseIdMap(readFixture('rootless/container-uid_map.txt'));
		assert.equal(uidInside(meta.user.uid, map), 0);
		assert.equal(parseUid(readFixture('rootless/container-status.txt')), meta.user.uid);
	});
});
