/**
 * The rootless lesson's steps, called directly on store states built as the watcher would build
 * them and on a fake /proc: the user's own pause process (not another user's, not a pod's infra),
 * conmon's UID on the host and inside from uid_map, the pause process staying after the clean-up;
 * and the lesson refused as root, with how to start it as an ordinary user.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LESSONS, lessonRefusal } from '../../src/lessons/lessons.js';
import { type RootlessMemory, rootless } from '../../src/lessons/rootless.js';
import { t } from '../../src/messages/i18n.js';
import type { RootlessHelper } from '../../src/proc/rootlessHelpers.js';
import { type AppState, createAppStore } from '../../src/state/store.js';
import { FakeProcessReader } from '../helpers/fakeReader.js';
import { makeProcess } from '../helpers/fixtureState.js';
import {
	assertMet,
	assertSeen,
	CHILD,
	CONMON,
	CONTAINER_NAME,
	inBothLanguages,
	LessonRun,
	runningScene,
	type Scene,
	stateOf,
	stepOf,
} from '../helpers/lessonSteps.js';

const USER = 1001;
const OTHER_USER = 1002;
const PAUSE = 4000;
const PAUSE_TICKS = 4000 * 7;
/** Rootless podman's map: root inside is the user; 1… inside are the user's subordinate UIDs. */
const USER_MAP = [
	{ inside: 0, outside: USER, count: 1 },
	{ inside: 1, outside: 100_000, count: 65_536 },
];
const IDENTITY_MAP = [{ inside: 0, outside: 0, count: 4_294_967_295 }];

function pauseOf(uid: number, pid = PAUSE, extra: Partial<RootlessHelper> = {}): RootlessHelper {
	return { kind: 'pause', process: makeProcess(pid, 1, ['catatonit', '-P'], { uid, startTicks: PAUSE_TICKS }), ...extra };
}

/** The store as the user's conmon-tui sees it: the scene, the helpers found, the user's own UID. */
function asUser(scene: Scene, helpers: readonly RootlessHelper[]): AppState {
	const state = stateOf(scene);
	return createAppStore({ ...state, helpers, ownUid: USER }).getState();
}

/** /proc as the user's processes show it: conmon and its child with the user's UID and map, and the pause process. */
function userProc(map = USER_MAP): FakeProcessReader {
	return new FakeProcessReader({
		[CONMON]: { comm: 'conmon', uid: USER, uidMap: map },
		[CHILD]: { comm: 'sleep', uid: USER, uidMap: map },
		[PAUSE]: { comm: 'catatonit', uid: USER, uidMap: map, startTicks: PAUSE_TICKS },
	});
}

test('the rootless lesson is refused as root, with how to start it as an ordinary user; any other lesson is not', () => {
	assert.equal(lessonRefusal(rootless, { uid: 0, far: false }), t('lesson.rootless.asRoot'));
	assert.match(t('lesson.rootless.asRoot'), /sudo -u USER conmon-tui lesson rootless/);
	assert.equal(lessonRefusal(rootless, { uid: USER, far: false }), undefined);
	for (const lesson of LESSONS.filter((l) => l !== rootless)) assert.equal(lessonRefusal(lesson, { uid: 0, far: false }), undefined, lesson.name);
});

inBothLanguages('the rootless lesson', (language) => {
	const pauseStep = stepOf(rootless, 1);
	const uidStep = stepOf(rootless, 2);
	const cleanup = stepOf(rootless, 3);
	const stays = stepOf(rootless, 4);

	test("the pause step: met with the user's own catatonit -P beside the conmon, remembered by PID and start time", () => {
		const lesson = new LessonRun<RootlessMemory>(userProc());
		assertSeen(lesson.check(pauseStep, asUser(runningScene(1), [])), t('lesson.rootless.seen.noPause'));
		assertSeen(lesson.check(pauseStep, asUser(runningScene(1), [pauseOf(OTHER_USER, PAUSE + 1, { owner: 'bob' })])), t('lesson.rootless.seen.noPause'));
		assertMet(
			lesson.check(pauseStep, asUser(runningScene(1), [pauseOf(USER)])),
			t('lesson.rootless.pause.met', { pause: PAUSE, ppid: 1, uid: USER, conmon: CONMON }),
			language,
		);
		assert.deepEqual([lesson.context.memory.pausePid, lesson.context.memory.pauseStartTicks], [PAUSE, PAUSE_TICKS]);
		assertSeen(new LessonRun<RootlessMemory>(userProc()).check(pauseStep, asUser({}, [pauseOf(USER)])), t('lesson.seen.noConmon', { name: CONTAINER_NAME }));
	});

	test("the UID step: conmon's host UID is the user's, 0 inside by uid_map, and the container's process likewise", () => {
		const state = asUser(runningScene(1), [pauseOf(USER)]);
		assertMet(
			new LessonRun<RootlessMemory>(userProc()).check(uidStep, state),
			t('lesson.rootless.uid.met', {
				conmon: CONMON,
				host: USER,
				inside: 0,
				map: `0 ${USER} 1, 1 100000 65536`,
				child: `sleep infinity ${CHILD}`,
				childHost: USER,
				childInside: 0,
			}),
			language,
		);
		// Root's podman: the identity map, no user namespace to see.
		const rootProc = new FakeProcessReader({
			[CONMON]: { comm: 'conmon', uid: 0, uidMap: IDENTITY_MAP },
			[CHILD]: { comm: 'sleep', uid: 0, uidMap: IDENTITY_MAP },
		});
		assertSeen(new LessonRun<RootlessMemory>(rootProc).check(uidStep, state), t('lesson.rootless.seen.noUserns', { conmon: CONMON, map: '0 0 4294967295' }));
		assertSeen(new LessonRun<RootlessMemory>(new FakeProcessReader()).check(uidStep, state), t('lesson.rootless.seen.noFacts', { conmon: CONMON }));
	});

	test('the last step: met once no container of the lesson is left and the same pause process still runs', () => {
		const reader = userProc();
		const lesson = new LessonRun<RootlessMemory>(reader);
		lesson.check(pauseStep, asUser(runningScene(1), [pauseOf(USER)]));
		assert.deepEqual(lesson.podmanArgs(cleanup, asUser(runningScene(1), [])).slice(0, 2), ['rm', '-f']);
		assertSeen(lesson.check(stays, asUser(runningScene(1), [pauseOf(USER)])), t('lesson.rootless.seen.containersLeft', { count: 1 }));
		const gone = asUser({}, [pauseOf(USER)]);
		assertMet(lesson.check(stays, gone), t('lesson.rootless.stays.met', { pause: PAUSE }), language);
		// Another process now has the PID (a new pause process, or anything): not the same one.
		reader.add(PAUSE, { comm: 'catatonit', uid: USER, startTicks: PAUSE_TICKS + 1 });
		assertSeen(lesson.check(stays, gone), t('lesson.rootless.seen.pauseGone', { pause: PAUSE }));
	});
});
