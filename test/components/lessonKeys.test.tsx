/**
 * The App's keys with lessons: L opens the menu, ↓ Enter starts a lesson, the step's key runs
 * the step's command, other command keys are refused, Escape leaves back to the menu. The
 * LessonController runs on the App's store and fake actions; nothing runs podman.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).
import '../helpers/forceColor.js';

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { lessonMenuDigits } from '../../src/lessons/lessonKeys.js';
import { LESSONS } from '../../src/lessons/lessons.js';
import { parentage } from '../../src/lessons/parentage.js';
import { t } from '../../src/messages/i18n.js';
import { type AppHarness, LESSON_COMMAND, LESSON_IMAGE, renderApp, statusLine } from '../helpers/appHarness.js';
import { fixtureState } from '../helpers/fixtureState.js';
import { ARROW_DOWN, ENTER, ESCAPE, sendInput, sendInputAndWaitForContent, waitForContent, waitForFrame } from '../helpers/inkTesting.js';

const OPEN_LESSONS = 'L';
/** parentage's first step: run the lesson's container. */
const RUN_STEP_KEY = 'r';
/** A key that kills the selected container outside lessons. */
const KILL_KEY = 'k';

afterEach(() => cleanup());

const MENU_TITLE = (): string => t('lesson.ui.menuTitle', { digits: lessonMenuDigits(LESSONS.length) });
const PARENTAGE_HEADING = (): string => t('lesson.ui.heading', { title: t(parentage.title), step: 1, steps: parentage.steps.length });

/** The App with lessons, the menu open by L. */
async function withMenuOpen(): Promise<AppHarness> {
	const harness = await renderApp(fixtureState(), { columns: 120, rows: 30 }, { lessons: true });
	await sendInputAndWaitForContent(harness.rendered, OPEN_LESSONS, MENU_TITLE());
	return harness;
}

/** ↓ until the menu's cursor is on parentage (its place in the course). */
async function downToParentage(rendered: AppHarness['rendered']): Promise<void> {
	for (let i = 0; i < LESSONS.indexOf(parentage); i++) await sendInput(rendered, ARROW_DOWN);
}

/** The App in the parentage lesson, started from the menu with ↓ Enter. */
async function inParentage(): Promise<AppHarness> {
	const harness = await withMenuOpen();
	await downToParentage(harness.rendered);
	await sendInputAndWaitForContent(harness.rendered, ENTER, PARENTAGE_HEADING());
	return harness;
}

describe('lessons from the App', () => {
	test('L opens the lesson menu with the cursor on the first lesson', async () => {
		const { rendered, store } = await renderApp(fixtureState(), { columns: 120, rows: 30 }, { lessons: true });

		await sendInputAndWaitForContent(rendered, OPEN_LESSONS, MENU_TITLE());

		assert.equal(store.getState().overlay, 'lessons');
		await waitForContent(rendered, '▸ 1 lifecycle');
	});

	test('↓ Enter starts the lesson under the cursor, parentage, at its first step', async () => {
		const { rendered, store, calls } = await withMenuOpen();

		await downToParentage(rendered);
		await waitForContent(rendered, `▸ ${LESSONS.indexOf(parentage) + 1} parentage`);
		await sendInputAndWaitForContent(rendered, ENTER, PARENTAGE_HEADING());

		assert.equal(store.getState().overlay, undefined);
		assert.equal(store.getState().lesson?.name, 'parentage');
		await waitForContent(rendered, t('lesson.parentage.run.title'));
		assert.deepEqual(calls, [], 'starting a lesson runs nothing');
	});

	test("the step's key r runs the step's command: podman run -d --name lesson-parentage-XXXX IMAGE sleep infinity", async () => {
		const { rendered, calls, lessons } = await inParentage();

		await sendInput(rendered, RUN_STEP_KEY);

		assert.equal(calls.length, 1, JSON.stringify(calls));
		const call = calls[0];
		assert.ok(call?.action === 'lesson-command', JSON.stringify(call));
		const name = lessons?.current?.context.containerName ?? '';
		assert.match(name, /^lesson-parentage-[0-9a-f]{4}$/);
		assert.deepEqual(call.args, ['run', '-d', '--name', name, LESSON_IMAGE, ...LESSON_COMMAND]);
		await waitForContent(rendered, `$ podman run -d --name ${name} ${LESSON_IMAGE} sleep infinity`);
	});

	test("a command key that is not the step's is refused with a word on the status line, and runs nothing", async () => {
		const { rendered, calls, store } = await inParentage();

		await sendInput(rendered, KILL_KEY);

		const refusal = t('lesson.ui.notInLesson', { key: RUN_STEP_KEY });
		await waitForFrame(rendered, () => statusLine(rendered).includes(refusal), `the refusal on the status line: ${refusal}`);
		assert.deepEqual(calls, []);
		assert.equal(store.getState().lesson?.phase, 'ready');
	});

	test('L, which would start another lesson, is refused like the other command keys', async () => {
		const { rendered, store, lessons } = await inParentage();

		await sendInput(rendered, OPEN_LESSONS);

		assert.equal(store.getState().overlay, undefined, 'no menu over the lesson');
		assert.equal(lessons?.current?.lesson, parentage, 'still in the same lesson');
		assert.equal(statusLine(rendered), t('lesson.ui.notInLesson', { key: RUN_STEP_KEY }));
	});

	test('Escape asks first; any key but y stays in the lesson', async () => {
		const { rendered, store, lessons } = await inParentage();

		await sendInputAndWaitForContent(rendered, ESCAPE, t('lesson.ui.confirmLeave'));
		await sendInputAndWaitForContent(rendered, 'n', PARENTAGE_HEADING());

		assert.equal(store.getState().lesson?.confirmLeave, false);
		assert.ok(lessons?.current, 'still in the lesson');
		assert.ok(!rendered.lastFrame()?.includes(t('lesson.ui.confirmLeave')));
	});

	test('Escape with a filter set clears the filter and stays in the lesson', async () => {
		const { rendered, store, lessons } = await inParentage();
		store.setState({ filter: 'web' });

		await sendInput(rendered, ESCAPE);

		assert.equal(store.getState().filter, '');
		assert.ok(lessons?.current, 'still in the lesson');
		assert.notEqual(store.getState().lesson?.confirmLeave, true);
	});

	test('Escape, then y, leaves the lesson, back to the menu', async () => {
		const { rendered, store, calls, lessons } = await inParentage();

		await sendInputAndWaitForContent(rendered, ESCAPE, t('lesson.ui.confirmLeave'));
		await sendInputAndWaitForContent(rendered, 'y', MENU_TITLE());

		assert.equal(store.getState().lesson, undefined);
		assert.equal(lessons?.current, undefined);
		assert.equal(store.getState().overlay, 'lessons');
		const left = store.getState().log.at(-1);
		assert.equal(left?.facts?.lesson?.event, 'left');
		assert.deepEqual(calls, [], 'the lesson made no container, so there is nothing to remove');
		assert.ok(!rendered.lastFrame()?.includes(PARENTAGE_HEADING()), 'the lesson pane is gone');
	});
});
