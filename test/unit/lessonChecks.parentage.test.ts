/**
 * The parentage lesson's steps, called directly (begin, action.command, action.after, check) on
 * store states built as the watcher would build them. What the checks read from /proc (a parent's
 * name, whether podman's PID still runs, NSpid) comes from a fake /proc: a PID it does not hold is gone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ParentageMemory, parentage } from '../../src/lessons/parentage.js';
import { t } from '../../src/messages/i18n.js';
import { shortId } from '../../src/model/container.js';
import { FakeProcessReader } from '../helpers/fakeReader.js';
import { makeProcess, NOW } from '../helpers/fixtureState.js';
import {
	assertMet,
	assertSeen,
	CHILD,
	CONMON,
	CONTAINER_NAME,
	exitedConmon,
	inBothLanguages,
	LESSON_ID,
	LessonRun,
	liveConmon,
	runningScene,
	stateOf,
	stepOf,
} from '../helpers/lessonSteps.js';

/** Conmon's parent once the launcher conmon has exited: the one that adopted it. */
const ADOPTER = 1;
/** Processes named podman and conmon: podman itself, and the launcher conmon it starts. */
const PODMAN = 7100;
const LAUNCHER_CONMON = 7200;
/** A PID the fake /proc does not hold: gone. */
const GONE_PID = 9999;

/** A fake /proc with the adopter, podman and the launcher conmon in it. */
function proc(): FakeProcessReader {
	return new FakeProcessReader({ [ADOPTER]: { comm: 'systemd' }, [PODMAN]: { comm: 'podman' }, [LAUNCHER_CONMON]: { comm: 'conmon' } });
}

function lessonRun(made = true, reader = proc()): LessonRun<ParentageMemory> {
	return new LessonRun<ParentageMemory>(reader, made);
}

inBothLanguages('the parentage lesson', (language) => {
	const run = stepOf(parentage, 0);
	const parent = stepOf(parentage, 1);
	const podmanGone = stepOf(parentage, 2);
	const child = stepOf(parentage, 3);

	test('the inspect key asks podman for ConmonPid by the short ID, once there is a container', () => {
		assert.deepEqual(lessonRun().podmanArgs(parent, stateOf({})), ['container', 'inspect', '--format', '{{.State.ConmonPid}}', shortId(LESSON_ID)]);
		assert.equal(lessonRun(false).command(parent, stateOf({})), undefined);
	});

	test('met when podman names the live conmon and its parent is neither podman nor conmon', () => {
		const lesson = lessonRun();
		const state = stateOf(runningScene(ADOPTER));
		lesson.begin(parent, state);
		lesson.answer(parent, `${CONMON}\n`);
		assertMet(lesson.check(parent, state), t('lesson.parentage.parent.met', { said: CONMON, conmon: CONMON, ppid: ADOPTER, parent: 'systemd' }), language);
	});

	test('a ConmonPid that is not the live conmon is seen as such', () => {
		const lesson = lessonRun();
		lesson.answer(parent, `${CONMON - 1}\n`);
		assertSeen(lesson.check(parent, stateOf(runningScene(ADOPTER))), t('lesson.parentage.parent.seenSaid', { said: String(CONMON - 1), conmon: CONMON }));
	});

	test('before podman has answered, its answer is "-"', () => {
		assertSeen(lessonRun().check(parent, stateOf(runningScene(ADOPTER))), t('lesson.parentage.parent.seenSaid', { said: '-', conmon: CONMON }));
	});

	test('begin clears the answer of an earlier attempt', () => {
		const lesson = lessonRun();
		const state = stateOf(runningScene(ADOPTER));
		lesson.answer(parent, String(CONMON));
		assert.equal(lesson.check(parent, state).met, true);
		lesson.begin(parent, state);
		assertSeen(lesson.check(parent, state), t('lesson.parentage.parent.seenSaid', { said: '-', conmon: CONMON }));
	});

	test('no conmon: none running, or its process not in the scan', () => {
		const lesson = lessonRun();
		lesson.answer(parent, String(CONMON));
		const noConmon = t('lesson.seen.noConmon', { name: CONTAINER_NAME });
		assertSeen(lesson.check(parent, stateOf({ containerState: 'exited', generations: [exitedConmon] })), noConmon);
		assertSeen(lesson.check(parent, stateOf({ containerState: 'running', generations: [liveConmon] })), noConmon);
		assertSeen(lessonRun(false).check(parent, stateOf(runningScene(ADOPTER))), noConmon);
	});

	test('a parent named podman or conmon is not met (the launcher conmon, for an instant)', () => {
		for (const [pid, name] of [
			[PODMAN, 'podman'],
			[LAUNCHER_CONMON, 'conmon'],
		] as const) {
			const lesson = lessonRun();
			lesson.answer(parent, String(CONMON));
			assertSeen(lesson.check(parent, stateOf(runningScene(pid))), t('lesson.parentage.parent.seenPodman', { ppid: pid, parent: name }));
		}
	});

	test("a parent already gone from /proc is not met: the scan is older than the launcher conmon's exit", () => {
		const lesson = lessonRun();
		lesson.answer(parent, String(CONMON));
		assertSeen(lesson.check(parent, stateOf(runningScene(GONE_PID))), t('lesson.parentage.parent.seenPodman', { ppid: GONE_PID, parent: '?' }));
	});

	test("podman gone: the run step keeps podman's PID; met once no process has it", () => {
		const lesson = lessonRun(false);
		lesson.answer(run, LESSON_ID, GONE_PID);
		assert.equal(lesson.context.containerId, LESSON_ID);
		assert.deepEqual(lesson.context.created, [LESSON_ID]);
		assert.equal(lesson.context.memory.podmanPid, GONE_PID);
		assertMet(lesson.check(podmanGone, stateOf(runningScene(ADOPTER))), t('lesson.parentage.podmanGone.met', { podman: GONE_PID, conmon: CONMON }), language);
	});

	test('podman gone: not met while a process named podman has the PID; met when another program reused it, or it is a zombie', () => {
		const reader = proc();
		const lesson = lessonRun(true, reader).remember({ podmanPid: PODMAN });
		assertSeen(lesson.check(podmanGone, stateOf(runningScene(ADOPTER))), t('lesson.parentage.podmanGone.seenAlive', { podman: PODMAN }));
		reader.add(PODMAN, { comm: 'node' });
		assert.equal(lesson.check(podmanGone, stateOf(runningScene(ADOPTER))).met, true);
		reader.add(PODMAN, { comm: 'podman', state: 'Z' });
		assert.equal(lesson.check(podmanGone, stateOf(runningScene(ADOPTER))).met, true);
	});

	test("podman gone: podman's PID unknown (no answer with a PID), or no conmon", () => {
		const lesson = lessonRun(false);
		lesson.answer(run, LESSON_ID, undefined);
		assertSeen(lesson.check(podmanGone, stateOf(runningScene(ADOPTER))), t('lesson.parentage.podmanGone.seenUnknown'));
		lesson.remember({ podmanPid: GONE_PID });
		assertSeen(
			lesson.check(podmanGone, stateOf({ containerState: 'exited', generations: [exitedConmon] })),
			t('lesson.seen.noConmon', { name: CONTAINER_NAME }),
		);
	});

	test('child: a process that is not PID 1 in its namespace is seen with its PID inside', () => {
		// In the host's PID namespace NSpid ends with the host PID; in a nested one, with its PID there.
		for (const [nsPid, inside] of [
			[[CHILD], CHILD],
			[[CHILD, 7], 7],
		] as const) {
			const reader = proc().add(CHILD, { comm: 'sleep', nsPid: [...nsPid] });
			assertSeen(
				lessonRun(true, reader).check(child, stateOf(runningScene(ADOPTER))),
				t('lesson.parentage.child.seenInside', { child: `sleep infinity ${CHILD}`, inside }),
			);
		}
	});

	test('child: one gone from /proc is PID "?" inside', () => {
		assertSeen(
			lessonRun().check(child, stateOf(runningScene(ADOPTER))),
			t('lesson.parentage.child.seenInside', { child: `sleep infinity ${CHILD}`, inside: '?' }),
		);
	});

	test("child: none yet while only the runtime's init runs, or while the container is not running", () => {
		const reader = proc().add(CHILD, { comm: 'sleep', nsPid: [CHILD, 1] });
		const init = makeProcess(CHILD, CONMON, ['/usr/bin/crun', 'init']);
		const noChild = t('lesson.seen.noChild', { conmon: CONMON });
		assertSeen(lessonRun(true, reader).check(child, stateOf(runningScene(ADOPTER, init))), noChild);
		assertSeen(lessonRun(true, reader).check(child, stateOf({ ...runningScene(ADOPTER), containerState: 'created' })), noChild);
	});

	test("child: met when conmon's child is PID 1 inside its namespace", () => {
		const reader = proc().add(CHILD, { comm: 'sleep', nsPid: [CHILD, 1] });
		assertMet(
			lessonRun(true, reader).check(child, stateOf(runningScene(ADOPTER)), NOW),
			t('lesson.parentage.child.met', { conmon: CONMON, child: `sleep infinity ${CHILD}`, host: CHILD, inside: 1 }),
			language,
		);
	});
});
