/**
 * The lesson runner without podman: a real store, fake actions that record what they are asked
 * to run and answer when the test says so, and a mocked clock for the steps' time limits. A small
 * practice lesson exercises the runner itself; the real lifecycle lesson is driven by setting
 * the store as the watcher would (containers, conmon generations, processes).
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { displayCommand, type Actions, type CommandOutcome } from '../../src/actions.js';
import { recordExitCode, type ConmonGeneration } from '../../src/conmonHistory.js';
import { t } from '../../src/i18n.js';
import { EXIT_CODE_WAIT_MS } from '../../src/lessons/commonSteps.js';
import type { Lesson, LessonContext } from '../../src/lessons/lesson.js';
import { LessonController } from '../../src/lessons/lessonController.js';
import { lessonStepKey, type PressedKey } from '../../src/lessons/lessonKeys.js';
import { CHECK_INTERVAL_MS, LessonRunner, type LessonDeps } from '../../src/lessons/lessonRunner.js';
import { lifecycle } from '../../src/lessons/lifecycle.js';
import { createAppStore, type AppState, type AppStore, type LessonFacts, type LessonProgress } from '../../src/store.js';
import { NOW, byId, containerId, makeConmonProcess, makeContainer, makeGeneration, makeProcess } from '../helpers/fixtureState.js';

const PODMAN = 'podman';
const IMAGE = 'docker.io/library/alpine:3.20';
const COMMAND = ['sleep', 'infinity'] as const;
const CONTAINER_NAME = 'lesson-test-0001';
const LESSON_ID = containerId('lesson container');
const SECOND_ID = containerId('second lesson container');
const FIRST_CONMON = 5000;
const FIRST_CHILD = 5005;
const SECOND_CONMON = 5100;
const SECOND_CHILD = 5105;
/** podman's state word for a container. */
type ContainerState = 'created' | 'running' | 'exited';
/** What the practice lesson's y/n step kills. */
const PRACTICE_CONMON = 4242;

const NO_KEY: PressedKey = { escape: false, return: false, upArrow: false, downArrow: false };
const ESCAPE_KEY: PressedKey = { ...NO_KEY, escape: true };

/** One command the fake actions were asked to run. */
type Call = { podman: readonly string[] } | { killConmon: number };

/** How fake podman answers: its last line, or undefined for a failure. */
function outcomeOf(text: string | undefined): CommandOutcome {
	return text === undefined ? { ok: false, reason: 'failed' } : { ok: true, answer: text };
}

/**
 * Actions that run nothing: they record each call, and a podman command stays in flight until
 * the test answers it (with podman's last line, or undefined for a failure).
 */
class FakeLessonActions implements Pick<Actions, 'lessonCommand' | 'killConmon'> {
	readonly calls: Call[] = [];
	/** What `killConmon` answers: false as if the kill had failed. */
	killSucceeds = true;
	private readonly inFlight: Array<{ answer: (outcome: CommandOutcome) => void; onSpawn: ((pid: number) => void) | undefined }> = [];

	lessonCommand = (args: readonly string[], options: { onSpawn?: (pid: number) => void } = {}): Promise<CommandOutcome> => {
		this.calls.push({ podman: args });
		return new Promise((resolve) => this.inFlight.push({ answer: resolve, onSpawn: options.onSpawn }));
	};

	killConmon = (conmon: { pid: number; startTicks: number }): boolean => {
		this.calls.push({ killConmon: conmon.pid });
		return this.killSucceeds;
	};

	/** How many podman commands wait for their answer. */
	get pending(): number {
		return this.inFlight.length;
	}

	/** Answers the oldest podman command in flight (podman's PID first, as execa reports it), then lets the runner go on. */
	async answer(text: string | undefined, podmanPid?: number): Promise<void> {
		const command = this.inFlight.shift();
		assert.ok(command, 'no podman command is waiting for an answer');
		if (podmanPid !== undefined) command.onSpawn?.(podmanPid);
		command.answer(outcomeOf(text));
		await flush();
	}
}

/** Lets promise continuations run (setImmediate is not mocked). */
function flush(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

function depsFor(store: AppStore, actions: FakeLessonActions): LessonDeps {
	return { store, actions, podmanBinary: PODMAN, image: IMAGE, command: COMMAND };
}

/** The lesson's progress as the pane shows it; fails when there is none. */
function progressOf(store: AppStore): LessonProgress {
	const progress = store.getState().lesson;
	assert.ok(progress, 'a lesson is in progress');
	return progress;
}

/** The lesson facts of the log, in order. */
function lessonEvents(store: AppStore): LessonFacts[] {
	return store.getState().log.flatMap((entry) => (entry.facts?.kind === 'lesson' && entry.facts.lesson ? [entry.facts.lesson] : []));
}

function lastLessonEvent(store: AppStore): LessonFacts | undefined {
	return lessonEvents(store).at(-1);
}

/** The podman argv of a call; fails for a kill. */
function podmanArgs(call: Call | undefined): readonly string[] {
	assert.ok(call && 'podman' in call, `a podman command, not ${JSON.stringify(call)}`);
	return call.podman;
}

/** Counts the store's live subscriptions, by wrapping its `subscribe`. */
function countSubscriptions(store: AppStore): () => number {
	let live = 0;
	const subscribe = store.subscribe;
	store.subscribe = (listener) => {
		live++;
		const unsubscribe = subscribe(listener);
		let done = false;
		return () => {
			if (!done) live--;
			done = true;
			unsubscribe();
		};
	};
	return () => live;
}

/** Counts intervals set and not cleared since the call (the mocked ones). */
function countIntervals(): { live: () => number; restore: () => void } {
	const { setInterval: set, clearInterval: clear } = globalThis;
	const live = new Set<unknown>();
	globalThis.setInterval = ((...args: Parameters<typeof set>) => {
		const id = set(...args);
		live.add(id);
		return id;
	}) as typeof set;
	globalThis.clearInterval = ((id: Parameters<typeof clear>[0]) => {
		live.delete(id);
		clear(id);
	}) as typeof clear;
	return {
		live: () => live.size,
		restore: () => {
			globalThis.setInterval = set;
			globalThis.clearInterval = clear;
		},
	};
}

/** The lesson container's state in the store, in words: what the practice lesson's checks read. */
function containerState(ctx: LessonContext, state: AppState): string {
	const container = ctx.containerId === undefined ? undefined : state.containers[ctx.containerId];
	return `${ctx.containerName}: ${container?.state ?? 'not listed'}`;
}

/** A practice lesson: run a container (r), kill its conmon after y/n (K), then watch it go. */
const practice: Lesson = {
	name: 'practice',
	title: 'lesson.lifecycle.title',
	summary: 'lesson.lifecycle.summary',
	steps: [
		{
			title: 'lesson.lifecycle.run.title',
			explanation: 'lesson.lifecycle.run.explain',
			expectation: 'lesson.run.expect',
			action: {
				key: 'r',
				command: (ctx) => ({ podman: ['run', '-d', '--name', ctx.containerName, ctx.image, ...ctx.command] }),
				after(ctx, answer) {
					ctx.containerId = answer;
					ctx.created.push(answer);
				},
			},
			check: (ctx, state) =>
				state.containers[ctx.containerId ?? '']?.state === 'running' ? { met: true, text: `${ctx.containerName} runs` } : { met: false, seen: containerState(ctx, state) },
			timeoutMs: 5_000,
		},
		{
			title: 'lesson.orphan.kill.title',
			explanation: 'lesson.orphan.kill.explain',
			expectation: 'lesson.orphan.kill.expect',
			action: { key: 'K', confirm: true, command: () => ({ killConmon: { pid: PRACTICE_CONMON, startTicks: 1 } }) },
			check: (ctx, state) =>
				state.containers[ctx.containerId ?? '']?.state === 'exited' ? { met: true, text: `${ctx.containerName} exited` } : { met: false, seen: containerState(ctx, state) },
			timeoutMs: 5_000,
		},
		{
			title: 'lesson.cleanup.title',
			explanation: 'lesson.cleanup.explain',
			expectation: 'lesson.cleanup.expect',
			check: (ctx, state) =>
				state.containers[ctx.containerId ?? ''] === undefined ? { met: true, text: `${ctx.containerName} gone` } : { met: false, seen: containerState(ctx, state) },
			timeoutMs: 5_000,
		},
	],
};

const PRACTICE_RUN = ['run', '-d', '--name', CONTAINER_NAME, IMAGE, ...COMMAND];

/** Lists the lesson container in the store in `state`, as `podman ps` would. */
function listContainer(store: AppStore, id: string, state: ContainerState): void {
	store.setState((s) => ({ containers: { ...s.containers, ...byId([makeContainer({ id, name: CONTAINER_NAME, state })]) } }));
}

function setup(lesson: Lesson = practice): { store: AppStore; actions: FakeLessonActions; runner: LessonRunner } {
	const store = createAppStore({ loaded: true });
	const actions = new FakeLessonActions();
	const runner = new LessonRunner(lesson, depsFor(store, actions), CONTAINER_NAME);
	return { store, actions, runner };
}

beforeEach(() => mock.timers.enable({ apis: ['setInterval', 'Date'], now: NOW }));
afterEach(() => mock.timers.reset());

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
		assert.deepEqual(lessonEvents(store).map((e) => e.event), ['started', 'step']);
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
		assert.equal(displayCommand([PODMAN, ...podmanArgs(actions.calls[0])]), shown, 'the command shown is the one that ran');
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

	test('a check that never comes true fails after the step\'s time, saying what was expected and what was seen instead', async () => {
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

	test('while its command runs, the key, n, b and t do nothing: the answer is that step\'s verdict', async () => {
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
		assert.deepEqual(lessonEvents(store).map((e) => [e.event, e.step]), [['started', undefined], ['step', 1], ['step', 2], ['step', 1], ['step', 1]]);
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

	test('an answer that arrives after the learner left is no verdict, but what it made is still the lesson\'s', async () => {
		const { store, actions, runner } = setup();
		runner.start();
		runner.act();
		runner.leave();

		await actions.answer(LESSON_ID);
		listContainer(store, LESSON_ID, 'running');

		assert.equal(store.getState().lesson, undefined);
		assert.deepEqual(lessonEvents(store).map((e) => e.event), ['started', 'step', 'left']);
		assert.deepEqual(runner.context.created, [LESSON_ID]);
		assert.deepEqual(runner.leftovers(), [LESSON_ID]);
	});

	test('an answer that arrives after another lesson started is no verdict for the new lesson\'s step', async () => {
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

	test('leaving removes the lesson\'s containers with podman rm -f -i -t 0 and opens the menu', async () => {
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
		lessons.current?.context.removed.add(LESSON_ID);
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
	});

	test('the exit message names a left lesson\'s containers until podman has removed them', async () => {
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

describe('the lifecycle lesson, driven by the store', () => {
	const SHORT = LESSON_ID.slice(0, 12);

	/** The container podman lists, on its conmon `conmon` with `child` below it. */
	function containerOn(store: AppStore, generations: readonly ConmonGeneration[], child: number | undefined, state: ContainerState = 'running'): void {
		const live = generations.at(-1);
		const processes = live && live.exitedAt === undefined ? [makeConmonProcess(live, LESSON_ID, CONTAINER_NAME)] : [];
		if (live && child !== undefined) processes.push(makeProcess(child, live.pid, [...COMMAND]));
		store.setState({
			containers: byId([makeContainer({ id: LESSON_ID, name: CONTAINER_NAME, state })]),
			history: { ...store.getState().history, generations: { [LESSON_ID]: generations } },
			processes,
		});
	}

	const firstConmon = (): ConmonGeneration => makeGeneration(FIRST_CONMON, Date.now(), { containerPid: FIRST_CHILD, nameAtStart: CONTAINER_NAME });

	/** A lifecycle lesson under way, and the container's conmon the step before left. */
	interface Run {
		store: AppStore;
		actions: FakeLessonActions;
		runner: LessonRunner;
		first: ConmonGeneration;
	}

	/** Runs the lifecycle lesson through r: the container runs on its first conmon. */
	async function afterRun(): Promise<Run> {
		const { store, actions, runner } = setup(lifecycle);
		runner.start();
		runner.act();
		await actions.answer(LESSON_ID, 4000);
		const first = firstConmon();
		containerOn(store, [first], FIRST_CHILD);
		assert.equal(progressOf(store).phase, 'passed');
		runner.next();
		return { store, actions, runner, first };
	}

	/** On from afterRun through k: the first conmon exited with 137. */
	async function afterKill(): Promise<Run> {
		const run = await afterRun();
		const { store, actions, runner, first } = run;
		runner.act();
		await actions.answer(SHORT);
		const exited = { ...first, exitedAt: Date.now(), exitCode: 137 };
		containerOn(store, [exited], undefined, 'exited');
		assert.equal(progressOf(store).phase, 'passed');
		runner.next();
		return { ...run, first: exited };
	}

	test('r runs the container and passes when its conmon has the container\'s process below it', async () => {
		const { store, actions, runner } = setup(lifecycle);
		runner.start();
		assert.equal(progressOf(store).command, `podman run -d --name ${CONTAINER_NAME} ${IMAGE} sleep infinity`);

		runner.act();
		await actions.answer(LESSON_ID, 4000);
		assert.equal(progressOf(store).seen, t('lesson.seen.noConmon', { name: CONTAINER_NAME }));
		const first = firstConmon();
		containerOn(store, [first], undefined);
		assert.equal(progressOf(store).seen, t('lesson.seen.noChild', { conmon: FIRST_CONMON }));
		store.setState((s) => ({ processes: [...s.processes, makeProcess(FIRST_CHILD, FIRST_CONMON, ['/usr/bin/crun', 'init'])] }));
		assert.equal(progressOf(store).phase, 'checking', 'crun init is the runtime, not yet the container\'s process');
		containerOn(store, [first], FIRST_CHILD);

		assert.deepEqual(actions.calls, [{ podman: ['run', '-d', '--name', CONTAINER_NAME, IMAGE, ...COMMAND] }]);
		assert.equal(progressOf(store).phase, 'passed');
		assert.equal(progressOf(store).outcome, t('lesson.run.met', { conmon: FIRST_CONMON, child: `sleep infinity ${FIRST_CHILD}`, id: SHORT }));
		assert.equal(runner.context.containerId, LESSON_ID);
		assert.equal(runner.context.memory.get('run.podmanPid'), 4000);
		assert.equal(store.getState().pendingSelectionId, LESSON_ID, 'the new container gets the cursor once the watcher lists it');
	});

	test('k before there is a container says why it cannot run yet, and runs nothing', () => {
		const { store, actions, runner } = setup(lifecycle);
		runner.start();
		runner.next();
		assert.equal(progressOf(store).command, undefined, 'no command to show yet');

		runner.act();

		assert.deepEqual(actions.calls, []);
		assert.equal(progressOf(store).phase, 'ready');
		assert.equal(store.getState().status?.text, t('lesson.cannotActYet', { why: t('lesson.seen.noConmon', { name: CONTAINER_NAME }) }));
	});

	test('the command shown follows the store while the step waits for its key', () => {
		const { store, runner } = setup(lifecycle);
		runner.start();
		runner.next();

		// As if an earlier run had answered meanwhile; any store change makes the pane look again.
		runner.context.containerId = LESSON_ID;
		store.setState({ podmanVersion: '5.0.0' });

		assert.equal(progressOf(store).command, `podman kill ${SHORT}`);
	});

	test('k kills the container; the verdict waits for podman\'s exit code, then reports it', async () => {
		const { store, actions, runner, first } = await afterRun();
		assert.equal(progressOf(store).command, `podman kill ${SHORT}`);

		runner.act();
		await actions.answer(SHORT);
		assert.equal(progressOf(store).seen, t('lesson.seen.conmonRuns', { conmon: FIRST_CONMON }));
		const exitedAt = Date.now();
		containerOn(store, [{ ...first, exitedAt }], undefined, 'exited');
		mock.timers.tick(EXIT_CODE_WAIT_MS - CHECK_INTERVAL_MS);
		assert.equal(progressOf(store).phase, 'checking');
		assert.equal(progressOf(store).seen, t('lesson.seen.waitingExitCode'));
		store.setState((s) => ({ history: recordExitCode(s.history, LESSON_ID, 137, exitedAt) }));

		assert.deepEqual(podmanArgs(actions.calls.at(-1)), ['kill', SHORT]);
		assert.equal(progressOf(store).phase, 'passed');
		assert.equal(progressOf(store).outcome, t('lesson.lifecycle.kill.met', { conmon: FIRST_CONMON, code: 137 }));
		assert.match(progressOf(store).outcome ?? '', /exit code 137/);
	});

	test('k: when podman\'s exit code does not come within EXIT_CODE_WAIT_MS, the verdict says it is unknown', async () => {
		const { store, actions, runner, first } = await afterRun();
		runner.act();
		await actions.answer(SHORT);
		containerOn(store, [{ ...first, exitedAt: Date.now() }], undefined, 'exited');

		mock.timers.tick(EXIT_CODE_WAIT_MS);

		assert.equal(progressOf(store).phase, 'passed');
		assert.equal(progressOf(store).outcome, t('lesson.lifecycle.kill.met', { conmon: FIRST_CONMON, code: '?' }));
	});

	test('s starts it again; the verdict names the old conmon PID and the new one', async () => {
		const { store, actions, runner, first } = await afterKill();
		assert.equal(progressOf(store).command, `podman start ${SHORT}`);

		runner.act();
		await actions.answer(SHORT);
		assert.equal(progressOf(store).seen, t('lesson.seen.noConmon', { name: CONTAINER_NAME }));
		const second = makeGeneration(SECOND_CONMON, Date.now(), { containerPid: SECOND_CHILD, nameAtStart: CONTAINER_NAME });
		containerOn(store, [first, second], SECOND_CHILD);

		assert.deepEqual(podmanArgs(actions.calls.at(-1)), ['start', SHORT]);
		assert.equal(progressOf(store).phase, 'passed');
		assert.equal(
			progressOf(store).outcome,
			t('lesson.lifecycle.start.met', { conmon: SECOND_CONMON, before: FIRST_CONMON, child: `sleep infinity ${SECOND_CHILD}` }),
		);
	});

	test('the conclusion counts the conmons as soon as it is shown; d removes the container; n finishes', async () => {
		const { store, actions, runner, first } = await afterKill();
		runner.act();
		await actions.answer(SHORT);
		const second = makeGeneration(SECOND_CONMON, Date.now(), { containerPid: SECOND_CHILD, nameAtStart: CONTAINER_NAME });
		containerOn(store, [first, second], SECOND_CHILD);

		runner.next();
		assert.equal(progressOf(store).phase, 'passed');
		assert.equal(progressOf(store).outcome, t('lesson.lifecycle.conclusion.met', { count: 2, pids: `${FIRST_CONMON} → ${SECOND_CONMON}` }));
		runner.next();
		assert.equal(progressOf(store).command, `podman rm -f -i -t 0 ${SHORT}`);
		runner.act();
		await actions.answer(LESSON_ID);
		assert.equal(progressOf(store).seen, t('lesson.seen.stillThere', { ids: SHORT }));
		store.setState({ containers: {}, history: { ...store.getState().history, generations: {} }, processes: [] });
		assert.equal(progressOf(store).outcome, t('lesson.cleanup.met', { count: 1, pids: String(SECOND_CONMON) }));
		runner.next();

		assert.equal(progressOf(store).phase, 'finished');
		assert.deepEqual(runner.leftovers(), []);
		assert.deepEqual(
			lessonEvents(store).filter((e) => e.event === 'passed').map((e) => e.step),
			[1, 2, 3, 4, 5],
			'every step passed',
		);
	});
});
