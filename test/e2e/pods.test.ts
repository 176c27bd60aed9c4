import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { execa } from 'execa';
import { MAYBE_NEW } from '../helpers/conmonRowPatterns.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { createPodmanSandbox, type PodmanSandbox } from '../helpers/podmanSandbox.js';
import { processArgv } from '../helpers/procCheck.js';
import { KEY, languageEnvironment, TuiSession } from '../helpers/tuiSession.js';

/**
 * A pod as people make one (`podman pod create --name web`, then `podman run -d --pod web` twice),
 * against real podman 4.3 in a private store: the pod level of the tree, one conmon per container
 * (the infra's too), the infra's `catatonit -P` not taken for rootless podman's pause process, keys
 * on the pod row running `podman pod stop|start`, the pod's events in the log, and `--once --json`.
 */
const skip = await e2eSkipReason();

interface SnapshotPod {
	id: string;
	name: string;
	infraContainerId: string | null;
	containerIds: string[];
}
interface SnapshotContainer {
	id: string;
	name: string;
	pod: string | null;
	isInfra: boolean;
	conmonPid: number | null;
}

describe('pods against real podman', { skip: skip ?? false }, () => {
	let sandbox: PodmanSandbox;
	let tui: TuiSession;
	let podId = '';
	let infraId = '';
	const members: string[] = [];
	/** The conmons of the first start, infra first. */
	let firstConmons: number[] = [];

	/** Each container's conmon PID as podman inspect says, infra first. */
	async function conmonPids(): Promise<number[]> {
		return Promise.all([infraId, ...members].map(async (id) => (await sandbox.inspect(id)).State.ConmonPid ?? 0));
	}

	before(async () => {
		sandbox = await createPodmanSandbox();
		// The first pod builds the infra image (localhost/podman-pause:<version>) from the host's catatonit.
		podId = (await sandbox.podman(['pod', 'create', '--name', 'web'], { timeoutMs: 120_000 })).stdout.trim();
		for (const name of ['web-a', 'web-b']) {
			members.push((await sandbox.podman(['run', '-d', '--pod', 'web', '--name', name, sandbox.image, 'sleep', 'infinity'])).stdout.trim());
		}
		infraId = (await sandbox.podman(['pod', 'inspect', '--format', '{{.InfraContainerID}}', 'web'])).stdout.trim();
		assert.match(infraId, /^[0-9a-f]{64}$/);
		tui = new TuiSession({ env: sandbox.env, args: ['--image', sandbox.image, '--command', 'sleep infinity'], columns: 180, rows: 45 });
		await tui.waitFor(/watching podman/);
	});

	after(async () => {
		await tui?.kill();
		await sandbox?.dispose();
	});

	test('the pod row, its infra first with its conmon and catatonit -P, then each member with its own conmon', async () => {
		firstConmons = await conmonPids();
		const [infraConmon, ...memberConmons] = firstConmons;
		const infraPid = (await sandbox.inspect(infraId)).State.Pid;
		assert.deepEqual(processArgv(infraPid), ['/catatonit', '-P'], "the infra's process is catatonit -P");
		await tui.waitFor(
			new RegExp(
				`pod web \\(3 containers · 3 conmons\\)[^\\n]*\\n +├─ ● ${podId.slice(0, 12)}-infra +${infraId.slice(0, 12)} +localhost/podman-pause:[^\\n]*infra: holds the pod's shared namespaces[^\\n]*\\n +│ +└─ conmon ${infraConmon}${MAYBE_NEW}\\n +│ +└─ /catatonit -P ${infraPid}\\n`,
			),
		);
		for (const [index, id] of members.entries()) {
			await tui.waitFor(new RegExp(`[├└]─ ● web-[ab] +${id.slice(0, 12)} [^\\n]*\\n[ │]+└─ conmon ${memberConmons[index]}${MAYBE_NEW}\\n`));
		}
		const screen = await tui.screen();
		assert.doesNotMatch(screen, /rootless pause process/, "the infra's catatonit -P is not rootless podman's pause process");
		assert.ok(screen.indexOf('pod web') < screen.indexOf('-infra') && screen.indexOf('-infra') < screen.indexOf('web-a'), screen);
	});

	test("x on the pod row asks first (this session did not make the pod); y runs `podman pod stop` and the pod's containers exit", async () => {
		// The pod row is the first row the cursor can be on; ↑ stays there.
		for (let i = 0; i < 4; i++) tui.press(KEY.up);
		await waitUntil(async () => (await tui.selectedRow())?.includes('pod web') === true, 'the pod row is selected');
		tui.press('x');
		await tui.waitFor(new RegExp(`stop pod web \\(${podId.slice(0, 12)}\\)\\? y/n`));
		assert.equal((await sandbox.podman(['pod', 'inspect', '--format', '{{.State}}', 'web'])).stdout.trim(), 'Running', 'nothing ran before y');
		tui.press('y');
		// sleep as PID 1 ignores SIGTERM: podman waits its 10 s, then kills.
		await tui.waitFor(new RegExp(`✓ \\$ podman pod stop ${podId.slice(0, 12)}`), 40_000);
		assert.equal((await sandbox.podman(['pod', 'inspect', '--format', '{{.State}}', 'web'])).stdout.trim(), 'Exited');
		const states = JSON.parse((await sandbox.podman(['ps', '-a', '--pod', '--format', 'json'])).stdout) as { State: string }[];
		assert.deepEqual(
			states.map((c) => c.State),
			['exited', 'exited', 'exited'],
		);
		await tui.waitFor(/pod web \(3 containers · 0 conmons\)/);
		await tui.waitFor(new RegExp(`pod web \\(${podId.slice(0, 12)}\\) stopping`));
	});

	test('s on the pod row starts it without asking: three new conmons, each under its container', async () => {
		const old = new Set(firstConmons);
		assert.equal(old.size, 3);
		tui.press('s');
		await tui.waitFor(new RegExp(`✓ \\$ podman pod start ${podId.slice(0, 12)}`), 30_000);
		const fresh = await conmonPids();
		assert.equal(fresh.length, 3);
		for (const pid of fresh) assert.ok(pid > 0 && !old.has(pid), `conmon ${pid} is new`);
		await tui.waitFor(/pod web \(3 containers · 3 conmons\)/);
		for (const pid of fresh) await tui.waitFor(new RegExp(`└─ conmon ${pid} {2}\\(2nd start; before: \\d+ exited`));
		await tui.waitFor(new RegExp(`pod web \\(${podId.slice(0, 12)}\\) started`));
	});

	test('--once --json carries the pod and says which container is the infra', async () => {
		const [node, json] = sandbox.world.program(['--once', '--json']);
		const { stdout } = await execa(node, json, {
			env: { ...sandbox.env, ...languageEnvironment('en') },
			stdin: 'ignore',
			timeout: 30_000,
		});
		const snapshot = JSON.parse(stdout) as { pods: SnapshotPod[]; containers: SnapshotContainer[] };
		assert.equal(snapshot.pods.length, 1);
		assert.deepEqual(
			{ ...snapshot.pods[0], containerIds: [...(snapshot.pods[0]?.containerIds ?? [])].sort() },
			{ id: podId, name: 'web', infraContainerId: infraId, containerIds: [infraId, ...members].sort() },
		);
		const conmons = await conmonPids();
		for (const [index, id] of [infraId, ...members].entries()) {
			const listed = snapshot.containers.find((c) => c.id === id);
			assert.deepEqual([listed?.pod, listed?.isInfra, listed?.conmonPid], [podId, id === infraId, conmons[index]]);
		}
		const [, plain] = sandbox.world.program(['--once']);
		const text = await execa(node, plain, {
			env: { ...sandbox.env, ...languageEnvironment('en') },
			stdin: 'ignore',
			timeout: 30_000,
		});
		assert.match(text.stdout, /^pod web \(3 containers · 3 conmons\)$/m);
	});
});

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}
