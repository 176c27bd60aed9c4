import type { MessageKey, MessageParams } from '../i18n.js';
import type { AppState } from '../store.js';

/**
 * What a lesson knows while it runs: the container it made and the facts a step remembers for
 * a later one (the conmon PID before a kill, podman's PID during a run).
 */
export interface LessonContext {
	/** The name given to the lesson's container: unique per run of the lesson. */
	readonly containerName: string;
	/** The image and command of the `r` key (`--image`, `--command`). */
	readonly image: string;
	readonly command: readonly string[];
	/** The container's full ID once the run step has made it. */
	containerId: string | undefined;
	/** Every container this lesson made (a repeated run step makes another): the clean-up removes them. */
	readonly created: string[];
	/** The ones seen removed (by the clean-up step, or on leaving): nothing is left to do for them. */
	readonly removed: Set<string>;
	/** PIDs, counts and answers a step keeps for the checks that follow. */
	readonly memory: Map<string, number | string>;
}

/**
 * What a step's key runs: a podman command (argv after `podman`), or `kill -9` of a conmon,
 * named by PID and start time so that a reused PID is never killed.
 */
export type LessonCommand = { podman: readonly string[] } | { killConmon: { pid: number; startTicks: number } };

/** The key a step asks for, and the real command it runs. */
export interface StepAction {
	key: string;
	/** Ask y/n first: for what podman itself would never do, like killing conmon. */
	confirm?: boolean;
	/** The command, shown before the key is pressed; undefined when it cannot run yet (says why in `check`). */
	command(ctx: LessonContext, state: AppState): LessonCommand | undefined;
	/** Remembers what the command answered (the run step keeps the new container's ID), and podman's PID. */
	after?(ctx: LessonContext, answer: string, podmanPid: number | undefined): void;
}

/** A check's verdict: met, with the real values seen; or not yet, with what is seen instead. */
export type CheckResult = { met: true; text: string } | { met: false; seen: string };

/** One step of a lesson: an explanation, an action (usually a key), and an expectation the tool checks. */
export interface LessonStep {
	title: MessageKey;
	explanation: MessageKey;
	/** What should happen, in words: shown when it did not happen in time. */
	expectation: MessageKey;
	/** Values for placeholders in the title, explanation and expectation: the constants they name, said once. */
	params?: MessageParams;
	/** Without an action the check runs as soon as the step is shown: the thing to watch happens by itself. */
	action?: StepAction;
	/** Called just before the action runs (or when an action-less step is shown): remember the "before". */
	begin?(ctx: LessonContext, state: AppState, now: number): void;
	/** Looks at what podman and /proc say now; called on every change until met or timed out. */
	check(ctx: LessonContext, state: AppState, now: number): CheckResult;
	/** How long the expectation may take before the step says it did not happen. */
	timeoutMs: number;
}

/** A guided lesson: a name for the command line and a list of steps. */
export interface Lesson {
	name: string;
	title: MessageKey;
	/** One line for the menu. */
	summary: MessageKey;
	steps: readonly LessonStep[];
}
