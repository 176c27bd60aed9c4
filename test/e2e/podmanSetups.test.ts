import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { execa } from 'execa';
import { parseConmonCgroup } from '../../src/proc/cgroup.js';
import { MAYBE_NEW } from '../helpers/conmonRowPatterns.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { cleanEnv, createPodmanSandbox, type PodmanSandbox } from '../helpers/podmanSandbox.js';
import { processArgv } from '../helpers/procCheck.js';
import { cliPath, KEY, languageEnvironment, TuiSession } from '../helpers/tuiSession.js';

/**
 * Podman as people run it, against real podman 4.3 in a private store: a container carrying the
 * label a systemd unit gives (set by hand: no systemd runs here), the conmon's cgroup read from
 * /proc, `--init` (catatonit as PID 1), `--rm` (the removed row), the log drivers none, k8s-file
 * and passthrough with what `podman logs` really does, and the events backend in `?`.
 */
const skip = await e2eSkipReason();

const RIGHT = '\u001B[C';

interface SnapshotContainer {
	name: string;
	systemdUnit: string | null;
	autoRemove: boolean;
}

describe('systemd label, --init, --rm and log drivers against real podman', { skip: skip ?? false }, () => {
	let sandbox: PodmanSandbox;
	let tui: TuiSession;
	const ids: Record<string, string> = {};
	let passthroughOut = '';

	async function run(name: string, options: string[], command: string[]): Promise<void> {
		ids[name] = (await sandbox.podman(['run', '-d', '--name', name, ...options, sandbox.image, ...command])).stdout.trim();
	}

	/** Filters the tree down to `name`, steps onto its conmon and opens the conmon's details. */
	async function openConmonDetails(name: string): Promise<number> {
		const conmon = (await sandbox.inspect(name)).State.ConmonPid ?? 0;
		await closeDetails();
		await tui.filter(name);
		await tui.waitFor(new RegExp(`▶ ● ${name} `));
		await tui.type([RIGHT, KEY.enter], 150);
		await tui.waitFor(new RegExp(`conmon ${conmon} +${name}`));
		return conmon;
	}

	/** Closes the details and clears the filter (a lone Escape, then `/` and Escape, one key at a time); harmless when neither is open. */
	async function closeDetails(): Promise<void> {
		await tui.type([KEY.escape], 150);
		await tui.waitFor(/─ events ─/);
		await tui.type(['/', KEY.escape], 150);
		await tui.waitFor(/● withinit /);
	}

	before(async () => {
		sandbox = await createPodmanSandbox();
		// What a Quadlet unit's `Environment=PODMAN_SYSTEMD_UNIT=%n` makes podman put on the container.
		await run('unit', ['--label', 'PODMAN_SYSTEMD_UNIT=web.service'], ['sleep', 'infinity']);
		await run('withinit', ['--init'], ['sleep', 'infinity']);
		await run('log-none', ['--log-driver', 'none'], ['sh', '-c', 'echo hello-none; sleep infinity']);
		await run('log-k8s', ['--log-driver', 'k8s-file'], ['sh', '-c', 'echo hello-k8s; sleep infinity']);
		// passthrough: the container's stdout and stderr are podman's own. A pipe as podman's stdout
		// never reaches its end (the container holds it open), so podman writes into a file here.
		passthroughOut = path.join(sandbox.dir, 'passthrough.out');
		const code = await podmanWritingTo(
			passthroughOut,
			['run', '-d', '--name', 'log-pass', '--log-driver', 'passthrough', sandbox.image, 'sh', '-c', 'echo hello-pass; sleep infinity'],
			cleanEnv(sandbox.env),
		);
		assert.equal(code, 0, readFileSync(passthroughOut, 'utf8'));
		ids['log-pass'] = (await sandbox.podman(['container', 'inspect', '--format', '{{.Id}}', 'log-pass'])).stdout.trim();
		tui = new TuiSession({ env: sandbox.env, args: ['--image', sandbox.image, '--command', 'sleep infinity'], columns: 200, rows: 50 });
		await tui.waitFor(/watching podman/);
	});

	after(async () => {
		await tui?.kill();
		await sandbox?.dispose();
	});

	test('PODMAN_SYSTEMD_UNIT: the unit beside the container in the tree, --once and --once --json', async () => {
		await tui.waitFor(new RegExp(`● unit +${ids['unit']?.slice(0, 12)} [^\\n]*Up [^\\n]*unit web\\.service`));
		const env = { ...sandbox.env, ...languageEnvironment('en') };
		const text = await execa(process.execPath, [cliPath(), '--once'], { env, stdin: 'ignore', timeout: 30_000 });
		assert.match(text.stdout, /^● unit .* unit web\.service$/m);
		assert.doesNotMatch(text.stdout, /withinit .* unit /);
		const json = await execa(process.execPath, [cliPath(), '--once', '--json'], { env, stdin: 'ignore', timeout: 30_000 });
		const containers = (JSON.parse(json.stdout) as { containers: SnapshotContainer[] }).containers;
		assert.equal(containers.find((c) => c.name === 'unit')?.systemdUnit, 'web.service');
		assert.equal(containers.find((c) => c.name === 'withinit')?.systemdUnit, null);
	});

	test("the conmon details: the unit, and the conmon's cgroup as /proc says it, with what it means", async () => {
		const conmon = await openConmonDetails('unit');
		await tui.waitFor(/systemd unit web\.service \(label PODMAN_SYSTEMD_UNIT/);
		// This sandbox runs podman with the cgroupfs manager: conmon goes to <cgroup parent>/conmon.
		const cgroup = parseConmonCgroup(readFileSync(`/proc/${conmon}/cgroup`, 'utf8'));
		assert.equal(cgroup?.kind, 'cgroupfs', `conmon ${conmon}'s cgroup: ${JSON.stringify(cgroup)}`);
		await tui.waitFor(new RegExp(`cgroup +${cgroup?.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\n]*\\n[^\\n]*podman \\(cgroupfs manager\\) moved conmon`));
		await closeDetails();
	});

	test('--init: catatonit (/run/podman-init) is the container PID 1 under conmon, the command its child; not a pause process', async () => {
		const state = (await sandbox.inspect('withinit')).State;
		assert.equal(processArgv(state.Pid)[0], '/run/podman-init');
		await tui.waitFor(
			new RegExp(
				`└─ conmon ${state.ConmonPid}${MAYBE_NEW}\\n +└─ /run/podman-init -- sleep infinity ${state.Pid}  init \\(catatonit\\) as PID 1[^\\n]*\\n +└─ sleep infinity \\d+\\n`,
			),
		);
		assert.doesNotMatch(await tui.screen(), /rootless pause process/);
	});

	test('-l none: conmon keeps no log, and podman logs has nothing', async () => {
		const logs = await sandbox.podman(['logs', 'log-none'], { reject: false });
		assert.notEqual(logs.exitCode, 0);
		assert.match(logs.stderr, /'none' log driver/);
		await openConmonDetails('log-none');
		await tui.waitFor(/log +none[^\n]*\n[^\n]*conmon keeps no log: `podman logs` has nothing to read \(-l none\)/);
		await closeDetails();
	});

	test('-l k8s-file:PATH: conmon writes the file podman logs reads', async () => {
		assert.equal((await sandbox.podman(['logs', 'log-k8s'])).stdout, 'hello-k8s');
		await openConmonDetails('log-k8s');
		const match = await tui.waitFor(/log +(\/\S+\/ctr\.log)[^\n]*\n[^\n]*conmon writes the container's stdout and stderr to this file \(k8s-file driver\)/);
		assert.match(await readFile(match[1] ?? '', 'utf8'), /stdout F hello-k8s/);
		await closeDetails();
	});

	test("-l passthrough: the container wrote to podman's own stdout; podman logs has nothing", async () => {
		assert.match(await readFile(passthroughOut, 'utf8'), /^hello-pass$/m);
		const logs = await sandbox.podman(['logs', 'log-pass'], { reject: false });
		assert.notEqual(logs.exitCode, 0);
		assert.match(logs.stderr, /'passthrough' log driver/);
		await openConmonDetails('log-pass');
		await tui.waitFor(/log +passthrough[^\n]*\n[^\n]*conmon collects nothing: the container writes straight to the stdout and stderr podman was started with/);
		await closeDetails();
	});

	test('--rm: once it exits, conmon’s exit command removes it; its row stays, dim, saying so; --once does not list it', async () => {
		await closeDetails();
		// Alive 3 s: long enough for the screen to list it (from the create and start events) before it goes.
		await run('gone', ['--rm'], ['sleep', '3']);
		const conmon = (await sandbox.inspect('gone')).State.ConmonPid;
		const removed = await tui.waitFor(
			new RegExp(
				`○ gone  ${ids['gone']?.slice(0, 12)}  \\S+  removed \\d\\d:\\d\\d:\\d\\d: --rm, so the exit command conmon ran \\(podman container cleanup --rm\\) removed it; its last conmon (\\d+) exited`,
			),
			30_000,
		);
		assert.equal(Number(removed[1]), conmon);
		const listed = await sandbox.podman(['ps', '-a', '--format', '{{.Names}}']);
		assert.doesNotMatch(listed.stdout, /^gone$/m);
		const text = await execa(process.execPath, [cliPath(), '--once'], {
			env: { ...sandbox.env, ...languageEnvironment('en') },
			stdin: 'ignore',
			timeout: 30_000,
		});
		assert.doesNotMatch(text.stdout, /gone/);
	});

	test('Enter on a pod row: the infra, the namespaces it holds (from /proc/PID/ns), every conmon', async () => {
		await closeDetails();
		// The first pod builds the infra image (localhost/podman-pause:<version>) from the host's catatonit.
		const podId = (await sandbox.podman(['pod', 'create', '--name', 'pw'], { timeoutMs: 120_000 })).stdout.trim();
		await run('pw-a', ['--pod', 'pw'], ['sleep', 'infinity']);
		const infraId = (await sandbox.podman(['pod', 'inspect', '--format', '{{.InfraContainerID}}', 'pw'])).stdout.trim();
		const [infra, member] = [await sandbox.inspect(infraId), await sandbox.inspect('pw-a')];
		// What /proc says the infra holds for the member: the kinds they share that are not the host's.
		const link = (pid: number | string, kind: string) => readlinkSync(`/proc/${pid}/ns/${kind}`);
		const shared = ['cgroup', 'ipc', 'net', 'pid', 'user', 'uts'].filter(
			(kind) => link(infra.State.Pid, kind) === link(member.State.Pid, kind) && link(infra.State.Pid, kind) !== link('self', kind),
		);
		assert.deepEqual(shared, ['ipc', 'net', 'uts'], "podman's default --share");
		await tui.filter('pw');
		// The filter selects a container of the pod; the pod's row is the first row, and ↑ stops there.
		await tui.waitFor(/pod pw \(2 containers · 2 conmons\)/, 30_000);
		await tui.type([KEY.up, KEY.up, KEY.up], 100);
		await tui.waitFor(/▶ pod pw \(2 containers · 2 conmons\)/);
		tui.press(KEY.enter);
		await tui.waitFor(/holds the namespaces the pod shares: ipc, net, uts[\s\S]*Enter or Escape: back to the tree/);
		const screen = await tui.screen();
		assert.match(screen, new RegExp(`infra container ${infraId.slice(0, 12)} \\(${podId.slice(0, 12)}-infra\\)`));
		assert.match(screen, new RegExp(`${infraId.slice(0, 12)}  Up [^\\n]*conmon ${infra.State.ConmonPid}  \\(infra\\)`));
		assert.match(screen, new RegExp(`pw-a  ${member.Id.slice(0, 12)}  Up [^\\n]*conmon ${member.State.ConmonPid}`));
		await closeDetails();
	});

	test('? shows the events backend podman info names (file here)', async () => {
		await closeDetails();
		const backend = (await sandbox.podman(['info', '--format', '{{.Host.EventLogger}}'])).stdout.trim();
		assert.equal(backend, 'file');
		tui.press('?');
		await tui.waitFor(/podman \S+ · events backend: file \(podman info: host\.eventLogger\) — podman writes its events to a file/);
		await tui.type([KEY.escape], 150);
	});
});

/**
 * Runs podman with its stdout and stderr on a file of our own (not a pipe, which the container
 * would hold open: with passthrough, the container's stdio is podman's). Resolves with its exit code.
 */
async function podmanWritingTo(file: string, args: string[], env: Record<string, string>): Promise<number> {
	const out = openSync(file, 'w');
	try {
		const child = spawn('podman', args, { env, stdio: ['ignore', out, out], timeout: 60_000 });
		return await new Promise<number>((resolve, reject) => {
			child.on('error', reject);
			child.on('exit', (code) => resolve(code ?? -1));
		});
	} finally {
		closeSync(out);
	}
}
