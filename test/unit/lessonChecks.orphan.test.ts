/**
 * The orphan lesson's steps, called directly on store states built as the watcher would build them:
 * conmon killed, the container's process flagged unmonitored, podman's stale ConmonPid, and the
 * recovery. Whether the unmonitored process still runs comes from a fake /proc.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type OrphanMemory, orphan } from '../../src/lessons/orphan.js';
import { t } from '../../src/messages/i18n.js';
import { shortId } from '../../src/model/container.js';
import { FakeProcessReader } from '../helpers/fakeReader.js';
import { makeProcess } from '../helpers/fixtureState.js';
import {
	actionOf,
	assertMet,
	assertSeen,
	CHILD,
	COMMAND,
	CONMON,
	CONTAINER_NAME,
	exitedConmon,
	inBothLanguages,
	LESSON_ID,
	LessonRun,
	liveConmon,
	OTHER_ID,
	runningScene,
	type Scene,
	stateOf,
	stepOf,
} from '../helpers/lessonSteps.js';

/** A PID the fake /proc does not hold: gone. */
const GONE_PID = 9999;

function lessonRun(made = true, reader = new FakeProcessReader()): LessonRun<OrphanMemory> {
	return new LessonRun<OrphanMemory>(reader, made);
}

inBothLanguages('the orphan lesson', (language) => {
	const kill = stepOf(orphan, 1);
	const stale = stepOf(orphan, 2);
	const recover = stepOf(orphan, 3);

	test('the kill key kills the live conmon by PID and start time, after y/n; nothing without one', () => {
		assert.equal(actionOf(kill).confirm, true);
		assert.deepEqual(lessonRun().command(kill, stateOf(runningScene(1))), { killConmon: { pid: CONMON, startTicks: liveConmon.startTicks } });
		assert.equal(lessonRun().command(kill, stateOf({ containerState: 'exited', generations: [exitedConmon] })), undefined);
		assert.equal(lessonRun(false).command(kill, stateOf(runningScene(1))), undefined);
	});

	test("met only when the conmon has exited and the container's process is flagged unmonitored", () => {
		const lesson = lessonRun();
		lesson.begin(kill, stateOf(runningScene(1)));
		assertSeen(lesson.check(kill, stateOf(runningScene(1))), t('lesson.seen.conmonRuns', { conmon: CONMON }));
		const killed: Scene = { containerState: 'running', generations: [exitedConmon], processes: [makeProcess(CHILD, 1, [...COMMAND])] };
		assertSeen(lesson.check(kill, stateOf(killed)), t('lesson.orphan.seen.notFlagged'));
		assertSeen(lesson.check(kill, stateOf({ ...killed, unmonitored: { [OTHER_ID]: CHILD } })), t('lesson.orphan.seen.notFlagged'));
		assert.equal(lesson.context.memory.unmonitoredPid, undefined);
		assertMet(
			lesson.check(kill, stateOf({ ...killed, unmonitored: { [LESSON_ID]: CHILD } })),
			t('lesson.orphan.kill.met', { conmon: CONMON, pid: CHILD }),
			language,
		);
		assert.equal(lesson.context.memory.unmonitoredPid, CHILD);
	});

	test('without a conmon at begin there is nothing to watch', () => {
		const lesson = lessonRun().remember({ killedConmon: CONMON });
		lesson.begin(kill, stateOf({}));
		assert.equal('killedConmon' in lesson.context.memory, false);
		assertSeen(
			lesson.check(kill, stateOf({ generations: [exitedConmon], unmonitored: { [LESSON_ID]: CHILD } })),
			t('lesson.seen.noConmon', { name: CONTAINER_NAME }),
		);
	});

	test('inspect: met only for "running <the killed conmon\'s PID>"', () => {
		assert.deepEqual(lessonRun().podmanArgs(stale, stateOf({})), [
			'container',
			'inspect',
			'--format',
			'{{.State.Status}} {{.State.ConmonPid}}',
			shortId(LESSON_ID),
		]);
		const lesson = lessonRun().remember({ killedConmon: CONMON });
		lesson.begin(stale, stateOf({}));
		assertSeen(lesson.check(stale, stateOf({})), t('lesson.orphan.seen.inspect', { answer: '-' }));
		for (const said of ['exited 0', `running ${CONMON + 1}`, `stopped ${CONMON}`, 'running']) {
			lesson.answer(stale, `${said}\n`);
			assertSeen(lesson.check(stale, stateOf({})), t('lesson.orphan.seen.inspect', { answer: said }));
		}
		lesson.answer(stale, `running ${CONMON}\n`);
		assertMet(lesson.check(stale, stateOf({})), t('lesson.orphan.stale.met', { status: 'running', conmon: String(CONMON) }), language);
		lesson.begin(stale, stateOf({}));
		assertSeen(lesson.check(stale, stateOf({})), t('lesson.orphan.seen.inspect', { answer: '-' }));
	});

	test("recover: removes the lesson's containers; not met while podman lists one or its conmon runs", () => {
		const lesson = lessonRun().remember({ unmonitoredPid: GONE_PID });
		assert.deepEqual(lesson.podmanArgs(recover, stateOf({})), ['rm', '-f', '-i', '-t', '0', shortId(LESSON_ID)]);
		const stillThere = t('lesson.seen.stillThere', { ids: shortId(LESSON_ID) });
		assertSeen(lesson.check(recover, stateOf({ containerState: 'running', generations: [exitedConmon], unmonitored: { [LESSON_ID]: CHILD } })), stillThere);
		assertSeen(lesson.check(recover, stateOf({ generations: [liveConmon] })), stillThere);
		assert.equal(lesson.context.removed.size, 0);
	});

	test("recover: not met while the container's process still runs; met once it has exited", () => {
		const reader = new FakeProcessReader({ [CHILD]: { comm: 'sleep' } });
		const lesson = lessonRun(true, reader).remember({ unmonitoredPid: CHILD });
		assertSeen(lesson.check(recover, stateOf({})), t('lesson.orphan.seen.processLives', { pid: CHILD }));
		reader.add(CHILD, { comm: 'sleep', state: 'Z' });
		assertMet(lesson.check(recover, stateOf({})), t('lesson.orphan.recover.met', { pid: CHILD }), language);
		reader.remove(CHILD);
		assertMet(lesson.check(recover, stateOf({})), t('lesson.orphan.recover.met', { pid: CHILD }), language);
	});

	test('recover: met when the container is gone and its process PID runs no more; the removal is remembered', () => {
		const lesson = lessonRun().remember({ unmonitoredPid: GONE_PID });
		assertMet(lesson.check(recover, stateOf({})), t('lesson.orphan.recover.met', { pid: GONE_PID }), language);
		assert.deepEqual([...lesson.context.removed], [LESSON_ID]);
		assert.equal(lesson.command(recover, stateOf({})), undefined);
	});
});
