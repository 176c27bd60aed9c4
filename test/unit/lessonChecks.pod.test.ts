/**
 * The pod lesson's steps, called directly on store states built as the watcher would build them:
 * the infra created without a conmon, then the infra's conmon with /catatonit -P and the member's
 * own conmon, all of them ending at `pod stop`, new ones at `pod start`, and `pod rm` for the clean-up.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { POD_STOP_SECONDS, type PodMemory, pod } from '../../src/lessons/pod.js';
import { t } from '../../src/messages/i18n.js';
import { type ConmonGeneration, EMPTY_HISTORY } from '../../src/model/conmonHistory.js';
import { shortId } from '../../src/model/container.js';
import type { ProcessInfo } from '../../src/proc/parse.js';
import { type AppState, createAppStore } from '../../src/state/store.js';
import { at, byId, containerId, makeConmonProcess, makeContainer, makeGeneration, makeProcess } from '../helpers/fixtureState.js';
import { assertMet, assertSeen, COMMAND, CONTAINER_NAME, IMAGE, inBothLanguages, LESSON_ID, LessonRun, stepOf } from '../helpers/lessonSteps.js';

const POD_ID = containerId('lesson pod');
const INFRA_ID = containerId('lesson pod infra');
const INFRA_CONMON = 7000;
const CATATONIT = 7005;
const MEMBER_CONMON = 7100;
const SLEEP = 7105;

/** One container of the pod as the watcher sees it: podman's state, its conmons (oldest first), the live one's child. */
interface Member {
	state: string;
	generations: readonly ConmonGeneration[];
	child?: ProcessInfo | undefined;
}

function live(pid: number, child: number): ConmonGeneration {
	return makeGeneration(pid, at(17, 0, 0), { containerPid: child });
}

function exited(generation: ConmonGeneration): ConmonGeneration {
	return { ...generation, exitedAt: at(17, 0, 30), exitCode: 137 };
}

/** The pod's infra and, when given, its member (the lesson's container). */
function podState(infra: Member, member?: Member): AppState {
	const containers = [
		makeContainer({ id: INFRA_ID, name: `${shortId(POD_ID)}-infra`, state: infra.state, pod: POD_ID, podName: CONTAINER_NAME, isInfra: true }),
		...(member
			? [makeContainer({ id: LESSON_ID, name: `${CONTAINER_NAME}-ctr`, state: member.state, pod: POD_ID, podName: CONTAINER_NAME, isInfra: false })]
			: []),
	];
	const processes: ProcessInfo[] = [];
	const add = (id: string, m: Member | undefined) => {
		const current = m?.generations.at(-1);
		if (!m || !current || current.exitedAt !== undefined) return;
		processes.push(makeConmonProcess(current, id, id === INFRA_ID ? 'infra' : CONTAINER_NAME, { ppid: 1 }));
		if (m.child) processes.push(m.child);
	};
	add(INFRA_ID, infra);
	add(LESSON_ID, member);
	return createAppStore({
		loaded: true,
		containers: byId(containers),
		history: { ...EMPTY_HISTORY, generations: { [INFRA_ID]: infra.generations, ...(member ? { [LESSON_ID]: member.generations } : {}) } },
		processes,
	}).getState();
}

const catatonit = makeProcess(CATATONIT, INFRA_CONMON, ['/catatonit', '-P']);
const sleep = makeProcess(SLEEP, MEMBER_CONMON, [...COMMAND]);
const runningInfra: Member = { state: 'running', generations: [live(INFRA_CONMON, CATATONIT)], child: catatonit };
const runningMember: Member = { state: 'running', generations: [live(MEMBER_CONMON, SLEEP)], child: sleep };
const running = podState(runningInfra, runningMember);

/** The lesson after `pod create` answered: no container made yet, the pod remembered. */
function afterCreate(): LessonRun<PodMemory> {
	const lesson = new LessonRun<PodMemory>(undefined, false);
	lesson.answer(stepOf(pod, 0), POD_ID);
	return lesson;
}

inBothLanguages('the pod lesson', (language) => {
	const [create, run, stop, start, cleanup] = [0, 1, 2, 3, 4].map((i) => stepOf(pod, i)) as [
		(typeof pod.steps)[number],
		(typeof pod.steps)[number],
		(typeof pod.steps)[number],
		(typeof pod.steps)[number],
		(typeof pod.steps)[number],
	];

	test('the keys: pod create named after the lesson, run --pod with a member of its own name, pod stop -t, pod start, pod rm', () => {
		const fresh = new LessonRun<PodMemory>(undefined, false);
		assert.deepEqual(fresh.podmanArgs(create, running), ['pod', 'create', '--name', CONTAINER_NAME]);
		assert.equal(fresh.command(run, running), undefined, 'no run before the pod exists');
		const lesson = afterCreate();
		assert.deepEqual(lesson.context.createdPods, [POD_ID], 'the pod is the lesson’s, for the clean-up on leaving');
		assert.deepEqual(lesson.podmanArgs(run, running), ['run', '-d', '--name', `${CONTAINER_NAME}-ctr`, '--pod', CONTAINER_NAME, IMAGE, ...COMMAND]);
		assert.deepEqual(lesson.podmanArgs(stop, running), ['pod', 'stop', '-t', String(POD_STOP_SECONDS), CONTAINER_NAME]);
		assert.deepEqual(lesson.podmanArgs(start, running), ['pod', 'start', CONTAINER_NAME]);
		assert.deepEqual(lesson.podmanArgs(cleanup, running), ['pod', 'rm', '-f', '-i', '-t', '0', shortId(POD_ID)]);
	});

	test('create: met while the infra is only created, with no conmon; not while podman lists no pod, nor once a conmon runs', () => {
		const lesson = afterCreate();
		assertSeen(lesson.check(create, createAppStore({ loaded: true }).getState()), t('lesson.pod.seen.noPod'));
		assertSeen(lesson.check(create, podState(runningInfra)), t('lesson.seen.conmonRuns', { conmon: INFRA_CONMON }));
		assertMet(
			lesson.check(create, podState({ state: 'created', generations: [] })),
			t('lesson.pod.create.met', { pod: CONTAINER_NAME, infra: shortId(INFRA_ID), state: 'created' }),
			language,
		);
		assert.equal(new LessonRun<PodMemory>(undefined, false).context.memory.podId, undefined);
		assertSeen(new LessonRun<PodMemory>(undefined, false).check(create, podState({ state: 'created', generations: [] })), t('lesson.pod.seen.noPod'));
	});

	test('run: met with the infra conmon above catatonit -P and the member conmon above its command', () => {
		const lesson = afterCreate();
		lesson.answer(run, LESSON_ID);
		assertSeen(lesson.check(run, podState({ ...runningInfra, child: undefined }, runningMember)), t('lesson.pod.seen.noInfra'));
		assertMet(
			lesson.check(run, running),
			t('lesson.pod.run.met', {
				infra: shortId(INFRA_ID),
				infraConmon: INFRA_CONMON,
				infraChild: `/catatonit -P ${CATATONIT}`,
				conmon: MEMBER_CONMON,
				child: `sleep infinity ${SLEEP}`,
			}),
			language,
		);
	});

	test('stop: met once every conmon alive at the key has exited and no container runs', () => {
		const lesson = afterCreate();
		lesson.answer(run, LESSON_ID);
		lesson.begin(stop, running);
		assert.deepEqual(lesson.context.memory.conmonsAtStop, [INFRA_CONMON, MEMBER_CONMON]);
		const memberStopped: Member = { state: 'exited', generations: [exited(live(MEMBER_CONMON, SLEEP))] };
		assertSeen(lesson.check(stop, podState(runningInfra, memberStopped)), t('lesson.pod.seen.conmonsRun', { pids: String(INFRA_CONMON) }));
		const infraStopped: Member = { state: 'exited', generations: [exited(live(INFRA_CONMON, CATATONIT))] };
		assertMet(
			lesson.check(stop, podState(infraStopped, memberStopped)),
			t('lesson.pod.stop.met', { count: 2, pids: `${INFRA_CONMON}, ${MEMBER_CONMON}` }),
			language,
		);
	});

	test('start: met only when every container of the pod has a conmon that was not there before', () => {
		const lesson = afterCreate();
		lesson.answer(run, LESSON_ID);
		const infraStopped: Member = { state: 'exited', generations: [exited(live(INFRA_CONMON, CATATONIT))] };
		const memberStopped: Member = { state: 'exited', generations: [exited(live(MEMBER_CONMON, SLEEP))] };
		lesson.begin(start, podState(infraStopped, memberStopped));
		assert.deepEqual(lesson.context.memory.conmonsBeforeStart, [INFRA_CONMON, MEMBER_CONMON]);
		const newInfra: Member = {
			state: 'running',
			generations: [...infraStopped.generations, live(INFRA_CONMON + 1, CATATONIT + 1)],
			child: makeProcess(CATATONIT + 1, INFRA_CONMON + 1, ['/catatonit', '-P']),
		};
		assertSeen(lesson.check(start, podState(newInfra, memberStopped)), t('lesson.pod.seen.newConmons', { count: 1, total: 2 }));
		const newMember: Member = {
			state: 'running',
			generations: [...memberStopped.generations, live(MEMBER_CONMON + 1, SLEEP + 1)],
			child: makeProcess(SLEEP + 1, MEMBER_CONMON + 1, [...COMMAND]),
		};
		assertMet(
			lesson.check(start, podState(newInfra, newMember)),
			t('lesson.pod.start.met', { count: 2, pids: `${INFRA_CONMON + 1}, ${MEMBER_CONMON + 1}`, before: `${INFRA_CONMON}, ${MEMBER_CONMON}` }),
			language,
		);
	});

	test('clean-up: not met while podman lists a container of the pod; then the pod and the member are seen removed', () => {
		const lesson = afterCreate();
		lesson.answer(run, LESSON_ID);
		lesson.begin(cleanup, running);
		assertSeen(lesson.check(cleanup, running), t('lesson.seen.stillThere', { ids: `${shortId(INFRA_ID)} ${shortId(LESSON_ID)}` }));
		const gone = createAppStore({ loaded: true }).getState();
		assertMet(lesson.check(cleanup, gone), t('lesson.pod.cleanup.met', { pod: CONTAINER_NAME, pids: `${INFRA_CONMON}, ${MEMBER_CONMON}` }), language);
		assert.deepEqual([...lesson.context.removed].sort(), [LESSON_ID, POD_ID].sort());
		assert.equal(lesson.command(cleanup, gone), undefined, 'nothing left to remove');
	});
});
