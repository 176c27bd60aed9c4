import type { MessageKey, MessageParams } from '../messages/i18n.js';
import type { FileCatch, ProcessReader } from '../proc/reader.js';
import type { AppState } from '../state/store.js';

/**
 * A change to a lesson's memory: a fact to keep, or undefined to forget what an earlier attempt
 * of the step kept (a repeated step must not look at what an earlier attempt saw).
 */
export type MemoryUpdate<M> = { [K in keyof M]?: M[K] | undefined };

/** The memory after an update: kept facts replaced, forgotten ones gone. */
export function updatedMemory<M>(memory: Readonly<Partial<M>>, update: MemoryUpdate<M>): Partial<M> {
	const next: Partial<M> = { ...memory };
	for (const key of Object.keys(update) as (keyof M)[]) {
		const value = update[key];
		if (value === undefined) delete next[key];
		else next[key] = value;
	}
	return next;
}

/**
 * What a lesson knows while it runs: the container it made and the facts its steps remembered
 * for later ones (`M`, declared per lesson: the conmon PID before a kill, podman's PID during a
 * run). Steps only read it; the runner applies what they return.
 */
export interface LessonContext<M> {
	/** The name given to the lesson's container: unique per run of the lesson. */
	readonly containerName: string;
	/** The image and command of the `r` key (`--image`, `--command`). */
	readonly image: string;
	readonly command: readonly string[];
	/** The container's full ID once the run step has made it. */
	readonly containerId: string | undefined;
	/** Every container this lesson made (a repeated run step makes another): the clean-up removes them. */
	readonly created: readonly string[];
	/** Every pod this lesson made (`podman pod create`), by full ID: removed with `podman pod rm`, which alone removes an infra container. */
	readonly createdPods: readonly string[];
	/** The ones seen removed, containers and pods (by the clean-up step, or on leaving): nothing is left to do for them. */
	readonly removed: ReadonlySet<string>;
	/** What the steps so far remembered; any fact may be missing (its step was skipped, or saw nothing). */
	readonly memory: Readonly<Partial<M>>;
	/** /proc, for what the watcher's scan does not hold (a parent's name, NSpid). */
	readonly reader: ProcessReader;
	/** What the step being shown opened (its `open`), while it is shown. */
	readonly opened: FileCatch | undefined;
}

/**
 * What a step's key runs: a podman command (argv after `podman`); a podman that stays as a
 * client of conmon (`podmanClient`: `podman attach`, ended when the learner leaves the step);
 * or `kill -9` of a conmon, named by PID and start time so that a reused PID is never killed.
 */
export type LessonCommand = { podman: readonly string[] } | { podmanClient: readonly string[] } | { killConmon: { pid: number; startTicks: number } };

/** What a command's answer taught: the container or pod it made (by full ID), and facts to remember. */
export interface CommandAnswer<M> {
	made?: string;
	madePod?: string;
	remember?: MemoryUpdate<M>;
}

/** The key a step asks for, and the real command it runs. */
export interface StepAction<M> {
	key: string;
	/** Ask y/n first: for what podman itself would never do, like killing conmon. */
	confirm?: boolean;
	/** The command, shown before the key is pressed; undefined when it cannot run yet (says why in `check`). */
	command(ctx: LessonContext<M>, state: AppState): LessonCommand | undefined;
	/** What the command answered (the run step's new container ID), and podman's PID: what to keep of them. */
	after?(ctx: LessonContext<M>, answer: string, podmanPid: number | undefined): CommandAnswer<M>;
	/**
	 * For a command whose refusal is the lesson (`podman logs` of a container without a log):
	 * podman's words when it failed, to keep for the check. Without it a failed command fails the step.
	 */
	afterFailure?(ctx: LessonContext<M>, message: string): CommandAnswer<M>;
}

/** A check's verdict: met, with the real values seen; or not yet, with what is seen instead. */
export type CheckResult = { met: true; text: string } | { met: false; seen: string };

/**
 * What a check returns: its verdict and, apart from it, what the runner is to remember (the exec
 * conmon that appeared) and which of the lesson's containers it saw removed.
 */
export interface StepCheck<M> {
	verdict: CheckResult;
	remember?: MemoryUpdate<M>;
	seenRemoved?: readonly string[];
}

/** A verdict "met", with the text that says what was seen. */
export function met(text: string): { verdict: CheckResult } {
	return { verdict: { met: true, text } };
}

/** A verdict "not yet", with what is seen instead. */
export function notYet(seen: string): { verdict: CheckResult } {
	return { verdict: { met: false, seen } };
}

/** One step of a lesson: an explanation, an action (usually a key), and an expectation the tool checks. */
export interface LessonStep<M> {
	title: MessageKey;
	explanation: MessageKey;
	/** What should happen, in words: shown when it did not happen in time. */
	expectation: MessageKey;
	/** Values for placeholders in the title, explanation and expectation: the constants they name, said once. */
	params?: MessageParams;
	/** Without an action the check runs as soon as the step is shown: the thing to watch happens by itself. */
	action?: StepAction<M>;
	/** Called just before the action runs (or when an action-less step is shown): returns the "before" to remember. */
	begin?(ctx: LessonContext<M>, state: AppState, now: number): MemoryUpdate<M>;
	/**
	 * Opened when the step is shown, closed when it is left: a watch on a file that exists only for
	 * an instant (conmon's exit file), read by the check as `ctx.opened`. The key's command waits
	 * until the watch is in place.
	 */
	open?(ctx: LessonContext<M>, state: AppState): FileCatch | undefined;
	/** Looks at what podman and /proc say now, and only looks; called on every change until met or timed out. */
	check(ctx: LessonContext<M>, state: AppState, now: number): StepCheck<M>;
	/** How long the expectation may take before the step says it did not happen. */
	timeoutMs: number;
}

/**
 * What keeps a lesson from a far host: its checks read conmon's sockets or files (which a far
 * host's reader does not read), it kills a conmon with kill(1) (which reaches only this
 * machine's processes), or it follows the podman process that ran its command (which runs here,
 * as a remote client, while conmon is started by the far host's podman service).
 */
export type FarHostLimit = 'readsConmonsMachine' | 'killsConmon' | 'followsLocalPodman' | 'execExitDelayed';

/**
 * A guided lesson: a name for the command line and a list of steps that share the memory `M`.
 * `Lesson` alone is any lesson (the menu's list), whatever its memory.
 */
export interface Lesson<M extends object = object> {
	name: string;
	title: MessageKey;
	/** One line for the menu. */
	summary: MessageKey;
	/** Only for an ordinary user (rootless podman): refused as root, with how to start it as one (`lesson.rootless.asRoot`). */
	needsOrdinaryUser?: boolean;
	/** Why it cannot run on a far host (`--connection`), when it cannot: refused there with that reason (lessonRefusal). */
	notOnFarHost?: FarHostLimit;
	steps: readonly LessonStep<M>[];
}
