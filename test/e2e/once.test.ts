import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { execa } from 'execa';
import { setLanguage } from '../../src/messages/i18n.js';
import { MAYBE_NEW } from '../helpers/conmonRowPatterns.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { messagePattern } from '../helpers/messagePattern.js';
import { createPodmanSandbox, type PodmanSandbox } from '../helpers/podmanSandbox.js';
import { processArgv } from '../helpers/procCheck.js';
import { languageEnvironment } from '../helpers/tuiSession.js';

/** `--once` and `--once --json` piped, as scripts use them, checked against podman inspect and /proc. */
const skip = await e2eSkipReason();

interface SnapshotContainer {
	id: string;
	name: string;
	image: string;
	state: string;
	exitCode: number | null;
	pid: number | null;
	conmonPid: number | null;
	podmanConmonPid: number | null;
	command: string[];
	conmonHistory: { pid: number; exitedAt: string | null }[];
	processes: { pid: number; ppid: number; command: string; depth: number }[];
}

describe('--once against real podman', { skip: skip ?? false }, () => {
	let sandbox: PodmanSandbox;
	let running = '';
	let exited = '';

	before(async () => {
		sandbox = await createPodmanSandbox();
		running = (await sandbox.podman(['run', '-d', '--name', 'once-running', sandbox.image, 'sleep', 'infinity'])).stdout.trim();
		exited = (await sandbox.podman(['run', '--name', 'once-exited', sandbox.image, 'sh', '-c', 'exit 3'], { reject: false })).stdout.trim();
		exited = (await sandbox.inspect('once-exited')).Id;
	});

	after(async () => {
		await sandbox?.dispose();
	});

	const once = (...args: string[]) => {
		// The host's Node, or the podman 5 chroot's (podmanWorld.ts).
		const [file, argv] = sandbox.world.program(['--once', ...args]);
		return execa(file, argv, { env: { ...sandbox.env, ...languageEnvironment('en') }, stdin: 'ignore', timeout: 30_000 });
	};

	test('--once --json: every field agrees with podman inspect and /proc', async () => {
		const { stdout, exitCode } = await once('--json');
		assert.equal(exitCode, 0);
		const snapshot = JSON.parse(stdout) as { podmanVersion: string; containers: SnapshotContainer[] };
		assert.match(snapshot.podmanVersion, /^\d+\.\d+/);
		assert.equal(snapshot.containers.length, 2);

		const live = snapshot.containers.find((c) => c.id === running);
		const inspect = await sandbox.inspect(running);
		assert.ok(live);
		assert.equal(live.name, 'once-running');
		assert.equal(live.image, sandbox.image);
		assert.equal(live.state, 'running');
		assert.equal(live.pid, inspect.State.Pid);
		assert.equal(live.conmonPid, inspect.State.ConmonPid, 'the conmon found in /proc is the one podman reports');
		assert.equal(live.podmanConmonPid, inspect.State.ConmonPid);
		assert.deepEqual(
			live.conmonHistory.map((g) => [g.pid, g.exitedAt]),
			[[inspect.State.ConmonPid, null]],
		);
		assert.ok(processArgv(live.conmonPid ?? 0).includes(running), '/proc agrees');
		const first = live.processes[0];
		assert.equal(first?.pid, inspect.State.Pid);
		assert.equal(first?.ppid, inspect.State.ConmonPid, "conmon is the parent of the container's first process");
		assert.equal(first?.command, 'sleep infinity');

		const dead = snapshot.containers.find((c) => c.id === exited);
		assert.ok(dead);
		assert.equal(dead.state, 'exited');
		assert.equal(dead.exitCode, 3);
		assert.equal(dead.conmonPid, null);
		assert.deepEqual(dead.processes, []);
	});

	test('--once: the tree as text, piped', async () => {
		const { stdout } = await once();
		const inspect = await sandbox.inspect(running);
		assert.match(
			stdout,
			new RegExp(
				`● once-running  ${running.slice(0, 12)}  ${sandbox.image}  sleep infinity  Up \\S+\\n  └─ conmon ${inspect.State.ConmonPid}${MAYBE_NEW}\\n     └─ sleep infinity ${inspect.State.Pid}`,
			),
		);
		assert.match(stdout, new RegExp(`○ once-exited  ${exited.slice(0, 12)} .* Exited \\(3\\)`));
	});

	test('--lang ja: the text is in Japanese, the JSON is the same for programs', async () => {
		const { stdout } = await once('--lang', 'ja');
		setLanguage('ja');
		// An age in Japanese units: 4 秒, 3 分, 1 時間 05 分.
		const age = '\\d[\\d 秒分時間日]*';
		const up = messagePattern('tree.status.up', { age }).source;
		const exitedAgo = messagePattern('tree.status.exitedCodeAgo', { code: '3', age }).source;
		setLanguage('en');
		assert.match(stdout, new RegExp(`● once-running  ${running.slice(0, 12)}  .*  ${up}\\n`));
		assert.match(stdout, new RegExp(`○ once-exited  ${exited.slice(0, 12)} .* ${exitedAgo}\\n`), 'podman knows when it exited: "n 秒前に終了 (3)"');
		const json = JSON.parse((await once('--json', '--lang', 'ja')).stdout) as { containers: SnapshotContainer[] };
		assert.deepEqual(json.containers.map((c) => [c.name, c.state]).sort(), [
			['once-exited', 'exited'],
			['once-running', 'running'],
		]);
	});
});
