import assert from 'node:assert/strict';
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { execa } from 'execa';
import { MAYBE_NEW } from '../helpers/conmonRowPatterns.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { tuiSshPids } from '../helpers/farPids.js';
import { createFarSide, type FarSideSandbox, freePort } from '../helpers/farSideSandbox.js';
import { cleanEnv, runPodman } from '../helpers/podmanSandbox.js';
import { cliPath, TuiSession } from '../helpers/tuiSession.js';

/** The End key, as xterm sends it. */
const END = '\u001B[F';

/**
 * `conmon-tui --connection hosta --connection hostb`: two real far sides at once (farSideSandbox.ts
 * twice, each its own PID namespace, podman store, sshd port and connection name). Each host's
 * tree is under its own heading with that host's conmon PIDs (what `podman --connection X inspect`
 * says; the two namespaces number their processes independently), and a key on hostb's row acts
 * on hostb only.
 */
const skip = await e2eSkipReason();

/** A regex-safe version of `text`. */
function literal(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('several hosts: --connection hosta --connection hostb', { skip: skip ?? false }, () => {
	let a: FarSideSandbox;
	let b: FarSideSandbox;
	let tui: TuiSession;
	/** The client environment that knows both connections: hosta's, with hostb added. */
	let env: Record<string, string>;
	let idA = '';
	let idB = '';

	before(async () => {
		a = await createFarSide({ connection: 'hosta' });
		b = await createFarSide({ connection: 'hostb' });
		env = a.clientEnv;
		// One client that knows both far sides: hostb's connection and host key added to hosta's client.
		await runPodman(env, ['system', 'connection', 'add', '--identity', b.identity, 'hostb', `ssh://root@127.0.0.1:${b.port}/run/podman/podman.sock`], {
			timeoutMs: 30_000,
		});
		const knownHosts = (home: string | undefined) => path.join(home ?? '', '.ssh', 'known_hosts');
		await appendFile(knownHosts(env['HOME']), await readFile(knownHosts(b.clientEnv['HOME']), 'utf8'));
		idA = (await a.podman(['run', '-d', a.store.image, 'sleep', 'infinity'])).stdout.trim();
		idB = (await b.podman(['run', '-d', b.store.image, 'sleep', 'infinity'])).stdout.trim();
		tui = new TuiSession({ env, args: ['--connection', 'hosta', '--connection', 'hostb', '--image', a.store.image, '--command', 'sleep infinity'] });
	});

	after(async () => {
		await tui?.kill();
		await b?.dispose();
		await a?.dispose();
	});

	test("each host's tree under its heading, with that host's conmon PIDs (podman --connection X inspect)", async () => {
		const stateA = (await a.inspect(idA)).State;
		const stateB = (await b.inspect(idB)).State;
		assert.ok((stateA.ConmonPid ?? 0) > 0 && (stateB.ConmonPid ?? 0) > 0, 'both far podmans report a conmon PID');
		const heading = (far: FarSideSandbox) => `── ${far.connection} · ssh://root@127\\.0\\.0\\.1:${far.port}[^\\n]*\\n`;
		const branch = (id: string, state: typeof stateA) =>
			`[^\\n]*${id.slice(0, 12)} [^\\n]*Up[^\\n]*\\n {4}└─ conmon ${state.ConmonPid}${MAYBE_NEW}\\n +└─ sleep infinity ${state.Pid}\\n`;
		// hosta's heading, its container and far PIDs; then hostb's heading, its container and far PIDs.
		await tui.waitFor(new RegExp(`${heading(a)}${branch(idA, stateA)}${heading(b)}${branch(idB, stateB)}`), 45_000);
		// Each event-log line names its host.
		for (const host of ['hosta', 'hostb'])
			await tui.waitFor(new RegExp(`\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ${host} watching podman \\S+: 1 container, 1 live conmon`));
	});

	test("x on hostb's row, y: `podman --connection hostb stop` stops hostb's container only", async () => {
		// End: the last row, hostb's container (the first host's rows come first).
		await tui.type([END], 150);
		await tui.waitFor(new RegExp(`▶ ● \\S+ +${idB.slice(0, 12)} `));
		tui.press('x');
		await tui.waitFor(new RegExp(`stop \\S+ \\(${idB.slice(0, 12)}\\)\\? y/n`));
		tui.press('y');
		await tui.waitFor(new RegExp(`✓ \\$ podman --connection hostb stop [^\\n]*${idB.slice(0, 12)}`), 60_000);
		assert.equal((await b.inspect(idB)).State.Status, 'exited', "hostb's container is stopped");
		assert.equal((await a.inspect(idA)).State.Status, 'running', "hosta's container still runs");
		// The event log names the host of each line.
		await tui.waitFor(/\d\d:\d\d:\d\d\.\d{3} hostb \$ podman --connection hostb stop /);
		await tui.waitFor(new RegExp(`\\d\\d:\\d\\d:\\d\\d\\.\\d{3} hostb [^\\n]*${literal(idB.slice(0, 12))}`));
	});

	test('--once --json: a hosts array, each host with its own far conmon PIDs', async () => {
		// hostb's container again, under a new conmon: each host then has one to compare.
		await b.podman(['start', idB]);
		const result = await execa(process.execPath, [cliPath(), '--connection', 'hosta', '--connection', 'hostb', '--once', '--json'], {
			env: cleanEnv(env),
			extendEnv: false,
			reject: false,
			timeout: 90_000,
		});
		assert.equal(result.exitCode, 0, result.stderr);
		const snapshot = JSON.parse(result.stdout) as {
			hosts: { connection: string; uri: string; error: string | null; containers: { id: string; conmonPid: number | null }[] }[];
		};
		assert.deepEqual(
			snapshot.hosts.map((h) => [h.connection, h.error]),
			[
				['hosta', null],
				['hostb', null],
			],
		);
		assert.equal(snapshot.hosts[1]?.uri, `ssh://root@127.0.0.1:${b.port}/run/podman/podman.sock`);
		const [jsonA, jsonB] = snapshot.hosts;
		assert.deepEqual(
			jsonA?.containers.map((c) => [c.id, c.conmonPid]),
			[[idA, (await a.inspect(idA)).State.ConmonPid]],
		);
		assert.deepEqual(
			jsonB?.containers.map((c) => [c.id, c.conmonPid]),
			[[idB, (await b.inspect(idB)).State.ConmonPid]],
		);
	});

	test("hostb's ssh killed: hostb's heading is marked stale with the line under it, hosta goes on live", async () => {
		const [ssh] = tuiSshPids(b.port);
		assert.ok(ssh !== undefined, "conmon-tui's ssh session to hostb runs");
		assert.equal(tuiSshPids(a.port).length, 1, 'and one to hosta');
		process.kill(ssh, 'SIGKILL');
		await tui.waitFor(
			new RegExp(`── hostb · ssh://root@127\\.0\\.0\\.1:${b.port}  stale since \\d\\d:\\d\\d[^\\n]*\\n {2}ssh to the far side dropped `),
			20_000,
		);
		// hosta is live meanwhile: a container run there shows with its far conmon PID.
		const id = (await a.podman(['run', '-d', a.store.image, 'sleep', 'infinity'])).stdout.trim();
		const state = (await a.inspect(id)).State;
		await tui.waitFor(new RegExp(`${id.slice(0, 12)} [^\\n]*Up[^\\n]*\\n {4}└─ conmon ${state.ConmonPid}${MAYBE_NEW}\\n`), 20_000);
		// hostb comes back on its own.
		await tui.waitFor(/the far side answers again/, 30_000);
		assert.equal(tuiSshPids(b.port).length, 1, 'one session to hostb again');
	});

	test('a host that does not answer at start: its heading says what failed, the other host is shown and live', async () => {
		// A connection to a port nothing listens on (`connection add` with a socket path does not connect).
		const port = await freePort();
		await runPodman(env, ['system', 'connection', 'add', '--identity', a.identity, 'nowhere', `ssh://root@127.0.0.1:${port}/run/podman/podman.sock`], {
			timeoutMs: 30_000,
		});
		const once = await execa(process.execPath, [cliPath(), '--connection', 'nowhere', '--connection', 'hosta', '--once', '--json'], {
			env: cleanEnv(env),
			extendEnv: false,
			reject: false,
			timeout: 90_000,
		});
		assert.equal(once.exitCode, 1, 'a host failed: exit 1, with the other host printed all the same');
		const snapshot = JSON.parse(once.stdout) as { hosts: { connection: string; error: string | null; containers: { id: string }[] }[] };
		// podman's `version` (the client's) may answer without the far side; the ssh session then says it.
		assert.match(
			snapshot.hosts[0]?.error ?? '',
			new RegExp(
				`^(the far podman \\(nowhere · ssh://root@127\\.0\\.0\\.1:${port}\\) does not answer|far side unreachable \\(ssh: connect to host 127\\.0\\.0\\.1 port ${port}: Connection refused\\)); try by hand: `,
			),
		);
		assert.equal(snapshot.hosts[1]?.error, null);
		assert.ok((snapshot.hosts[1]?.containers.length ?? 0) > 0, "hosta's containers are listed");

		const live = new TuiSession({ env, args: ['--connection', 'nowhere', '--connection', 'hosta'] });
		try {
			await live.waitFor(
				new RegExp(`── nowhere · ssh://root@127\\.0\\.0\\.1:${port}[^\\n]*\\n {2}(the far podman|far side unreachable)[^\\n]*try by hand`),
				45_000,
			);
			const state = (await a.inspect(idA)).State;
			await live.waitFor(new RegExp(`── hosta · [^\\n]*\\n[^\\n]*${idA.slice(0, 12)} [^\\n]*\\n {4}└─ conmon ${state.ConmonPid}`), 30_000);
			live.press('q');
			assert.equal((await live.waitForExit(15_000)).exitCode, 0);
		} finally {
			await live.kill();
		}
	});

	test('q quits', async () => {
		tui.press('q');
		const { exitCode } = await tui.waitForExit(15_000);
		assert.equal(exitCode, 0);
		assert.deepEqual([...tuiSshPids(a.port), ...tuiSshPids(b.port)], [], 'no ssh session left behind');
	});
});
