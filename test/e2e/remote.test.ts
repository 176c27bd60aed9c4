import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { execa } from 'execa';
import { setLanguage, t } from '../../src/messages/i18n.js';
import { parseConmonCgroup } from '../../src/proc/cgroup.js';
import type { LogFacts } from '../../src/state/store.js';
import { MAYBE_NEW } from '../helpers/conmonRowPatterns.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { tuiSshPids } from '../helpers/farPids.js';
import { createFarSide, FAR_CONNECTION, type FarSideSandbox } from '../helpers/farSideSandbox.js';
import { LessonSession } from '../helpers/lessonSession.js';
import { readLogLines } from '../helpers/logFileLines.js';
import { cleanEnv } from '../helpers/podmanSandbox.js';
import { delay, killAndWait } from '../helpers/sandboxProcesses.js';
import { cliPath, KEY, TuiSession } from '../helpers/tuiSession.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * conmon-tui --connection against a real far side on this machine (farSideSandbox.ts): podman
 * in its own PID namespace behind sshd. The PIDs on screen must be the far side's (what
 * `podman --connection far inspect` says), which differ from this machine's PIDs of the same
 * processes: reading the local /proc by mistake would show other numbers, or nothing.
 */
const skip = await e2eSkipReason();

/** This machine's PID of a far process, found by its PID inside (NSpid's last field) and its name. */
function hostPidOf(farPid: number, comm: string): number | undefined {
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		let status = '';
		try {
			status = readFileSync(`/proc/${name}/status`, 'utf8');
		} catch {
			continue;
		}
		const nsPid = /^NSpid:\s+(.*)$/m.exec(status)?.[1]?.trim().split(/\s+/).map(Number) ?? [];
		if (nsPid.length === 2 && nsPid[1] === farPid && /^Name:\s+(.*)$/m.exec(status)?.[1] === comm) return Number(name);
	}
	return undefined;
}

describe('remote podman: --connection to a far side over ssh', { skip: skip ?? false }, () => {
	let far: FarSideSandbox;
	let tui: TuiSession;
	/** The container the far side's CLI ran (second test). */
	let farRun = '';

	before(async () => {
		far = await createFarSide();
		tui = new TuiSession({ env: far.clientEnv, args: ['--connection', FAR_CONNECTION, '--image', far.store.image, '--command', 'sleep infinity'] });
		await tui.waitFor(/watching podman \S+: 0 containers, 0 live conmons/, 30_000);
	});

	after(async () => {
		await tui?.kill();
		await far?.dispose();
	});

	test("the header names the far host, after the far service's podman version (podman version's Server)", async () => {
		const server = (await far.podman(['version', '--format', '{{.Server.Version}}'])).stdout.trim();
		assert.match(server, /^\d+\.\d+/);
		// Both ends are this machine's podman here, so one version (a client that differs is unit-tested on a real capture).
		await tui.waitFor(new RegExp(`conmon-tui {2}podman ${server.replaceAll('.', '\\.')} {2}${FAR_CONNECTION} · ssh://root@127\\.0\\.0\\.1:${far.port}`));
	});

	test("a container run with the far side's CLI: its conmon's far PID, equal to podman --connection inspect", async () => {
		const id = (await far.podman(['run', '-d', far.store.image, 'sleep', 'infinity'])).stdout.trim();
		farRun = id;
		const state = (await far.inspect(id)).State;
		const conmon = state.ConmonPid ?? 0;
		assert.ok(conmon > 0, 'podman reports a conmon PID');
		// The same conmon has another PID on this machine: the screen must show the far one.
		const hostPid = hostPidOf(conmon, 'conmon');
		assert.ok(hostPid !== undefined && hostPid !== conmon, `this machine sees that conmon as PID ${hostPid}, not ${conmon}`);
		await tui.waitFor(new RegExp(`${id.slice(0, 12)} .*Up[^\\n]*\\n {4}└─ conmon ${conmon}${MAYBE_NEW}\\n +└─ sleep infinity ${state.Pid}\\n`), 20_000);
	});

	test('r runs `podman --connection far run -d …` and the new far conmon shows', async () => {
		tui.press('r');
		const done = await tui.waitFor(
			new RegExp(`✓ \\$ podman --connection ${FAR_CONNECTION} run -d localhost/conmon-tui-test:latest sleep infinity {2}\\(\\d+ ms: ([0-9a-f]{12})\\)`),
			30_000,
		);
		const state = (await far.inspect(done[1] ?? '')).State;
		assert.ok((state.ConmonPid ?? 0) > 0);
		await tui.waitFor(new RegExp(`└─ conmon ${state.ConmonPid}${MAYBE_NEW}\\n +└─ sleep infinity ${state.Pid}\\n`), 20_000);
	});

	test("the conmon details on the far host: its cgroup, read there (not 'not known'), with what it means", async () => {
		const { Name: name, State: state } = await far.inspect(farRun);
		const conmon = state.ConmonPid ?? 0;
		// No cgroup namespace between here and the far side: this machine's /proc says the same cgroup.
		const cgroup = parseConmonCgroup(readFileSync(`/proc/${hostPidOf(conmon, 'conmon')}/cgroup`, 'utf8'));
		assert.ok(cgroup, "this machine sees the far conmon's cgroup");
		await tui.filter(name);
		await tui.waitFor(new RegExp(`▶ ● ${name} `));
		try {
			await tui.type(['\u001B[C', KEY.enter], 150);
			await tui.waitFor(new RegExp(`conmon ${conmon} +${name}`));
			const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			await tui.waitFor(new RegExp(`cgroup +${literal(cgroup.path)}`), 20_000);
			// Its meaning is the line below, past the details' last row at this height: scroll down (PgDn).
			const meaning = cgroup.kind === 'cgroupfs' ? t('setups.cgroup.cgroupfs') : cgroup.kind === 'other' ? t('setups.cgroup.other') : '';
			await tui.type(['\u001B[6~'], 150);
			await tui.waitFor(new RegExp(`cgroup +${literal(cgroup.path)}[^\\n]*\\n[^\\n]*${literal(meaning.slice(0, 30))}`));
		} finally {
			await tui.type([KEY.escape], 150);
			await tui.waitFor(/─ events ─/);
			await tui.type(['/', KEY.escape], 150);
			await tui.waitFor(/└─ conmon \d+/);
		}
	});

	test('--once --json: every conmon PID is the far one podman reports', async () => {
		const result = await execa(process.execPath, [cliPath(), '--connection', FAR_CONNECTION, '--once', '--json'], {
			env: cleanEnv(far.clientEnv),
			extendEnv: false,
			reject: false,
			timeout: 60_000,
		});
		assert.equal(result.exitCode, 0, result.stderr);
		const snapshot = JSON.parse(result.stdout) as {
			podmanVersion: string | null;
			podmanClientVersion: string | null;
			containers: { id: string; conmonPid: number | null }[];
		};
		assert.equal(snapshot.containers.length, 2);
		for (const container of snapshot.containers) {
			assert.equal(container.conmonPid, (await far.inspect(container.id)).State.ConmonPid, container.id);
		}
		const versions = JSON.parse((await far.podman(['version', '--format', 'json'])).stdout) as { Client: { Version: string }; Server: { Version: string } };
		assert.equal(snapshot.podmanVersion, versions.Server.Version, "the far service's version");
		assert.equal(snapshot.podmanClientVersion, versions.Client.Version, "this machine's client");
	});

	test('CONTAINER_HOST and CONTAINER_SSHKEY, with no --connection: the same far side, as podman itself would choose', async () => {
		const result = await execa(process.execPath, [cliPath(), '--once', '--json'], {
			env: cleanEnv({
				...far.clientEnv,
				CONTAINER_HOST: `ssh://root@127.0.0.1:${far.port}/run/podman/podman.sock`,
				CONTAINER_SSHKEY: far.identity,
			}),
			extendEnv: false,
			reject: false,
			timeout: 60_000,
		});
		assert.equal(result.exitCode, 0, result.stderr);
		const snapshot = JSON.parse(result.stdout) as { containers: { id: string; conmonPid: number | null }[] };
		assert.equal(snapshot.containers.length, 2);
		for (const container of snapshot.containers) {
			assert.equal(container.conmonPid, (await far.inspect(container.id)).State.ConmonPid, container.id);
		}
	});

	test('the lifecycle lesson on the far host: every step passes with far PIDs, and every command shown is the one run, with --connection', async () => {
		setLanguage('en');
		const PID = '\\d+';
		const session = new LessonSession({ env: far.clientEnv, image: far.store.image }, 'lifecycle', 'en', ['--connection', FAR_CONNECTION]);
		try {
			await session.atStep(1, 5);
			// The pane shows the command exactly as it will run: with podman's --connection.
			await session.tui.waitFor(
				new RegExp(`\\$ podman --connection ${FAR_CONNECTION} run -d --name lesson-lifecycle-[0-9a-f]{4} localhost/conmon-tui-test:latest sleep infinity`),
			);
			await session.press('r');
			const run = await session.passed('lesson.run.met', { conmon: PID, id: '[0-9a-f]{12}', child: `sleep infinity (?<pid>${PID})` }, 30_000);
			const id = run['id'] ?? '';
			const first = (await far.inspect(id)).State;
			assert.equal(Number(run['conmon']), first.ConmonPid, "the verdict's conmon is the far podman's ConmonPid");
			assert.equal(Number(run['pid']), first.Pid, "the verdict's child is the far container's PID");
			assert.notEqual(hostPidOf(first.ConmonPid ?? 0, 'conmon'), first.ConmonPid, "a far PID, not this machine's");

			await session.next(2, 5);
			await session.press('k');
			await session.passed('lesson.lifecycle.kill.met', { conmon: String(first.ConmonPid), code: '137' }, 30_000);
			assert.equal((await far.inspect(id)).State.ExitCode, 137);

			await session.next(3, 5);
			await session.press('s');
			const started = await session.passed(
				'lesson.lifecycle.start.met',
				{ conmon: PID, before: String(first.ConmonPid), child: `sleep infinity ${PID}` },
				30_000,
			);
			const second = (await far.inspect(id)).State.ConmonPid;
			assert.equal(Number(started['conmon']), second);
			assert.notEqual(second, first.ConmonPid);

			await session.next(4, 5);
			await session.passed('lesson.lifecycle.conclusion.met', { count: '2', pids: `${first.ConmonPid} → ${second}` });

			await session.next(5, 5);
			await session.press('d');
			await session.passed('lesson.cleanup.met', { count: '1', pids: String(second) }, 30_000);
			assert.equal((await far.podman(['ps', '-aq', '--filter', `id=${id}`])).stdout.trim(), '', 'the lesson removed its far container');
			await session.next(6, 5);
			await session.quitAfterPassing(5);

			// Every command it ran, as logged: podman with --connection, the four of the lesson.
			const commands = readFileSync(session.logFile, 'utf8')
				.split('\n')
				.filter(Boolean)
				.map((line) => JSON.parse(line) as LogFacts)
				.flatMap((facts) => (facts.kind === 'command' && facts.command ? [facts.command.join(' ')] : []));
			const short = id.slice(0, 12);
			const via = `podman --connection ${FAR_CONNECTION}`;
			assert.match(commands[0] ?? '', new RegExp(`^${via} run -d --name lesson-lifecycle-[0-9a-f]{4} ${far.store.image} sleep infinity$`));
			assert.deepEqual(commands.slice(1), [`${via} kill ${short}`, `${via} start ${short}`, `${via} rm -f -i -t 0 ${short}`]);
		} finally {
			await session.dispose();
		}
	});

	test("a lesson that needs this machine to be conmon's is refused on the far host, in one line, before anything runs", async () => {
		setLanguage('en');
		const result = await execa(process.execPath, [cliPath(), '--connection', FAR_CONNECTION, 'lesson', 'attach'], {
			env: cleanEnv(far.clientEnv),
			extendEnv: false,
			reject: false,
			timeout: 60_000,
		});
		assert.equal(result.exitCode, 2);
		// execa drops the one final newline: the whole of stderr is this one line.
		assert.equal(result.stderr, `conmon-tui: ${t('lesson.farHost.readsConmonsMachine', { name: 'attach' })}`);
	});

	test('ssh killed mid-session: the tree is kept and marked stale, then the session comes back', async () => {
		const [ssh] = tuiSshPids(far.port);
		assert.ok(ssh !== undefined, "conmon-tui's ssh session to the far side runs");
		process.kill(ssh, 'SIGKILL');
		await tui.waitFor(/stale since \d\d:\d\d/, 20_000);
		await tui.waitFor(/ssh to the far side dropped .*try by hand: ssh -T -o BatchMode=yes/, 5_000);
		// Still the last tree known while stale.
		await tui.waitFor(/└─ conmon \d+/);
		await tui.waitFor(/the far side answers again/, 30_000);
		const screen = await tui.screen();
		assert.doesNotMatch(screen.split('\n')[0] ?? '', /stale since/);
		assert.equal(tuiSshPids(far.port).length, 1, 'one session again, not one per scan');
		// And it is live: a new far container's conmon shows.
		const id = (await far.podman(['run', '-d', far.store.image, 'sleep', 'infinity'])).stdout.trim();
		const state = (await far.inspect(id)).State;
		await tui.waitFor(new RegExp(`${id.slice(0, 12)} .*Up[^\\n]*\\n {4}└─ conmon ${state.ConmonPid}${MAYBE_NEW}\\n`), 20_000);
	});

	test('far podman service stopped: one clear line with the command to try', async () => {
		const service = await far.servicePid();
		assert.ok(service !== undefined);
		process.kill(service, 'SIGKILL');
		// podman's own words, which host, and the exact command that failed, to try by hand.
		await tui.waitFor(
			new RegExp(
				`the far podman \\(${FAR_CONNECTION} · ssh://[^)]*\\) does not answer; try by hand: podman --connection ${FAR_CONNECTION} ps -a --pod --format json — podman\\s+says: Error`,
			),
			60_000,
		);
		await far.startService();
	});

	test('far service down at start: its version `?` and one line for the events stream lost over its retries; once it answers, its version and one recovery', async () => {
		const service = await far.servicePid();
		assert.ok(service !== undefined);
		await killAndWait([service]);
		const logDir = await mkdtemp(path.join(tmpdir(), 'conmon-tui-remote-log-'));
		const logFile = path.join(logDir, 'log.jsonl');
		const late = new TuiSession({ env: far.clientEnv, args: ['--connection', FAR_CONNECTION, '--log', logFile] });
		const streamLines = (status: string) => (existsSync(logFile) ? readLogLines(logFile) : []).filter((l) => l.kind === 'stream' && l.status === status).length;
		try {
			// `podman --version` is the client's: it answers without the far service.
			await late.waitFor(/conmon-tui {2}podman \? \(client \d+\.\d+[^)]*\) {2}/, 45_000);
			await waitFor('the events stream lost', () => (streamLines('lost') > 0 ? true : undefined), 30_000);
			// Its retries meanwhile (backoff 0.25, 0.5, 1, 2 s …): none of them is one more line.
			await delay(4_000);
			await far.startService();
			const server = (await far.podman(['version', '--format', '{{.Server.Version}}'])).stdout.trim();
			await late.waitFor(new RegExp(`conmon-tui {2}podman ${server.replaceAll('.', '\\.')} {2}${FAR_CONNECTION} · `), 45_000);
			await waitFor('the events stream recovered', () => (streamLines('recovered') > 0 ? true : undefined), 30_000);
			assert.equal(streamLines('lost'), 1, 'one line for the outage, not one per retry');
			assert.equal(streamLines('recovered'), 1);
			late.press('q');
			await late.waitForExit(15_000);
		} finally {
			await late.kill();
			await rm(logDir, { recursive: true, force: true });
		}
	});

	test('q quits and leaves no ssh session behind', async () => {
		tui.press('q');
		await tui.waitForExit(15_000);
		assert.deepEqual(tuiSshPids(far.port), []);
	});
});
