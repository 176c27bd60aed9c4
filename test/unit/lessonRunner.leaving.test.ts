/**
 * Leaving a lesson, without podman: nothing left watching, late answers are no verdict, and the
 * controller removes what the lesson made (now, or on the way out) and says what it could not.
 */
import assert from 'node:assert/strict';
import { describe, mock, test } from 'node:test';
import { LessonController } from '../../src/lessons/lessonController.js';
import { lifecycle } from '../../src/lessons/lifecycle.js';
import { t } from '../../src/messages/i18n.js';
import { type AppStore, createAppStore } from '../../src/state/store.js';
import {
	countIntervals,
	countSubscriptions,
	depsFor,
	FakeLessonActions,
	flush,
	installMockClock,
	LESSON_ID,
	lastLessonEvent,
	lessonEvents,
	listContainer,
	podmanArgs,
	practice,
	progressOf,
	SECOND_ID,
	setup,
} from '../helpers/lessonRunnerHarness.js';

installMockClock();

describe('leaving', () => {
	test('leave logs that the learner left and clears the lesson; no subscription or timer is left', async () => {
		const { store, actions, runner } = setup();
		const subscriptions = countSubscriptions(store);
		const intervals = countIntervals();
		try {
			runner.start();
			runner.act();
			await actions.answer(LESSON_ID);
			assert.ok(subscriptions() > 0 && intervals.live() > 0, 'the check watches the store and the clock');

			runner.leave();

			assert.equal(store.getState().lesson, undefined);
			assert.deepEqual(lastLessonEvent(store), { name: 'practice', event: 'left', title: t('lesson.lifecycle.title'), step: 1, steps: practice.steps.length });
			assert.equal(subscriptions(), 0);
			assert.equal(intervals.live(), 0);
			let changes = 0;
			store.subscribe(() => changes++);
			mock.timers.tick(60_000);
			assert.equal(changes, 0, 'nothing writes to the store afterwards');
		} finally {
			intervals.restore();
		}
	});

	test('after the last step, leaving logs no "left"', () => {
		const { store, runner } = setup();
		runner.start();
		for (let i = 0; i < practice.steps.length; i++) runner.next();

		runner.leave();

		assert.equal(lastLessonEvent(store)?.event, 'finished');
		assert.equal(store.getState().lesson, undefined);
	});

	test("an answer that arrives after the learner left is no verdict, but what it made is still the lesson's", async () => {
		const { store, actions, runner } = setup();
		runner.start();
		runner.act();
		runner.leave();

		await actions.answer(LESSON_ID);
		listContainer(store, LESSON_ID, 'running');

		assert.equal(store.getState().lesson, undefined);
		assert.deepEqual(
			lessonEvents(store).map((e) => e.event),
			['started', 'step', 'left'],
		);
		assert.deepEqual(runner.context.created, [LESSON_ID]);
		assert.deepEqual(runner.leftovers(), [LESSON_ID]);
	});

	test("an answer that arrives after another lesson started is no verdict for the new lesson's step", async () => {
		const store = createAppStore({ loaded: true });
		const actions = new FakeLessonActions();
		const lessons = new LessonController(depsFor(store, actions));
		lessons.start(practice);
		const first = lessons.current;
		first?.act();

		lessons.start(lifecycle);
		await actions.answer(undefined);

		assert.equal(progressOf(store).name, 'lifecycle');
		assert.equal(progressOf(store).phase, 'ready');
		assert.equal(progressOf(store).outcome, undefined);
		assert.ok(!lessonEvents(store).some((e) => e.event === 'failed'));
	});
});

describe('the lesson controller', () => {
	function controller(): { store: AppStore; actions: FakeLessonActions; lessons: LessonController } {
		const store = createAppStore({ loaded: true });
		const actions = new FakeLessonActions();
		return { store, actions, lessons: new LessonController(depsFor(store, actions)) };
	}

	/** Runs the practice lesson's r step to its answer and lists the container, as podman ps would. */
	async function runContainer(store: AppStore, actions: FakeLessonActions, lessons: LessonController, id: string): Promise<void> {
		lessons.current?.act();
		await actions.answer(id);
		listContainer(store, id, 'running');
	}

	test('starting a lesson names its container after it: lesson-NAME-xxxx', () => {
		const { store, lessons } = controller();

		lessons.start(practice);

		assert.match(lessons.current?.context.containerName ?? '', /^lesson-practice-[0-9a-f]{4}$/);
		assert.equal(store.getState().overlay, undefined);
		assert.equal(progressOf(store).name, 'practice');
	});

	test("leaving removes the lesson's containers with podman rm -f -i -t 0 and opens the menu", async () => {
		const { store, actions, lessons } = controller();
		lessons.start(practice);
		await runContainer(store, actions, lessons, LESSON_ID);
		lessons.current?.repeat();
		await runContainer(store, actions, lessons, SECOND_ID);

		void lessons.leave();
		await flush();

		assert.deepEqual(podmanArgs(actions.calls.at(-1)), ['rm', '-f', '-i', '-t', '0', LESSON_ID.slice(0, 12), SECOND_ID.slice(0, 12)]);
		assert.equal(lessons.current, undefined);
		assert.equal(store.getState().lesson, undefined);
		assert.equal(store.getState().overlay, 'lessons');
		assert.equal(lastLessonEvent(store)?.event, 'left');
	});

	test('leaving removes a container podman does not list yet too (-i: one already gone is no error)', async () => {
		const { store, actions, lessons } = controller();
		lessons.start(practice);
		await runContainer(store, actions, lessons, LESSON_ID);
		store.setState({ containers: {} });

		void lessons.leave();
		await flush();

		assert.deepEqual(podmanArgs(actions.calls.at(-1)), ['rm', '-f', '-i', '-t', '0', LESSON_ID.slice(0, 12)]);
	});

	test('leaving after the clean-up step saw the containers gone removes nothing', async () => {
		const { store, actions, lessons } = controller();
		lessons.start(lifecycle);
		lessons.current?.act();
		await actions.answer(LESSON_ID);
		lessons.current?.markRemoved([LESSON_ID]);
		const before = actions.calls.length;

		void lessons.leave();
		await flush();

		assert.equal(actions.calls.length, before);
		assert.equal(store.getState().lesson, undefined);
		assert.equal(lessons.exitMessage(), undefined);
	});

	test('on the way out, the running lesson is left and its containers removed, said first; then no exit message', async () => {
		const { store, actions, lessons } = controller();
		lessons.start(practice);
		await runContainer(store, actions, lessons, LESSON_ID);
		// Its conmon, live when the watcher stopped (at exit nothing sees it go).
		store.setState((s) => ({
			history: { ...s.history, generations: { ...s.history.generations, [LESSON_ID]: [{ pid: 5000, startTicks: 1, startedAt: 0 }] } },
		}));
		const said: string[] = [];

		const leaving = lessons.leaveForExit((text) => said.push(text));
		await flush();
		assert.deepEqual(said, [t('lesson.removingOnExit', { ids: LESSON_ID.slice(0, 12) })]);
		assert.deepEqual(podmanArgs(actions.calls.at(-1)), ['rm', '-f', '-i', '-t', '0', LESSON_ID.slice(0, 12)]);
		assert.ok(store.getState().containers[LESSON_ID], 'listed while podman rm runs');
		await actions.answer('');
		await leaving;

		assert.equal(lastLessonEvent(store)?.event, 'left');
		assert.equal(lessons.exitMessage(), undefined);
		assert.equal(store.getState().containers[LESSON_ID], undefined, 'removed: the tree written at exit (--record) does not list it');
		assert.equal(store.getState().history.generations[LESSON_ID], undefined, 'nor its conmon, as one of a container podman does not list');
	});

	test("the exit message names a left lesson's containers until podman has removed them", async () => {
		const { store, actions, lessons } = controller();
		lessons.start(practice);
		await runContainer(store, actions, lessons, LESSON_ID);
		void lessons.leave();
		await flush();

		const command = `podman rm -f -i -t 0 ${LESSON_ID.slice(0, 12)}`;
		assert.equal(lessons.exitMessage(), t('lesson.leftoversOnExit', { command }), 'while podman rm runs');
		await actions.answer(undefined);
		assert.equal(lessons.exitMessage(), t('lesson.leftoversOnExit', { command }), 'podman rm failed');
	});

	test('no exit message once podman has removed them', async () => {
		const { store, actions, lessons } = controller();
		lessons.start(practice);
		await runContainer(store, actions, lessons, LESSON_ID);
		void lessons.leave();
		await flush();

		await actions.answer('');

		assert.equal(lessons.exitMessage(), undefined);
	});

	test('a container whose run answers after the learner left is removed too', async () => {
		const { actions, lessons } = controller();
		lessons.start(practice);
		lessons.current?.act();
		void lessons.leave();
		assert.equal(actions.pending, 1, 'podman run still runs');

		await actions.answer(LESSON_ID);
		await flush();

		assert.deepEqual(podmanArgs(actions.calls.at(-1)), ['rm', '-f', '-i', '-t', '0', LESSON_ID.slice(0, 12)]);
		assert.match(lessons.exitMessage() ?? '', new RegExp(`rm -f -i -t 0 ${LESSON_ID.slice(0, 12)}$`), 'until podman has removed it');
		await actions.answer('');
		assert.equal(lessons.exitMessage(), undefined);
	});
});
