/**
 * The stop-vs-kill lesson's steps, called directly on store states built as the watcher would
 * build them, with a fake /proc for NSpid and the signal masks: sleep as PID 1 has no SIGTERM
 * handler; podman stop -t 3 ends it with 137 (SIGKILL), and with --init with 143 (SIGTERM).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ENDED_BY_SIGTERM, KILLED_BY_SIGKILL, SLEEP_COMMAND, STOP_SECONDS, type StopVsKillMemory, stopVsKill } from '../../src/lessons/stopVsKill.js';
import { t } from '../../src/messages/i18n.js';
import { shortId } from '../../src/model/container.js';
import { FakeProcessReader } from '../helpers/fakeReader.js';
import { NOW } from '../helpers/fixtureState.js';
import {
	assertMet,
	assertSeen,
	CHILD,
	CONMON,
	CONTAINER_NAME,
	exitedConmon,
	IMAGE,
	inBothLanguages,
	LESSON_ID,
	LessonRun,
	runningScene,
	stateOf,
	stepOf,
} from '../helpers/lessonSteps.js';

/** SIGTERM's bit in a /proc signal mask (bit 14 for signal 15). */
const SIGTERM_BIT = 1n << 14n;
const CHILD_SHOWN = `sleep infinity ${CHILD}`;

function lessonRun(made = true, reader = new FakeProcessReader()): LessonRun<StopVsKillMemory> {
	return new LessonRun<StopVsKillMemory>(reader, made);
}

/** The container's PID 1 in the fake /proc, with its handlers. */
function readerWithChild(caughtSignals: bigint | undefined, nsPid = [CHILD, 1]): FakeProcessReader {
	return new FakeProcessReader({ [CHILD]: { comm: 'sleep', ppid: CONMON, nsPid, ...(caughtSignals === undefined ? {} : { caughtSignals }) } });
}

inBothLanguages('the stop-vs-kill lesson', (language) => {
	const run = stepOf(stopVsKill, 0);
	const look = stepOf(stopVsKill, 1);
	const stop = stepOf(stopVsKill, 2);
	const runInit = stepOf(stopVsKill, 3);
	const stopInit = stepOf(stopVsKill, 4);

	test('the run keys run sleep infinity, the second one with --init; the stop keys run podman stop -t 3', () => {
		const lesson = lessonRun(false);
		assert.deepEqual(lesson.podmanArgs(run, stateOf({})), ['run', '-d', '--name', CONTAINER_NAME, IMAGE, ...SLEEP_COMMAND]);
		assert.deepEqual(lessonRun().podmanArgs(runInit, stateOf({})), ['run', '-d', '--name', `${CONTAINER_NAME}-2`, '--init', IMAGE, ...SLEEP_COMMAND]);
		assert.equal(STOP_SECONDS, 3);
		for (const step of [stop, stopInit]) {
			assert.deepEqual(lessonRun().podmanArgs(step, stateOf({})), ['stop', '-t', '3', shortId(LESSON_ID)]);
			assert.equal(lessonRun(false).command(step, stateOf({})), undefined);
		}
	});

	test('look: met when the container PID 1 has no SIGTERM handler (SigCgt)', () => {
		const state = stateOf(runningScene(1));
		assertMet(lessonRun(true, readerWithChild(0n)).check(look, state), t('lesson.stopVsKill.look.met', { child: CHILD_SHOWN }), language);
		// SIGINT and SIGHUP handled, SIGTERM not: still met.
		assertMet(lessonRun(true, readerWithChild(0b11n)).check(look, state), t('lesson.stopVsKill.look.met', { child: CHILD_SHOWN }), language);
	});

	test('look: not met with a SIGTERM handler, without the masks, or when the process is not PID 1 inside', () => {
		const state = stateOf(runningScene(1));
		assertSeen(lessonRun(true, readerWithChild(SIGTERM_BIT)).check(look, state), t('lesson.stopVsKill.seen.caught', { child: CHILD_SHOWN }));
		assertSeen(lessonRun(true, readerWithChild(undefined)).check(look, state), t('lesson.stopVsKill.seen.noMasks', { child: CHILD_SHOWN }));
		assertSeen(lessonRun(true, readerWithChild(0n, [CHILD, 7])).check(look, state), t('lesson.stopVsKill.seen.inside', { child: CHILD_SHOWN, inside: 7 }));
		assertSeen(lessonRun(true, readerWithChild(0n)).check(look, stateOf({})), t('lesson.seen.noConmon', { name: CONTAINER_NAME }));
	});

	test('stop: met once the container exited with 137, saying how long after the key', () => {
		const lesson = lessonRun();
		lesson.begin(stop, stateOf(runningScene(1)), NOW - 3200);
		assert.deepEqual(lesson.context.memory, { stoppedConmon: CONMON, stopPressedAt: NOW - 3200 });
		assertSeen(lesson.check(stop, stateOf(runningScene(1))), t('lesson.seen.conmonRuns', { conmon: CONMON }));
		const exited = { ...exitedConmon, exitedAt: NOW, exitCode: KILLED_BY_SIGKILL };
		assertMet(
			lesson.check(stop, stateOf({ containerState: 'exited', generations: [exited] })),
			t('lesson.stopVsKill.stop.met', { conmon: CONMON, code: KILLED_BY_SIGKILL, seconds: '3.2' }),
			language,
		);
	});

	test("stop: waits a moment for podman's exit code, then refuses any code but the expected one", () => {
		const lesson = lessonRun();
		lesson.begin(stop, stateOf(runningScene(1)), NOW - 1000);
		const noCode = stateOf({ containerState: 'exited', generations: [{ ...exitedConmon, exitedAt: NOW }] });
		assertSeen(lesson.check(stop, noCode, NOW + 100), t('lesson.seen.waitingExitCode'));
		assertSeen(lesson.check(stop, noCode, NOW + 10_000), t('lesson.stopVsKill.seen.code', { conmon: CONMON, code: '?' }));
		const sigterm = stateOf({ containerState: 'exited', generations: [{ ...exitedConmon, exitedAt: NOW, exitCode: ENDED_BY_SIGTERM }] });
		assertSeen(lesson.check(stop, sigterm), t('lesson.stopVsKill.seen.code', { conmon: CONMON, code: ENDED_BY_SIGTERM }));
	});

	test('stop with --init: met with 143, not with 137', () => {
		const lesson = lessonRun();
		lesson.begin(stopInit, stateOf(runningScene(1)), NOW - 300);
		const killed = stateOf({ containerState: 'exited', generations: [{ ...exitedConmon, exitedAt: NOW, exitCode: KILLED_BY_SIGKILL }] });
		assertSeen(lesson.check(stopInit, killed), t('lesson.stopVsKill.seen.code', { conmon: CONMON, code: KILLED_BY_SIGKILL }));
		const terminated = stateOf({ containerState: 'exited', generations: [{ ...exitedConmon, exitedAt: NOW, exitCode: ENDED_BY_SIGTERM }] });
		assertMet(lesson.check(stopInit, terminated), t('lesson.stopVsKill.stopInit.met', { conmon: CONMON, code: ENDED_BY_SIGTERM, seconds: '0.3' }), language);
	});

	test('stop: no conmon known at the key (none ran) is not met', () => {
		const lesson = lessonRun();
		lesson.begin(stop, stateOf({}), NOW);
		assertSeen(lesson.check(stop, stateOf({ containerState: 'exited', generations: [exitedConmon] })), t('lesson.seen.noConmon', { name: CONTAINER_NAME }));
	});
});
