/**
 * The lesson runner on a small practice lesson, without podman: showing a step, running its
 * command when its key is pressed, checking it on every store change until met or timed out,
 * moving between steps, and the y/n question of a step that asks first.
 */
import assert from 'node:assert/strict';
import { describe, mock, test } from 'node:test';
import { type Lesson, met, notYet } from '../../src/lessons/lesson.js';
import { LessonController } from '../../src/lessons/lessonController.js';
import { lessonStepKey } from '../../src/lessons/lessonKeys.js';
import { CHECK_INTERVAL_MS } from '../../src/lessons/lessonRunner.js';
import { t } from '../../src/messages/i18n.js';
import { quoteCommandWords } from '../../src/present/commandWords.js';
import { type AppStore, createAppStore } from '../../src/state/store.js';
import { FakeProcessReader } from '../helpers/fakeReader.js';
import {
	CONTAINER_NAME,
	depsFor,
	ESCAPE_KEY,
	FakeLessonActions,
	IMAGE,
	installMockClock,
	LESSON_ID,
	lastLessonEvent,
	lessonEvents,
	listContainer,
	NO_KEY,
	PODMAN,
	PRACTICE_CONMON,
	PRACTICE_RUN,
	podmanArgs,
	practice,
	progressOf,
	setup,
} from '../helpers/lessonRunnerHarness.js';

installMockClock();

describe('a lesson step', () => {
	test('start shows the first step with its key and the command it will run', () => {
		const { store, runner } = setup();

		runner.start();

		assert.deepEqual(progressOf(store), {
			name: 'practice',
			title: t('lesson.lifecycle.title'),
			step: 0,
			steps: 3,
			stepTitle: t('lesson.lifecycle.run.title'),
			explanation: t('lesson.lifecycle.run.explain'),
			phase: 'ready',
			key: 'r',
			command: `podman run -d --name ${CONTAINER_NAME} ${IMAGE} sleep infinity`,
			seen: undefined,
			outcome: undefined,
		});
		assert.deepEqual(
			lessonEvents(store).map((e) => e.event),
			['started', 'step'],
		);
	});

	test('its key runs exactly the command shown; the check passes when the store changes, with the real values', async () => {
		const { store, actions, runner } = setup();
		runner.start();
		const shown = progressOf(store).command;

		runner.act();
		assert.equal(progressOf(store).phase, 'acting');
		await actions.answer(LESSON_ID);
		assert.deepEqual(progressOf(store).phase, 'checking');
		assert.equal(progressOf(store).seen, `${CONTAINER_NAME}: not listed`);
		listContainer(store, LESSON_ID, 'running');

		assert.deepEqual(actions.calls, [{ podman: PRACTICE_RUN }]);
		assert.equal(quoteCommandWords([PODMAN, ...podmanArgs(actions.calls[0])]), shown, 'the command shown is the one that ran');
		assert.equal(progressOf(store).phase, 'passed');
		assert.equal(progressOf(store).outcome, `${CONTAINER_NAME} runs`);
		assert.deepEqual(lastLessonEvent(store), { name: 'practice', event: 'passed', title: t('lesson.lifecycle.run.title'), step: 1, steps: 3 });
		assert.equal(store.getState().log.at(-1)?.text, `✓ ${CONTAINER_NAME} runs`);
		assert.deepEqual(runner.context.created, [LESSON_ID]);
	});

	test('the check follows what is seen while it waits', async () => {
		const { store, actions, runner } = setup();
		runner.start();
		runner.act();
		await actions.answer(LESSON_ID);

		listContainer(store, LESSON_ID, 'created');

		assert.equal(progressOf(store).phase, 'checking');
		assert.equal(progressOf(store).seen, `${CONTAINER_NAME}: created`);
	});

	test("a check that never comes true fails after the step's time, saying what was expected and what was seen instead", async () => {
		const { store, actions, runner } = setup();
		runner.start();
		runner.act();
		await actions.answer(LESSON_ID);
		listContainer(store, LESSON_ID, 'created');

		mock.timers.tick(5_000 - CHECK_INTERVAL_MS);
		assert.equal(progressOf(store).phase, 'checking', 'not before its time is up');
		mock.timers.tick(CHECK_INTERVAL_MS);

		assert.equal(progressOf(store).phase, 'failed');
		assert.equal(progressOf(store).outcome, `expected: ${t('lesson.run.expect')} — seen instead: ${CONTAINER_NAME}: created`);
		assert.deepEqual(lastLessonEvent(store), { name: 'practice', event: 'failed', title: t('lesson.lifecycle.run.title'), step: 1, steps: 3 });
		assert.equal(store.getState().log.at(-1)?.tone, 'bad');
	});

	test('a failed podman command fails the step at once', async () => {
		const { store, actions, runner } = setup();
		runner.start();
		runner.act();

		await actions.answer(undefined);

		assert.equal(progressOf(store).phase, 'failed');
		assert.equal(progressOf(store).outcome, t('lesson.commandFailed'));
		assert.equal(lastLessonEvent(store)?.event, 'failed');
		assert.deepEqual(runner.context.created, [], 'a failed run made nothing');
	});

	test("while its command runs, the key, n, b and t do nothing: the answer is that step's verdict", async () => {
		const { store, actions, runner } = setup();
		runner.start();
		runner.act();

		runner.act();
		runner.next();
		runner.back();
		runner.repeat();
		assert.equal(actions.calls.length, 1, 'one command');
		assert.equal(progressOf(store).step, 0);
		await actions.answer(LESSON_ID);
		listContainer(store, LESSON_ID, 'running');

		assert.equal(progressOf(store).phase, 'passed');
	});
});

describe('moving between steps', () => {
	test('n goes on and b goes back, whatever the verdict', () => {
		const { store, runner } = setup();
		runner.start();

		runner.next();
		assert.equal(progressOf(store).step, 1);
		assert.equal(progressOf(store).key, 'K');
		assert.equal(progressOf(store).command, `kill -9 ${PRACTICE_CONMON}`);
		runner.back();
		assert.equal(progressOf(store).step, 0);
		runner.back();
		assert.equal(progressOf(store).step, 0, 'no step before the first');
		assert.deepEqual(
			lessonEvents(store).map((e) => [e.event, e.step]),
			[
				['started', undefined],
				['step', 1],
				['step', 2],
				['step', 1],
				['step', 1],
			],
		);
	});

	test('t shows the step afresh: its key can be pressed again, and runs its command again', async () => {
		const { store, actions, runner } = setup();
		runner.start();
		runner.act();
		await actions.answer(undefined);
		assert.equal(progressOf(store).phase, 'failed');

		runner.repeat();
		assert.equal(progressOf(store).phase, 'ready');
		assert.equal(progressOf(store).outcome, undefined);
		runner.act();
		await actions.answer(LESSON_ID);
		listContainer(store, LESSON_ID, 'running');

		assert.deepEqual(actions.calls, [{ podman: PRACTICE_RUN }, { podman: PRACTICE_RUN }]);
		assert.equal(progressOf(store).phase, 'passed');
	});

	test('a step without a key is checked as soon as it is shown', () => {
		const { store, runner } = setup();
		runner.start();
		runner.next();

		runner.next();

		assert.equal(progressOf(store).key, undefined);
		assert.equal(progressOf(store).phase, 'passed', 'no lesson container is listed, so it is gone');
		assert.equal(progressOf(store).outcome, `${CONTAINER_NAME} gone`);
	});

	test('n after the last step finishes the lesson', () => {
		const { store, runner } = setup();
		runner.start();
		for (let i = 0; i < practice.steps.length; i++) runner.next();

		assert.equal(progressOf(store).phase, 'finished');
		assert.equal(progressOf(store).key, undefined);
		assert.equal(lastLessonEvent(store)?.event, 'finished');
		assert.equal(store.getState().log.at(-1)?.text, t('lesson.finished', { title: t('lesson.lifecycle.title') }));
	});
});

describe('a step that asks y/n first', () => {
	/** A controller on the practice lesson, at its y/n step, for the keys as the App passes them. */
	function atConfirmStep(): { store: AppStore; actions: FakeLessonActions; lessons: LessonController } {
		const store = createAppStore({ loaded: true });
		const actions = new FakeLessonActions();
		const lessons = new LessonController(depsFor(store, actions));
		lessons.start(practice);
		lessons.current?.next();
		return { store, actions, lessons };
	}

	test('its key asks, and y runs the command', () => {
		const { store, actions, lessons } = atConfirmStep();

		lessonStepKey(lessons, 'K', NO_KEY);
		assert.equal(progressOf(store).phase, 'confirm');
		assert.deepEqual(actions.calls, [], 'nothing runs before the answer');
		lessonStepKey(lessons, 'y', NO_KEY);

		assert.deepEqual(actions.calls, [{ killConmon: PRACTICE_CONMON }]);
		assert.equal(progressOf(store).phase, 'checking');
	});

	for (const { name, input, key } of [
		{ name: 'n', input: 'n', key: NO_KEY },
		{ name: 'another key', input: 'x', key: NO_KEY },
		{ name: 'Escape', input: '', key: ESCAPE_KEY },
	]) {
		test(`${name} takes the question back and nothing runs`, () => {
			const { store, actions, lessons } = atConfirmStep();
			lessonStepKey(lessons, 'K', NO_KEY);

			lessonStepKey(lessons, input, key);

			assert.deepEqual(actions.calls, []);
			assert.equal(progressOf(store).phase, 'ready');
			assert.equal(progressOf(store).step, 1, 'still the same step: Escape answered the question, it did not leave');
		});
	}

	test('a kill that fails fails the step at once', () => {
		const { store, actions, lessons } = atConfirmStep();
		actions.killSucceeds = false;

		lessonStepKey(lessons, 'K', NO_KEY);
		lessonStepKey(lessons, 'y', NO_KEY);

		assert.equal(progressOf(store).phase, 'failed');
		assert.equal(progressOf(store).outcome, t('lesson.commandFailed'));
	});
});

describe('what a step reads and remembers', () => {
	/** What the one-step lesson below remembers: the name its begin saw, and each name its check saw. */
	interface NamesMemory {
		before: string;
		seen: readonly string[];
	}
	const WATCHED = 4300;
	/** One step without a key: begin notes the watched process's name, the check waits until it changes. */
	const renamed: Lesson<NamesMemory> = {
		name: 'renamed',
		title: 'lesson.lifecycle.title',
		summary: 'lesson.lifecycle.summary',
		steps: [
			{
				title: 'lesson.lifecycle.conclusion.title',
				explanation: 'lesson.lifecycle.conclusion.explain',
				expectation: 'lesson.lifecycle.conclusion.expect',
				begin: (ctx) => ({ before: ctx.reader.comm(WATCHED) ?? '?' }),
				check(ctx) {
					const now = ctx.reader.comm(WATCHED) ?? '?';
					const remember = { seen: [...(ctx.memory.seen ?? []), now] };
					return { ...(now === ctx.memory.before ? notYet(now) : met(`${ctx.memory.before} → ${now}`)), remember };
				},
				timeoutMs: 5_000,
			},
		],
	};

	test('checks read /proc through the reader handed in; the runner keeps what begin and check return', () => {
		const reader = new FakeProcessReader({ [WATCHED]: { comm: 'sleep' } });
		const { store, runner } = setup(renamed, reader);
		runner.start();
		assert.equal(progressOf(store).seen, 'sleep');
		assert.deepEqual(runner.context.memory, { before: 'sleep', seen: ['sleep'] });

		reader.add(WATCHED, { comm: 'bash' });
		mock.timers.tick(CHECK_INTERVAL_MS);

		assert.equal(progressOf(store).phase, 'passed');
		assert.equal(progressOf(store).outcome, 'sleep → bash');
		assert.deepEqual(runner.context.memory, { before: 'sleep', seen: ['sleep', 'bash'] });
	});
});
