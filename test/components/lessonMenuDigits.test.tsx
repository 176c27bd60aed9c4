/**
 * The lesson menu's digit keys: 1–9 choose the first nine lessons and 0 the tenth, and the menu
 * shows each lesson's digit, 0 for the tenth, so that every lesson of the course is one key away.
 * The LessonController runs on the App's store and fake actions; nothing runs podman.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).
import '../helpers/forceColor.js';

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { lessonIndexOfDigit, lessonMenuDigit, lessonMenuDigits } from '../../src/lessons/lessonKeys.js';
import { LESSONS } from '../../src/lessons/lessons.js';
import { t } from '../../src/messages/i18n.js';
import { type AppHarness, renderApp } from '../helpers/appHarness.js';
import { fixtureState } from '../helpers/fixtureState.js';
import { screenLines, sendInputAndWaitForContent } from '../helpers/inkTesting.js';

afterEach(() => cleanup());

const TENTH = LESSONS[9];

/** The App with lessons, the menu open by L. */
async function withMenuOpen(): Promise<AppHarness> {
	const harness = await renderApp(fixtureState(), { columns: 120, rows: 40 }, { lessons: true });
	await sendInputAndWaitForContent(harness.rendered, 'L', t('lesson.ui.menuTitle', { digits: lessonMenuDigits(LESSONS.length) }));
	return harness;
}

/** The lesson pane's heading at a lesson's first step. */
function headingOf(index: number): string {
	const lesson = LESSONS[index];
	assert.ok(lesson);
	return t('lesson.ui.heading', { title: t(lesson.title), step: 1, steps: lesson.steps.length });
}

describe('the lesson menu: a digit key for every lesson, 0 for the tenth', () => {
	test('digits map to lessons 1–9, then 0 to the tenth; nothing past the tenth or past the course', () => {
		assert.deepEqual(
			Array.from({ length: 11 }, (_v, i) => lessonMenuDigit(i)),
			['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', undefined],
		);
		assert.deepEqual(
			['1', '9', '0', 'a', '10'].map((key) => lessonIndexOfDigit(key, 10)),
			[0, 8, 9, undefined, undefined],
		);
		assert.equal(lessonIndexOfDigit('0', 9), undefined, 'with nine lessons, 0 chooses none');
		assert.equal(lessonIndexOfDigit('3', 2), undefined);
	});

	test('the menu shows 1–9 before the first nine lessons and 0 before the tenth, never 10', async () => {
		assert.ok(TENTH, 'the course has a tenth lesson');
		const { rendered } = await withMenuOpen();
		const lines = screenLines(rendered);
		for (const [i, lesson] of LESSONS.slice(0, 10).entries()) {
			const digit = String((i + 1) % 10);
			assert.ok(
				lines.some((line) => new RegExp(`^\\W*[▸ ] ${digit} ${lesson.name} `).test(line)),
				`"${digit} ${lesson.name}" in the menu:\n${lines.join('\n')}`,
			);
		}
		assert.ok(!lines.some((line) => / 10 /.test(line)), `no "10" in the menu:\n${lines.join('\n')}`);
	});

	test('0 starts the tenth lesson at its first step', async () => {
		assert.ok(TENTH);
		const { rendered, store } = await withMenuOpen();
		await sendInputAndWaitForContent(rendered, '0', headingOf(9));
		assert.equal(store.getState().lesson?.name, TENTH.name);
		assert.equal(store.getState().overlay, undefined);
	});

	test('2 still starts the second lesson', async () => {
		const { rendered, store } = await withMenuOpen();
		await sendInputAndWaitForContent(rendered, '2', headingOf(1));
		assert.equal(store.getState().lesson?.name, LESSONS[1]?.name);
	});
});
