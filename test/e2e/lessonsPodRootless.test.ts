import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, describe, test } from 'node:test';
import { POD_STOP_SECONDS } from '../../src/lessons/pod.js';
import { LANGUAGES } from '../../src/messages/catalogues.js';
import { setLanguage } from '../../src/messages/i18n.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { LessonSession } from '../helpers/lessonSession.js';
import { messagePattern } from '../helpers/messagePattern.js';
import { createPodmanSandbox, type PodmanSandbox } from '../helpers/podmanSandbox.js';
import { processArgv, processState } from '../helpers/procCheck.js';

/**
 * The pod lesson, in English and in Japanese, run from its keys in a real terminal against real
 * podman: each step's verdict names real PIDs and IDs, checked here against `podman inspect`,
 * `podman pod inspect` and /proc. Leaving it half-way removes the pod (`podman rm` alone cannot).
 */
const skip = await e2eSkipReason();

const ID = '[0-9a-f]{12}';
const PID = '\\d+';

/** The host PID's parent, from /proc. */
function parentOf(pid: number): number {
	return Number(/^PPid:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
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
