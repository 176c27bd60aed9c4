/**
 * The real lifecycle lesson driven by setting the store as the watcher would (containers, conmon
 * generations, processes), without podman: run, kill, start, the conclusion and the clean-up.
 */
import assert from 'node:assert/strict';
import { describe, mock, test } from 'node:test';
import { EXIT_CODE_WAIT_MS } from '../../src/lessons/commonSteps.js';
import { CHECK_INTERVAL_MS, type LessonRunner } from '../../src/lessons/lessonRunner.js';
import { type LifecycleMemory, lifecycle } from '../../src/lessons/lifecycle.js';
import { orphan } from '../../src/lessons/orphan.js';
import { t } from '../../src/messages/i18n.js';
import { type ConmonGeneration, recordExitCode } from '../../src/model/conmonHistory.js';
import type { AppStore } from '../../src/state/store.js';
import { byId, makeConmonProcess, makeContainer, makeGeneration, makeProcess } from '../helpers/fixtureState.js';
import {
	COMMAND,
	CONTAINER_NAME,
	type ContainerState,
	type FakeLessonActions,
	FIRST_CHILD,
	FIRST_CONMON,
	IMAGE,
	installMockClock,
	LESSON_ID,
	lessonEvents,
	podmanArgs,
	progressOf,
	SECOND_CHILD,
	SECOND_CONMON,
	setup,
} from '../helpers/lessonRunnerHarness.js';

installMockClock();

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
		runner: LessonRunner<LifecycleMemory>;
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

	test("r runs the container and passes when its conmon has the container's process below it", async () => {
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
		assert.equal(progressOf(store).phase, 'checking', "crun init is the runtime, not yet the container's process");
		containerOn(store, [first], FIRST_CHILD);

		assert.deepEqual(actions.calls, [{ podman: ['run', '-d', '--name', CONTAINER_NAME, IMAGE, ...COMMAND] }]);
		assert.equal(progressOf(store).phase, 'passed');
		assert.equal(progressOf(store).outcome, t('lesson.run.met', { conmon: FIRST_CONMON, child: `sleep infinity ${FIRST_CHILD}`, id: SHORT }));
		assert.equal(runner.context.containerId, LESSON_ID);
		assert.equal(runner.context.memory.podmanPid, 4000);
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

	test('the command shown follows the store while the step waits for its key', async () => {
		// The orphan lesson's K names the live conmon: it can be shown only once the watcher has seen it.
		const { store, actions, runner } = setup(orphan);
		runner.start();
		runner.act();
		await actions.answer(LESSON_ID);
		runner.next();
		assert.equal(progressOf(store).command, undefined, 'no conmon seen yet');

		containerOn(store, [firstConmon()], FIRST_CHILD);

		assert.equal(progressOf(store).command, `kill -9 ${FIRST_CONMON}`);
	});

	test("k kills the container; the verdict waits for podman's exit code, then reports it", async () => {
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
		assert.match(progressOf(store).outcome ?? '', /code 137/);
	});

	test("k: when podman's exit code does not come within EXIT_CODE_WAIT_MS, the verdict says it is unknown", async () => {
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
			lessonEvents(store)
				.filter((e) => e.event === 'passed')
				.map((e) => e.step),
			[1, 2, 3, 4, 5],
			'every step passed',
		);
	});
});
