import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { projectRoot, readFixture } from '../helpers/fixtures.js';

/**
 * The rootless fixtures (test/fixtures/rootless, see its README) agree with each other:
 * the facts the rootless views rely on, checked on the files themselves with no code under
 * test, so a re-capture that changes them is noticed.
 */
const meta = JSON.parse(readFixture('rootless/meta.json')) as {
	user: { uid: number };
	running: { id: string; conmonPid: number; containerPid: number };
	slirp: { id: string; sandboxKey: string; slirp4netnsPid: number; rootlessportPid: number; rootlessportChildPid: number };
	pausePid: number;
};

function argv(name: string): string[] {
	const raw = readFileSync(join(projectRoot(), 'test', 'fixtures', 'rootless', name), 'latin1');
	return raw.endsWith('\0') ? raw.slice(0, -1).split('\0') : raw.split('\0');
}

/** [pid, comm, state, ppid] of a stat line (comm up to the last ')'). */
function stat(name: string): [number, string, string, number] {
	const line = readFixture(`rootless/${name}`);
	const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
	return [Number(line.slice(0, line.indexOf(' '))), line.slice(line.indexOf('(') + 1, line.lastIndexOf(')')), fields[0] ?? '', Number(fields[1])];
}

function statusField(name: string, field: string): string[] {
	const line =
		readFixture(`rootless/${name}`)
			.split('\n')
			.find((l) => l.startsWith(`${field}:`)) ?? '';
	return line
		.slice(field.length + 1)
		.trim()
		.split(/\s+/)
		.filter(Boolean);
}

interface Inspect {
	Id: string;
	State: { Pid: number; ConmonPid?: number };
	HostConfig: { NetworkMode: string };
	NetworkSettings: { SandboxKey: string };
}

describe('rootless fixtures (podman 4.3.1, user conmontui)', () => {
	const uid = String(meta.user.uid);

	test('inspect gives the PIDs; SandboxKey is empty with --network none and names the netns with slirp4netns', () => {
		const [running] = JSON.parse(readFixture('rootless/inspect-running.json')) as Inspect[];
		const [slirp] = JSON.parse(readFixture('rootless/inspect-slirp.json')) as Inspect[];
		assert.equal(running?.State.ConmonPid, meta.running.conmonPid);
		assert.equal(running?.State.Pid, meta.running.containerPid);
		assert.equal(running?.HostConfig.NetworkMode, 'none');
		assert.equal(running?.NetworkSettings.SandboxKey, '');
		assert.equal(slirp?.HostConfig.NetworkMode, 'slirp4netns');
		assert.equal(slirp?.NetworkSettings.SandboxKey, meta.slirp.sandboxKey);
	});

	test("the conmon: the user's, parent PID 1, monitoring rl-running", () => {
		assert.deepEqual(stat('conmon-stat.txt').slice(0, 4), [meta.running.conmonPid, 'conmon', 'S', 1]);
		assert.equal(statusField('conmon-status.txt', 'Uid')[0], uid);
		const args = argv('conmon-cmdline.bin');
		assert.ok(args.includes('--api-version'));
		assert.equal(args[args.indexOf('-c') + 1], meta.running.id);
	});

	test('the container process: root inside is the user outside, PID 1 inside', () => {
		assert.equal(statusField('container-status.txt', 'PPid')[0], String(meta.running.conmonPid));
		assert.equal(statusField('container-status.txt', 'Uid')[0], uid);
		assert.deepEqual(statusField('container-status.txt', 'NSpid'), [String(meta.running.containerPid), '1']);
		const map = readFixture('rootless/container-uid_map.txt')
			.trim()
			.split('\n')
			.map((l) => l.trim().split(/\s+/));
		assert.deepEqual(map[0], ['0', uid, '1']);
	});

	test("the pause process: catatonit -P, the user's, parent PID 1", () => {
		assert.deepEqual(argv('catatonit-cmdline.bin'), ['catatonit', '-P']);
		assert.deepEqual(stat('catatonit-stat.txt').slice(0, 4), [meta.pausePid, 'catatonit', 'S', 1]);
		assert.equal(statusField('catatonit-status.txt', 'Uid')[0], uid);
	});

	test('slirp4netns names the SandboxKey; rootlessport names nothing', () => {
		const slirp = argv('slirp4netns-cmdline.bin');
		assert.equal(slirp[0], '/usr/bin/slirp4netns');
		assert.equal(slirp[slirp.indexOf('--netns-type=path') + 1], meta.slirp.sandboxKey);
		assert.equal(slirp.at(-1), 'tap0');
		assert.deepEqual(argv('rootlessport-cmdline.bin'), ['rootlessport']);
		assert.deepEqual(argv('rootlessport-child-cmdline.bin'), ['rootlessport-child']);
		assert.deepEqual(stat('rootlessport-child-stat.txt').slice(1, 4), ['exe', 'S', meta.slirp.rootlessportPid]);
	});

	test('pasta (built from podman 5 source): --netns names the netns path, -t carries published ports', () => {
		const plain = argv('pasta-cmdline.bin');
		assert.equal(plain[0], '/usr/bin/pasta');
		assert.match(plain[plain.indexOf('--netns') + 1] ?? '', /^\/run\/user\/\d+\/netns\/netns-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		assert.deepEqual(plain.slice(plain.indexOf('-t'), plain.indexOf('-t') + 2), ['-t', 'none']);
		const ports = argv('pasta-ports-cmdline.bin');
		assert.deepEqual(ports.slice(1, 4), ['--config-net', '-t', '8080-8080:80-80']);
		const pairs = ports.map((arg, i) => `${arg} ${ports[i + 1] ?? ''}`);
		assert.ok(!pairs.includes('-t none'), 'no "-t none" when a TCP port is published');
		assert.ok(pairs.includes('-u none'));
	});
});
