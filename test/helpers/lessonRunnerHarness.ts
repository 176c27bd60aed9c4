/**
 * The lesson runner without podman: a real store, fake actions that record what they are asked
 * to run and answer when the test says so, a fake /proc, and a mocked clock for the steps' time
 * limits. A small practice lesson exercises the runner itself.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock } from 'node:test';
import type { Actions, CommandOutcome } from '../../src/app/actions.js';
import { type Lesson, type LessonContext, met, notYet } from '../../src/lessons/lesson.js';
import type { PressedKey } from '../../src/lessons/lessonKeys.js';
import { type LessonDeps, LessonRunner } from '../../src/lessons/lessonRunner.js';
import type { ProcessReader } from '../../src/proc/reader.js';
import { type AppState, type AppStore, createAppStore, type LessonFacts, type LessonProgress } from '../../src/state/store.js';
import { FakeProcessReader } from './fakeReader.js';
import { byId, containerId, makeContainer, NOW } from './fixtureState.js';

export const PODMAN = 'podman';
export const IMAGE = 'docker.io/library/alpine:3.20';
export const COMMAND = ['sleep', 'infinity'] as const;
export const CONTAINER_NAME = 'lesson-test-0001';
export const LESSON_ID = containerId('lesson container');
export const SECOND_ID = containerId('second lesson container');
export const FIRST_CONMON = 5000;
export const FIRST_CHILD = 5005;
export const SECOND_CONMON = 5100;
export const SECOND_CHILD = 5105;
/** podman's state word for a container. */
export type ContainerState = 'created' | 'running' | 'exited';
/** What the practice lesson's y/n step kills. */
export const PRACTICE_CONMON = 4242;

export const NO_KEY: PressedKey = { escape: false, return: false, upArrow: false, downArrow: false };
export const ESCAPE_KEY: PressedKey = { ...NO_KEY, escape: true };

/** One command the fake actions were asked to run. */
export type Call = { podman: readonly string[] } | { podmanClient: readonly string[] } | { killConmon: number };

/** How fake podman answers: its last line, or undefined for a failure. */
export function outcomeOf(text: string | undefined): CommandOutcome {
	return text === undefined ? { ok: false, reason: 'failed' } : { ok: true, answer: text };
}

/**
 * Actions that run nothing: they record each call, and a podman command stays in flight until
 * the test answers it (with podman's last line, or undefined for a failure).
 */
export class FakeLessonActions implements Pick<Actions, 'lessonCommand' | 'lessonClient' | 'killConmon'> {
	readonly calls: Call[] = [];
	/** The PID the next `lessonClient` says it started; and the clients still running (not ended). */
	clientPid: number | undefined = 7000;
	readonly clients: Array<{ args: readonly string[]; ended: boolean }> = [];

	lessonClient = (args: readonly string[]) => {
		this.calls.push({ podmanClient: args });
		const client = { args, ended: false };
		this.clients.push(client);
		return {
			pid: this.clientPid,
			end: () => {
				client.ended = true;
			},
			ended: Promise.resolve(),
		};
	};
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

	/** Fails the oldest podman command in flight with podman's own words, as a refusal does. */
	async refuse(message: string): Promise<void> {
		const command = this.inFlight.shift();
		assert.ok(command, 'no podman command is waiting for an answer');
		command.answer({ ok: false, reason: 'failed', message });
		await flush();
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
export function flush(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

/** The runner's deps: the store, the fake actions, and a fake /proc (empty unless a test fills it). */
export function depsFor(store: AppStore, actions: FakeLessonActions, reader: ProcessReader = new FakeProcessReader()): LessonDeps {
	return { store, actions, reader, podmanCommand: [PODMAN], image: IMAGE, command: COMMAND };
}

/** The lesson's progress as the pane shows it; fails when there is none. */
export function progressOf(store: AppStore): LessonProgress {
	const progress = store.getState().lesson;
	assert.ok(progress, 'a lesson is in progress');
	return progress;
}

/** The lesson facts of the log, in order. */
export function lessonEvents(store: AppStore): LessonFacts[] {
	return store.getState().log.flatMap((entry) => (entry.facts?.kind === 'lesson' && entry.facts.lesson ? [entry.facts.lesson] : []));
}

export function lastLessonEvent(store: AppStore): LessonFacts | undefined {
	return lessonEvents(store).at(-1);
}

/** The podman argv of a call; fails for a kill. */
export function podmanArgs(call: Call | undefined): readonly string[] {
	assert.ok(call && 'podman' in call, `a podman command, not ${JSON.stringify(call)}`);
	return call.podman;
}

/** Counts the store's live subscriptions, by wrapping its `subscribe`. */
export function countSubscriptions(store: AppStore): () => number {
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
export function countIntervals(): { live: () => number; restore: () => void } {
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
export function containerState(ctx: LessonContext<object>, state: AppState): string {
	const container = ctx.containerId === undefined ? undefined : state.containers[ctx.containerId];
	return `${ctx.containerName}: ${container?.state ?? 'not listed'}`;
}

/** A practice lesson: run a container (r), kill its conmon after y/n (K), then watch it go. */
export const practice: Lesson = {
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
				after: (_ctx, answer) => ({ made: answer }),
			},
			check: (ctx, state) =>
				state.containers[ctx.containerId ?? '']?.state === 'running' ? met(`${ctx.containerName} runs`) : notYet(containerState(ctx, state)),
			timeoutMs: 5_000,
		},
		{
			title: 'lesson.orphan.kill.title',
			explanation: 'lesson.orphan.kill.explain',
			expectation: 'lesson.orphan.kill.expect',
			action: { key: 'K', confirm: true, command: () => ({ killConmon: { pid: PRACTICE_CONMON, startTicks: 1 } }) },
			check: (ctx, state) =>
				state.containers[ctx.containerId ?? '']?.state === 'exited' ? met(`${ctx.containerName} exited`) : notYet(containerState(ctx, state)),
			timeoutMs: 5_000,
		},
		{
			title: 'lesson.cleanup.title',
			explanation: 'lesson.cleanup.explain',
			expectation: 'lesson.cleanup.expect',
			check: (ctx, state) => (state.containers[ctx.containerId ?? ''] === undefined ? met(`${ctx.containerName} gone`) : notYet(containerState(ctx, state))),
			timeoutMs: 5_000,
		},
	],
};

export const PRACTICE_RUN = ['run', '-d', '--name', CONTAINER_NAME, IMAGE, ...COMMAND];

/** Lists the lesson container in the store in `state`, as `podman ps` would. */
export function listContainer(store: AppStore, id: string, state: ContainerState): void {
	store.setState((s) => ({ containers: { ...s.containers, ...byId([makeContainer({ id, name: CONTAINER_NAME, state })]) } }));
}

/** A runner of `lesson` (the practice lesson unless said) on a fresh store, fake actions and a fake /proc. */
export function setup(): Setup<object>;
export function setup<M extends object>(lesson: Lesson<M>, reader?: ProcessReader): Setup<M>;
export function setup(lesson: Lesson = practice, reader?: ProcessReader): Setup<object> {
	const store = createAppStore({ loaded: true });
	const actions = new FakeLessonActions();
	const runner = new LessonRunner(lesson, depsFor(store, actions, reader), CONTAINER_NAME);
	return { store, actions, runner };
}

/** What `setup` made. */
export interface Setup<M extends object> {
	store: AppStore;
	actions: FakeLessonActions;
	runner: LessonRunner<M>;
}

/** The steps' time limits run on a mocked clock (setInterval and Date); setImmediate stays real. */
export function installMockClock(): void {
	beforeEach(() => mock.timers.enable({ apis: ['setInterval', 'Date'], now: NOW }));
	afterEach(() => mock.timers.reset());
}
