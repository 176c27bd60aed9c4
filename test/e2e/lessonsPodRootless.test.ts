import assert from 'node:assert/strict';
import { readFileSync, readlinkSync } from 'node:fs';
import { after, afterEach, before, describe, test } from 'node:test';
import { POD_STOP_SECONDS } from '../../src/lessons/pod.js';
import { LANGUAGES } from '../../src/messages/catalogues.js';
import { setLanguage, t } from '../../src/messages/i18n.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { LessonSession } from '../helpers/lessonSession.js';
import { messagePattern } from '../helpers/messagePattern.js';
import { createPodmanSandbox, type PodmanSandbox } from '../helpers/podmanSandbox.js';
import { processArgv, processState } from '../helpers/procCheck.js';
import { createRootlessSandbox, type RootlessSandbox } from '../helpers/rootlessSandbox.js';
import { RootlessTuiSession } from '../helpers/rootlessTuiSession.js';
import { ensureRootlessUser, type RootlessUser, rootlessSkipReason } from '../helpers/rootlessUser.js';
import { cliPath } from '../helpers/tuiSession.js';

/**
 * The pod and rootless lessons, in English and in Japanese, run from its keys in a real terminal against real
 * podman: each step's verdict names real PIDs and IDs, checked here against `podman inspect`,
 * `podman pod inspect` and /proc. Leaving the pod lesson half-way removes the pod (`podman rm` alone
 * cannot). The rootless lesson runs as the shared ordinary test user against a rootless sandbox of
 * that user, and is refused as root.
 */
const skip = await e2eSkipReason();
const rootlessSkip = await rootlessSkipReason();

const ID = '[0-9a-f]{12}';
const PID = '\\d+';

/** The host PID's parent, from /proc. */
function parentOf(pid: number): number {
	return Number(/^PPid:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

/** The real UID of a process, from /proc/PID/status. */
function uidOf(pid: number): number {
	return Number(/^Uid:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

/** /proc/PID/uid_map as the lesson shows it: `0 1001 1, 1 100000 65536`. */
function uidMapOf(pid: number): string {
	return readFileSync(`/proc/${pid}/uid_map`, 'utf8')
		.trim()
		.split('\n')
		.map((line) => line.trim().split(/\s+/).join(' '))
		.join(', ');
}

for (const language of LANGUAGES) {
	describe(`the pod lesson in ${language}`, { skip: skip ?? false }, () => {
		let sandbox: PodmanSandbox;
		let lesson: LessonSession | undefined;

		before(async () => {
			setLanguage(language);
			sandbox = await createPodmanSandbox();
		});

		afterEach(async () => {
			await lesson?.dispose();
			lesson = undefined;
		});

		after(async () => {
			setLanguage('en');
			await sandbox?.dispose();
		});

		/** `podman ps -a --pod` of the sandbox: each container's ID, pod and whether it is the infra. */
		async function listed(): Promise<{ Id: string; Pod: string; IsInfra: boolean; State: string }[]> {
			return JSON.parse((await sandbox.podman(['ps', '-a', '--pod', '--format', 'json'])).stdout) as {
				Id: string;
				Pod: string;
				IsInfra: boolean;
				State: string;
			}[];
		}

		test('pod: the infra conmon above catatonit -P, a conmon per member, pod stop ends them all, pod start brings new ones', async () => {
			lesson = new LessonSession(sandbox, 'pod', language);
			const session = lesson;
			await session.atStep(1, 5);
			// The first pod of a store builds the infra image from the host's catatonit: give it time.
			await session.press('c');
			const created = await session.passed('lesson.pod.create.met', { pod: 'lesson-pod-[0-9a-f]{4}', infra: ID, state: '\\w+' }, 120_000);
			const podName = created['pod'] ?? '';
			const pod = JSON.parse((await sandbox.podman(['pod', 'inspect', podName])).stdout) as { Id: string; InfraContainerID: string };
			assert.ok(pod.InfraContainerID.startsWith(created['infra'] ?? '-'), 'the infra the verdict names is the pod’s');
			const infraBefore = (await sandbox.inspect(pod.InfraContainerID)).State;
			assert.equal(infraBefore.Status, 'created');
			assert.equal(created['state'], 'created');
			assert.ok(!infraBefore.ConmonPid, 'no conmon for a created infra');

			await session.next(2, 5);
			await session.press('r');
			const run = await session.passed('lesson.pod.run.met', {
				infra: ID,
				infraConmon: PID,
				infraChild: `/catatonit -P ${PID}`,
				conmon: PID,
				child: `sleep infinity ${PID}`,
			});
			const members = (await listed()).filter((c) => c.Pod === pod.Id && !c.IsInfra);
			assert.equal(members.length, 1);
			const memberId = members[0]?.Id ?? '';
			const infraState = (await sandbox.inspect(pod.InfraContainerID)).State;
			const memberState = (await sandbox.inspect(memberId)).State;
			assert.equal(Number(run['infraConmon']), infraState.ConmonPid, 'the infra conmon podman reports');
			assert.equal(Number(run['conmon']), memberState.ConmonPid, 'the member conmon podman reports');
			assert.notEqual(infraState.ConmonPid, memberState.ConmonPid, 'two conmons');
			assert.deepEqual(processArgv(infraState.Pid), ['/catatonit', '-P'], "the infra's process");
			assert.equal(parentOf(infraState.Pid), infraState.ConmonPid, 'catatonit -P is the child of the infra conmon');
			assert.equal(parentOf(memberState.Pid), memberState.ConmonPid, 'sleep is the child of its own conmon');

			await session.next(3, 5);
			await session.press('x');
			const stopped = await session.passed('lesson.pod.stop.met', { count: '2', pids: '[\\d, ]+' }, 20_000 + POD_STOP_SECONDS * 1000);
			const stoppedPids = (stopped['pids'] ?? '').split(', ').map(Number);
			assert.deepEqual([...stoppedPids].sort(), [infraState.ConmonPid, memberState.ConmonPid].sort(), await session.tui.screen());
			for (const pid of stoppedPids) assert.notEqual(processState(pid), 'alive', `conmon ${pid} has exited`);
			assert.deepEqual(
				(await listed()).filter((c) => c.Pod === pod.Id).map((c) => c.State),
				['exited', 'exited'],
			);

			await session.next(4, 5);
			await session.press('s');
			const started = await session.passed('lesson.pod.start.met', { count: '2', pids: '[\\d, ]+', before: '[\\d, ]+' });
			const fresh = (started['pids'] ?? '').split(', ').map(Number);
			const now = [(await sandbox.inspect(pod.InfraContainerID)).State.ConmonPid, (await sandbox.inspect(memberId)).State.ConmonPid];
			assert.deepEqual([...fresh].sort(), [...now].sort(), 'the new conmons podman reports');
			for (const pid of fresh) assert.ok(!stoppedPids.includes(pid), `conmon ${pid} is new`);

			await session.next(5, 5);
			await session.press('d');
			await session.passed('lesson.pod.cleanup.met', { pod: podName, pids: '[\\d, ]+' });
			assert.equal((await sandbox.podman(['pod', 'ps', '-q'])).stdout.trim(), '');
			assert.equal((await sandbox.podman(['ps', '-aq'])).stdout.trim(), '');
			await session.next(6, 5);
			await session.quitAfterPassing(5);
		});

		test('pod: leaving half-way (Esc, y) removes the pod with its infra, which podman rm alone refuses', async () => {
			lesson = new LessonSession(sandbox, 'pod', language);
			const session = lesson;
			await session.atStep(1, 5);
			await session.press('c');
			await session.passed('lesson.pod.create.met', { pod: 'lesson-pod-[0-9a-f]{4}', infra: ID, state: '\\w+' }, 120_000);
			await session.next(2, 5);
			await session.press('r');
			await session.passed('lesson.pod.run.met', {
				infra: ID,
				infraConmon: PID,
				infraChild: `/catatonit -P ${PID}`,
				conmon: PID,
				child: `sleep infinity ${PID}`,
			});
			await session.press('\u001b');
			await session.tui.waitFor(messagePattern('lesson.ui.confirmLeave', {}));
			await session.press('y');
			const deadline = Date.now() + 30_000;
			while ((await sandbox.podman(['ps', '-aq'])).stdout.trim() !== '' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
			assert.equal((await sandbox.podman(['ps', '-aq'])).stdout.trim(), '', 'no container left, the infra neither');
			assert.equal((await sandbox.podman(['pod', 'ps', '-q'])).stdout.trim(), '', 'no pod left');
		});
	});
}

describe('the rootless lesson', { skip: skip ?? rootlessSkip ?? false }, () => {
	let user: RootlessUser;
	let sandbox: RootlessSandbox;
	let tui: RootlessTuiSession | undefined;

	before(async () => {
		user = await ensureRootlessUser();
		sandbox = await createRootlessSandbox(user);
	});

	afterEach(async () => {
		await tui?.kill();
		tui = undefined;
	});

	after(async () => {
		setLanguage('en');
		await sandbox?.dispose();
	});

	test('as root it is refused before anything runs, with how to start it as an ordinary user (exit code 2)', async () => {
		const { execa } = await import('execa');
		for (const language of LANGUAGES) {
			setLanguage(language);
			const result = await execa(process.execPath, [cliPath(), 'lesson', 'rootless', '--lang', language], { reject: false, timeout: 30_000 });
			assert.equal(result.exitCode, 2, result.stderr);
			assert.equal(result.stderr.trim(), `conmon-tui: ${t('lesson.rootless.asRoot')}`);
		}
		setLanguage('en');
	});

	for (const language of LANGUAGES) {
		test(`as the ordinary user (${language}): the pause process, conmon's UID outside and inside, the pause process staying`, async () => {
			setLanguage(language);
			const session = new RootlessTuiSession({
				user,
				env: sandbox.env,
				lang: language,
				args: ['lesson', 'rootless', '--lang', language, '--image', sandbox.image, '--command', 'sleep infinity'],
				columns: 220,
				rows: 44,
			});
			tui = session;
			const atStep = (step: number) => session.waitFor(messagePattern('lesson.ui.heading', { title: '.+', step: String(step), steps: '5' }));
			const passed = async (key: Parameters<typeof messagePattern>[0], groups: Record<string, string>) =>
				(await session.waitFor(new RegExp(`✓ ${messagePattern(key, groups).source}`), 30_000)).groups ?? {};
			const press = (key: string) => session.type([key], 150);

			await atStep(1);
			assert.equal(session.uid(), user.uid, 'conmon-tui runs as the ordinary user');
			await press('r');
			const run = await passed('lesson.run.met', { conmon: PID, child: `sleep infinity ${PID}`, id: ID });
			const state = (await sandbox.inspect(run['id'] ?? '')).State;
			assert.equal(Number(run['conmon']), state.ConmonPid);

			await press('n');
			await atStep(2);
			const pause = await passed('lesson.rootless.pause.met', { pause: PID, ppid: PID, uid: PID, conmon: PID });
			const pausePid = Number(pause['pause']);
			assert.equal(pausePid, await sandbox.pausePid(), "the sandbox's pause process");
			assert.equal(Number(pause['uid']), user.uid);
			assert.equal(Number(pause['ppid']), parentOf(pausePid));
			assert.deepEqual(processArgv(pausePid).slice(-1), ['-P']);
			// What the explanation says: conmon and the container run in the user namespace the pause process holds.
			const userNs = readlinkSync(`/proc/${pausePid}/ns/user`);
			assert.equal(readlinkSync(`/proc/${state.ConmonPid}/ns/user`), userNs);
			assert.equal(readlinkSync(`/proc/${state.Pid}/ns/user`), userNs);
			assert.notEqual(readlinkSync('/proc/self/ns/user'), userNs, "not the host's");

			await press('n');
			await atStep(3);
			const uids = await passed('lesson.rootless.uid.met', {
				conmon: PID,
				host: PID,
				inside: PID,
				map: '[\\d ,]+',
				child: `sleep infinity ${PID}`,
				childHost: PID,
				childInside: PID,
			});
			const conmonPid = state.ConmonPid ?? 0;
			assert.equal(Number(uids['conmon']), conmonPid);
			assert.equal(Number(uids['host']), uidOf(conmonPid));
			assert.equal(Number(uids['host']), user.uid);
			assert.equal(uids['inside'], '0');
			assert.equal(uids['map'], uidMapOf(conmonPid));
			assert.equal(Number(uids['childHost']), uidOf(state.Pid));
			assert.equal(uids['childInside'], '0');

			await press('n');
			await atStep(4);
			await press('d');
			await passed('lesson.cleanup.met', { count: '1', pids: String(conmonPid) });
			assert.equal((await sandbox.podman(['ps', '-aq'])).stdout.trim(), '');

			await press('n');
			await atStep(5);
			await passed('lesson.rootless.stays.met', { pause: String(pausePid) });
			assert.equal(processState(pausePid), 'alive', 'the pause process stays');
			assert.notEqual(processState(conmonPid), 'alive', 'conmon is gone');

			await press('n');
			await session.waitFor(messagePattern('lesson.ui.finished', {}));
			await press('q');
			assert.equal((await session.waitForExit()).exitCode, 0);
			setLanguage('en');
		});
	}
});
