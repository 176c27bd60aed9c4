/**
 * The clean-up step every lesson ends with, called directly on store states built as the watcher
 * would build them: `podman rm` of what the lesson made, and the conmons that went with it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanupStep, removeLessonContainers, type SharedMemory } from '../../src/lessons/commonSteps.js';
import { t } from '../../src/messages/i18n.js';
import { shortId } from '../../src/model/container.js';
import {
	actionOf,
	assertMet,
	assertSeen,
	CONMON,
	inBothLanguages,
	LESSON_ID,
	LessonRun,
	OTHER_ID,
	runningScene,
	SECOND_ID,
	stateOf,
} from '../helpers/lessonSteps.js';

function lessonRun(made = true): LessonRun<SharedMemory> {
	return new LessonRun<SharedMemory>(undefined, made);
}

inBothLanguages('the clean-up step', (language) => {
	const cleanup = cleanupStep();

	test('removes the containers made and not seen removed, by short ID, with rm -f -i -t 0', () => {
		const lesson = lessonRun().made(SECOND_ID).made(OTHER_ID).markRemoved(SECOND_ID);
		const expected = { podman: ['rm', '-f', '-i', '-t', '0', shortId(LESSON_ID), shortId(OTHER_ID)] };
		assert.deepEqual(removeLessonContainers(lesson.context, stateOf({})), expected);
		assert.deepEqual(lesson.command(cleanup, stateOf({})), expected);
		assert.equal(actionOf(cleanup).key, 'd');
	});

	test('nothing to run when nothing is left', () => {
		assert.equal(removeLessonContainers(lessonRun(false).context, stateOf({})), undefined);
		assert.equal(removeLessonContainers(lessonRun().markRemoved(LESSON_ID).context, stateOf({})), undefined);
	});

	test('not met while podman lists a container; met with the conmons remembered at begin', () => {
		const lesson = lessonRun();
		lesson.begin(cleanup, stateOf(runningScene(1)));
		assertSeen(lesson.check(cleanup, stateOf(runningScene(1))), t('lesson.seen.stillThere', { ids: shortId(LESSON_ID) }));
		assert.equal(lesson.context.removed.size, 0, 'nothing removed while podman lists it');
		assertMet(lesson.check(cleanup, stateOf({})), t('lesson.cleanup.met', { count: 1, pids: String(CONMON) }), language);
		assert.deepEqual([...lesson.context.removed], [LESSON_ID]);
		const none = lessonRun();
		none.begin(cleanup, stateOf({}));
		assert.deepEqual(none.context.memory.cleanupConmons, [], 'a list of PIDs, not a joined string');
		assertMet(none.check(cleanup, stateOf({})), t('lesson.cleanup.met', { count: 1, pids: '-' }), language);
	});
});
