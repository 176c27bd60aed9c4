/**
 * Driving one lesson step at a time, without the runner and without podman: a lesson's memory
 * and container as the runner keeps them, store states built as the watcher would build them,
 * and a fake /proc (FakeProcessReader) for what the checks read beyond the store.
 */
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { CheckResult, Lesson, LessonCommand, LessonContext, LessonStep, MemoryUpdate, StepAction } from '../../src/lessons/lesson.js';
import { applyCheck, closeOpened, learnFromAnswer, markRemoved, newRunState, type RunState, remember } from '../../src/lessons/runState.js';
import { type Language, setLanguage } from '../../src/messages/i18n.js';
import { type ConmonGeneration, EMPTY_HISTORY, type ExecConmon } from '../../src/model/conmonHistory.js';
import { type ProcessInfo, processKey } from '../../src/proc/parse.js';
import { type AppState, createAppStore } from '../../src/state/store.js';
import { FakeProcessReader } from './fakeReader.js';
import { at, byId, containerId, makeConmonProcess, makeContainer, makeGeneration, makeProcess, NOW } from './fixtureState.js';

export const IMAGE = 'docker.io/library/alpine:3.20';
export const COMMAND = ['sleep', 'infinity'] as const;
export const CONTAINER_NAME = 'lesson-test-0001';
export const LESSON_ID = containerId('lesson container');
export const SECOND_ID = containerId('second lesson container');
export const OTHER_ID = containerId("someone else's container");
export const EXEC_SESSION = containerId('exec session');
export const OLD_EXEC_SESSION = containerId('old exec session');
/** Fake PIDs: the store and the fake /proc hold them, no real process has them. */
export const CONMON = 5000;
export const CHILD = 5005;
export const OLD_EXEC_CONMON = 6000;
export const EXEC_CONMON = 6100;

/**
 * A lesson under way as the runner keeps it: its container and memory. Each step call hands the
 * step a read-only context and applies what the step returns, as LessonRunner does.
 */
export class LessonRun<M extends object> {
	/** The runner's own state and updates (src/lessons/runState.ts), so these tests check what the runner does. */
	private readonly run: RunState<M>;

	/** `made`: whether the run step has made the lesson's container already. */
	constructor(
		readonly reader: FakeProcessReader = new FakeProcessReader(),
		made = true,
	) {
		this.run = newRunState<M>(CONTAINER_NAME, { image: IMAGE, command: COMMAND, reader });
		if (made) learnFromAnswer(this.run, { made: LESSON_ID });
	}

	/** What a step sees: a copy, so that a step that changed it would not change the run. */
	get context(): LessonContext<M> {
		return { ...this.run, created: [...this.run.created], removed: new Set(this.run.removed), memory: { ...this.run.memory } };
	}

	/** Remembers facts as an earlier step would have. */
	remember(update: MemoryUpdate<M>): this {
		remember(this.run, update);
		return this;
	}

	/** Another container the lesson made (a repeated run step). */
	made(id: string): this {
		this.run.created.push(id);
		return this;
	}

	/** A container of the lesson seen removed. */
	markRemoved(id: string): this {
		markRemoved(this.run, [id]);
		return this;
	}

	/** The step's begin, as just before its key runs. */
	begin(step: LessonStep<M>, state: AppState, now = NOW): void {
		if (step.begin) this.remember(step.begin(this.context, state, now));
	}

	/** The step's open, as the runner calls it with begin: what it opens is the context's `opened`. */
	open(step: LessonStep<M>, state: AppState): void {
		closeOpened(this.run);
		this.run.opened = step.open?.(this.context, state);
	}

	/** The step is left: what it opened is closed. */
	leave(): void {
		closeOpened(this.run);
	}

	/** podman refused the step's command, in these words. */
	refused(step: LessonStep<M>, message: string): void {
		const afterFailure = actionOf(step).afterFailure;
		assert.ok(afterFailure, `step ${step.title} takes a refusal as its answer`);
		learnFromAnswer(this.run, afterFailure(this.context, message));
	}

	/** podman's answer to the step's command (its last line), and podman's own PID. */
	answer(step: LessonStep<M>, text: string, podmanPid?: number): void {
		const after = actionOf(step).after;
		assert.ok(after, `step ${step.title} remembers an answer`);
		learnFromAnswer(this.run, after(this.context, text, podmanPid));
	}

	/** The step's check: its verdict; what it asked to remember, and the containers it saw removed, are kept. */
	check(step: LessonStep<M>, state: AppState, now = NOW): CheckResult {
		const looked = step.check(this.context, state, now);
		applyCheck(this.run, looked);
		return looked.verdict;
	}

	/** The command the step's key would run now. */
	command(step: LessonStep<M>, state: AppState): LessonCommand | undefined {
		return actionOf(step).command(this.context, state);
	}

	/** The podman argv the step's key would run now; fails for a kill or for nothing. */
	podmanArgs(step: LessonStep<M>, state: AppState): readonly string[] {
		const command = this.command(step, state);
		assert.ok(command && 'podman' in command, `a podman command, not ${JSON.stringify(command)}`);
		return command.podman;
	}
}

/** What the watcher would have put in the store about the lesson container. */
export interface Scene {
	/** podman's state word; undefined: podman does not list the container. */
	containerState?: string;
	generations?: readonly ConmonGeneration[];
	processes?: readonly ProcessInfo[];
	execConmons?: readonly ExecConmon[];
	unmonitored?: Record<string, number>;
}

export function stateOf(scene: Scene): AppState {
	const containers = scene.containerState === undefined ? [] : [makeContainer({ id: LESSON_ID, name: CONTAINER_NAME, state: scene.containerState })];
	return createAppStore({
		loaded: true,
		containers: byId(containers),
		history: {
			...EMPTY_HISTORY,
			generations: scene.generations === undefined ? {} : { [LESSON_ID]: scene.generations },
			execConmons: Object.fromEntries((scene.execConmons ?? []).map((e) => [processKey(e.pid, e.startTicks), e])),
		},
		processes: scene.processes ?? [],
		unmonitored: scene.unmonitored ?? {},
	}).getState();
}

export const liveConmon = makeGeneration(CONMON, at(16, 59, 0), { containerPid: CHILD, nameAtStart: CONTAINER_NAME });
export const exitedConmon: ConmonGeneration = { ...liveConmon, exitedAt: at(16, 59, 30) };

/** The lesson container running: its conmon (whose parent is `conmonPpid`) and `child` below it. */
export function runningScene(conmonPpid: number, child: ProcessInfo | undefined = makeProcess(CHILD, CONMON, [...COMMAND])): Scene {
	const conmonProcess = makeConmonProcess(liveConmon, LESSON_ID, CONTAINER_NAME, { ppid: conmonPpid });
	// The watcher records conmon's child as the generation's containerPid (containerPidOf).
	const generation = child === undefined ? liveConmon : { ...liveConmon, containerPid: child.pid };
	return { containerState: 'running', generations: [generation], processes: child === undefined ? [conmonProcess] : [conmonProcess, child] };
}

export function execConmon(pid: number, session: string, container = LESSON_ID): ExecConmon {
	return { containerId: container, execSessionId: session, pid, startTicks: pid * 7, startedAt: at(16, 59, 50) };
}

/** A lesson's step by its 0-based index; fails when there is none. */
export function stepOf<M extends object>(lesson: Lesson<M>, index: number): LessonStep<M> {
	const step = lesson.steps[index];
	assert.ok(step, `${lesson.name} has a step ${index}`);
	return step;
}

export function actionOf<M>(step: LessonStep<M>): StepAction<M> {
	assert.ok(step.action, `step ${step.title} has an action`);
	return step.action;
}

/** A verdict that must be met with `text`; in Japanese, the text must be Japanese indeed. */
export function assertMet(result: CheckResult, text: string, language: Language): void {
	assert.deepEqual(result, { met: true, text });
	if (language === 'ja') assert.match(text, /[\u3040-\u30ff\u4e00-\u9fff]/, 'a Japanese text');
}

export function assertSeen(result: CheckResult, seen: string): void {
	assert.deepEqual(result, { met: false, seen });
}

/** The same tests in English and once more in Japanese, so that both catalogues are exercised. */
export function inBothLanguages(subject: string, tests: (language: Language) => void): void {
	describe(`${subject} in English`, () => {
		before(() => setLanguage('en'));
		tests('en');
	});
	describe(`${subject} in Japanese`, () => {
		before(() => setLanguage('ja'));
		after(() => setLanguage('en'));
		tests('ja');
	});
}
