/**
 * The exec lesson's steps, called directly on store states built as the watcher would build them:
 * a new exec conmon appears for the session and exits with the exec'd command.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXEC_SECONDS, type ExecMemory, exec } from '../../src/lessons/exec.js';
import { t } from '../../src/messages/i18n.js';
import { shortId } from '../../src/model/container.js';
import { NOW } from '../helpers/fixtureState.js';
import {
	assertMet,
	assertSeen,
	CONMON,
	CONTAINER_NAME,
	EXEC_CONMON,
	EXEC_SESSION,
	execConmon,
	exitedConmon,
	inBothLanguages,
	LESSON_ID,
	LessonRun,
	OLD_EXEC_CONMON,
	OLD_EXEC_SESSION,
	OTHER_ID,
	runningScene,
	stateOf,
	stepOf,
} from '../helpers/lessonSteps.js';

function lessonRun(made = true): LessonRun<ExecMemory> {
	return new LessonRun<ExecMemory>(undefined, made);
}

inBothLanguages('the exec lesson', (language) => {
	const execStep = stepOf(exec, 1);
	const exitStep = stepOf(exec, 2);

	test('the exec key runs a detached sleep in the container, by its short ID', () => {
		assert.deepEqual(lessonRun().podmanArgs(execStep, stateOf({})), ['exec', '-d', shortId(LESSON_ID), 'sleep', String(EXEC_SECONDS)]);
		assert.equal(lessonRun(false).command(execStep, stateOf({})), undefined);
	});

	test('met when a new exec conmon of this container appears, not one known at begin', () => {
		const lesson = lessonRun();
		const old = execConmon(OLD_EXEC_CONMON, OLD_EXEC_SESSION);
		const before = stateOf({ ...runningScene(1), execConmons: [old] });
		lesson.begin(execStep, before);
		assert.deepEqual(lesson.context.memory.knownExecConmons, [OLD_EXEC_CONMON], 'a list of PIDs, not a joined string');
		assertSeen(lesson.check(execStep, before), t('lesson.exec.seen.noExecConmon', { conmon: CONMON }));
		const elsewhere = stateOf({ ...runningScene(1), execConmons: [old, execConmon(EXEC_CONMON + 1, EXEC_SESSION, OTHER_ID)] });
		assertSeen(lesson.check(execStep, elsewhere), t('lesson.exec.seen.noExecConmon', { conmon: CONMON }));
		assert.equal(lesson.context.memory.execConmon, undefined);

		const fresh = stateOf({ ...runningScene(1), execConmons: [old, execConmon(EXEC_CONMON, EXEC_SESSION)] });
		assertMet(lesson.check(execStep, fresh), t('lesson.exec.exec.met', { exec: EXEC_CONMON, conmon: CONMON, session: shortId(EXEC_SESSION) }), language);
		assert.equal(lesson.context.memory.execConmon, EXEC_CONMON);
	});

	test('the check only looks: the exec conmon to remember is returned beside the verdict, the context is not written', () => {
		const lesson = lessonRun();
		const context = lesson.context;
		const frozen = { ...context, memory: Object.freeze({ ...context.memory }), created: Object.freeze([...context.created]) };
		Object.freeze(frozen);
		const fresh = stateOf({ ...runningScene(1), execConmons: [execConmon(EXEC_CONMON, EXEC_SESSION)] });

		const looked = execStep.check(frozen, fresh, NOW);

		assert.equal(looked.verdict.met, true);
		assert.deepEqual(looked.remember, { execConmon: EXEC_CONMON });
		assert.deepEqual(frozen.memory, {});
	});

	test('begin forgets the exec conmon of an earlier attempt', () => {
		const lesson = lessonRun().remember({ execConmon: OLD_EXEC_CONMON });
		lesson.begin(execStep, stateOf(runningScene(1)));
		assert.equal(lesson.context.memory.execConmon, undefined);
	});

	test('no main conmon: not met even with a new exec conmon', () => {
		const lesson = lessonRun();
		lesson.begin(execStep, stateOf({}));
		const state = stateOf({ containerState: 'exited', generations: [exitedConmon], execConmons: [execConmon(EXEC_CONMON, EXEC_SESSION)] });
		assertSeen(lesson.check(execStep, state), t('lesson.seen.noConmon', { name: CONTAINER_NAME }));
	});

	test('exit: not met while the exec conmon runs; met once it is gone and the main conmon lives', () => {
		const lesson = lessonRun().remember({ execConmon: EXEC_CONMON });
		const running = stateOf({ ...runningScene(1), execConmons: [execConmon(EXEC_CONMON, EXEC_SESSION)] });
		assertSeen(lesson.check(exitStep, running), t('lesson.exec.seen.stillRuns', { exec: EXEC_CONMON }));
		assertMet(
			lesson.check(exitStep, stateOf(runningScene(1))),
			t('lesson.exec.exit.met', { exec: EXEC_CONMON, conmon: CONMON, seconds: EXEC_SECONDS }),
			language,
		);
	});

	test('exit: no exec conmon recorded yet, or no main conmon', () => {
		assertSeen(lessonRun().check(exitStep, stateOf(runningScene(1))), t('lesson.exec.seen.noExecYet'));
		const lesson = lessonRun().remember({ execConmon: EXEC_CONMON });
		assertSeen(lesson.check(exitStep, stateOf({ containerState: 'exited', generations: [exitedConmon] })), t('lesson.seen.noConmon', { name: CONTAINER_NAME }));
	});
});
