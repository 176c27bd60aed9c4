import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, afterEach, before, describe, test } from 'node:test';
import { execa } from 'execa';
import { POD_STOP_SECONDS } from '../../src/lessons/pod.js';
import { RESPAWNS_TO_SEE } from '../../src/lessons/restartPolicy.js';
import { setLanguage, t } from '../../src/messages/i18n.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { farPidMapper } from '../helpers/farPids.js';
import { createFarSide, FAR_CONNECTION, type FarSideSandbox } from '../helpers/farSideSandbox.js';
import { LessonSession } from '../helpers/lessonSession.js';
import { cleanEnv } from '../helpers/podmanSandbox.js';
import { processArgv } from '../helpers/procCheck.js';
import { delay } from '../helpers/sandboxProcesses.js';
import { cliPath } from '../helpers/tuiSession.js';

/**
 * The restart-policy and pod lessons on a far host (`--connection`), end to end against a real far
 * side (farSideSandbox.ts: podman in its own PID namespace behind sshd), in English; and the exec
 * lesson refused there, with the fact that makes its check untrue through podman's API.
 * Every PID a verdict names is checked against `podman --connection far inspect`, and against
 * this machine's /proc through the far namespace's NSpid (farPids.ts): the far PIDs, never
 * this machine's numbers for the same processes.
 */
const skip = await e2eSkipReason();

const ID = '[0-9a-f]{12}';
const PID = '\\d+';

describe('the restart-policy, exec and pod lessons on a far host', { skip: skip ?? false }, () => {
	let far: FarSideSandbox;
	let lesson: LessonSession | undefined;
	/** This machine's view of a far PID (found by NSpid below the far namespace's PID 1). */
	let hostOf: ReturnType<typeof farPidMapper>;

	before(async () => {
		setLanguage('en');
		far = await createFarSide();
		const root = await far.namespaceRoot();
		assert.ok(root !== undefined, 'the far namespace runs');
		hostOf = farPidMapper(root);
	});

	// Each test's session is ended after it, passed or failed, and what a failed one left on the far side goes with it.
	afterEach(async () => {
		await lesson?.dispose();
		lesson = undefined;
		await far.podman(['pod', 'rm', '-f', '-a', '-t', '0'], { reject: false });
		await far.podman(['rm', '-f', '-a', '-t', '0'], { reject: false });
	});

	after(async () => {
		await far?.dispose();
	});

	/** `conmon-tui --connection far lesson NAME`. */
	function start(name: string): LessonSession {
		lesson = new LessonSession({ env: far.clientEnv, image: far.store.image }, name, 'en', ['--connection', FAR_CONNECTION]);
		return lesson;
	}

	/** The run step: its conmon and first process are the far ones podman reports, not this machine's numbers. */
	async function runStep(session: LessonSession, child = 'sleep infinity'): Promise<{ id: string; conmon: number; pid: number }> {
		await session.press('r');
		const seen = await session.passed('lesson.run.met', { conmon: PID, id: ID, child: `${child} (?<pid>${PID})` }, 30_000);
		const { Id: id, State: state } = await far.inspect(seen['id'] ?? '');
		assert.equal(Number(seen['conmon']), state.ConmonPid, "the verdict's conmon is the far podman's ConmonPid");
		assert.equal(Number(seen['pid']), state.Pid, "the verdict's child is the far container's PID");
		const host = hostOf(state.ConmonPid ?? 0);
		assert.equal(host?.comm, 'conmon', 'that far PID is a conmon there');
		assert.notEqual(host?.pid, state.ConmonPid, "a far PID, not this machine's");
		return { id, conmon: Number(seen['conmon']), pid: Number(seen['pid']) };
	}

	/** The far side has none of the lesson's containers left. */
	async function noneLeft(): Promise<void> {
		assert.equal((await far.podman(['ps', '-aq'])).stdout.trim(), '', 'the lesson removed its far containers');
	}

	test("restart-policy: the far podman's cleanup starts the container again, a new far conmon each time", async () => {
		const session = start('restart-policy');
		await session.atStep(1, 3);
		const run = await runStep(session, "sh -c 'sleep 3; exit 3'".replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

		await session.next(2, 3);
		const pids = await session.restartChain();
		assert.equal(pids[0], run.conmon);
		const inspect = (await far.inspect(run.id)) as { RestartCount?: number; State: { ConmonPid?: number } };
		assert.ok((inspect.RestartCount ?? 0) >= RESPAWNS_TO_SEE, `the far podman counts ${inspect.RestartCount} restarts`);

		await session.next(3, 3);
		await session.press('d');
		await session.passed('lesson.cleanup.met', { count: '1', pids: '\\d+|-' }, 30_000);
		await noneLeft();
		await session.next(4, 3);
		await session.quitAfterPassing(3);
	});

	test("exec is refused on a far host in one line (exit 2): there the API's exec conmon outlives its command, as seen here", async () => {
		const refused = await execa(process.execPath, [cliPath(), '--connection', FAR_CONNECTION, 'lesson', 'exec'], {
			env: cleanEnv(far.clientEnv),
			extendEnv: false,
			reject: false,
			timeout: 60_000,
		});
		assert.equal(refused.exitCode, 2);
		assert.equal(refused.stderr, `conmon-tui: ${t('lesson.farHost.execExitDelayed', { name: 'exec' })}`);

		// The fact behind it: `podman --connection far exec -d` (the service's API) gives the exec conmon
		// --exit-delay 300, and that conmon is still there after its command ended.
		const id = (await far.podman(['run', '-d', far.store.image, 'sleep', 'infinity'])).stdout.trim();
		await far.podman(['exec', '-d', id, 'sleep', '1']);
		const [session] = ((await far.inspect(id)) as { ExecIDs?: string[] }).ExecIDs ?? [];
		assert.ok(session, 'the far podman knows the exec session');
		const execConmonArgv = () =>
			readdirSync('/proc').flatMap((name) => {
				if (!/^\d+$/.test(name)) return [];
				const argv = processArgv(Number(name));
				// The session's ID is in its conmon's argv (-u), and in no other process's.
				return argv[0]?.endsWith('conmon') && argv.includes(session) ? [argv] : [];
			});
		await delay(4_000);
		const [argv] = execConmonArgv();
		assert.ok(argv, 'the exec conmon runs 3 s after its command (sleep 1) ended');
		assert.equal(argv[argv.indexOf('--exit-delay') + 1], '300', 'conmon was told to wait 300 s before its cleanup');
	});

	test('pod: the far infra conmon above catatonit -P, a conmon per member, pod stop ends them, pod start brings new ones', async () => {
		const session = start('pod');
		await session.atStep(1, 5);
		// The far service's first pod builds its infra image from catatonit: give it time.
		await session.press('c');
		const created = await session.passed('lesson.pod.create.met', { pod: 'lesson-pod-[0-9a-f]{4}', infra: ID, state: '\\w+' }, 120_000);
		const podName = created['pod'] ?? '';
		const pod = JSON.parse((await far.podman(['pod', 'inspect', podName])).stdout) as { Id: string; InfraContainerID: string };
		assert.ok(pod.InfraContainerID.startsWith(created['infra'] ?? '-'), 'the infra the verdict names is the far pod’s');

		await session.next(2, 5);
		await session.press('r');
		const run = await session.passed(
			'lesson.pod.run.met',
			{ infra: ID, infraConmon: PID, infraChild: `/catatonit -P ${PID}`, conmon: PID, child: `sleep infinity ${PID}` },
			30_000,
		);
		const members = (
			JSON.parse((await far.podman(['ps', '-a', '--pod', '--format', 'json'])).stdout) as { Id: string; Pod: string; IsInfra: boolean }[]
		).filter((c) => c.Pod === pod.Id && !c.IsInfra);
		assert.equal(members.length, 1);
		const infra = (await far.inspect(pod.InfraContainerID)).State;
		const member = (await far.inspect(members[0]?.Id ?? '')).State;
		assert.equal(Number(run['infraConmon']), infra.ConmonPid, 'the infra conmon the far podman reports');
		assert.equal(Number(run['conmon']), member.ConmonPid, 'the member conmon the far podman reports');
		// The parents, as this machine's /proc sees the same processes.
		assert.equal(hostOf(infra.Pid ?? 0)?.ppid, hostOf(infra.ConmonPid ?? 0)?.pid, 'catatonit -P is the child of the infra conmon');
		assert.equal(hostOf(member.Pid ?? 0)?.ppid, hostOf(member.ConmonPid ?? 0)?.pid, 'sleep is the child of its own conmon');

		await session.next(3, 5);
		await session.press('x');
		const stopped = await session.passed('lesson.pod.stop.met', { count: '2', pids: '[\\d, ]+' }, 30_000 + POD_STOP_SECONDS * 1000);
		const stoppedPids = (stopped['pids'] ?? '').split(', ').map(Number);
		assert.deepEqual([...stoppedPids].sort(), [infra.ConmonPid, member.ConmonPid].sort());
		for (const pid of stoppedPids) assert.equal(hostOf(pid), undefined, `far conmon ${pid} has exited`);

		await session.next(4, 5);
		await session.press('s');
		const started = await session.passed('lesson.pod.start.met', { count: '2', pids: '[\\d, ]+', before: '[\\d, ]+' }, 30_000);
		const fresh = (started['pids'] ?? '').split(', ').map(Number);
		const now = [(await far.inspect(pod.InfraContainerID)).State.ConmonPid, (await far.inspect(members[0]?.Id ?? '')).State.ConmonPid];
		assert.deepEqual([...fresh].sort(), [...now].sort(), 'the new conmons the far podman reports');

		await session.next(5, 5);
		await session.press('d');
		await session.passed('lesson.pod.cleanup.met', { pod: podName, pids: '[\\d, ]+' }, 30_000);
		assert.equal((await far.podman(['pod', 'ps', '-q'])).stdout.trim(), '');
		await noneLeft();
		await session.next(6, 5);
		await session.quitAfterPassing(5);
	});
});
