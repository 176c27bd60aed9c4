import { type MessageKey, type MessageParams, t } from '../messages/i18n.js';
import { isFullContainerId, shortId } from '../model/container.js';
import { type RunOptions, removeNowArgs, runArgs } from '../podman/commands.js';
import { isDead } from '../proc/parse.js';
import type { AppState } from '../state/store.js';
import { type CommandAnswer, type LessonContext, type LessonStep, met, notYet, type StepAction } from './lesson.js';
import { describeProcess, liveConmonOf } from './observe.js';

/** What the shared steps remember; every lesson's memory extends it. */
export interface SharedMemory {
	/** podman's own PID while `podman run` ran: the parentage lesson looks whether it is gone. */
	podmanPid: number;
	/** The conmons alive when the clean-up began: a removed container's history is dropped. */
	cleanupConmons: readonly number[];
}

/**
 * A container command that writes the next number to stdout every second: output for conmon to log and pass on.
 * Short on purpose: the lesson pane shows the whole `podman run` on two lines of 80 columns (an unset `i` counts as 0).
 */
export const COUNTING_COMMAND = ['sh', '-c', 'while echo $((i+=1)); do sleep 1; done'] as const;

/** How long a new container may take to have its conmon and first process on screen. */
export const RUN_TIMEOUT_MS = 20_000;
/** podman's died event brings the exit code some 100-250 ms after /proc shows conmon gone: wait this long for it. */
export const EXIT_CODE_WAIT_MS = 3_000;
/** How long podman may take to remove the lesson's containers. */
export const CLEANUP_TIMEOUT_MS = 20_000;

/** The name of the next container the run step makes: the lesson's name, then -2, -3 for repeats. */
export function nextContainerName(ctx: LessonContext<object>): string {
	return ctx.created.length === 0 ? ctx.containerName : `${ctx.containerName}-${ctx.created.length + 1}`;
}

/** The container's conmon and its first child, or what is missing, in words. */
export function conmonWithChild(
	ctx: LessonContext<object>,
	state: AppState,
): { met: true; conmon: number; child: string; childPid: number } | { met: false; seen: string } {
	if (ctx.containerId === undefined) return { met: false, seen: t('lesson.seen.noContainer') };
	const conmon = liveConmonOf(state, ctx.containerId);
	if (!conmon) return { met: false, seen: t('lesson.seen.noConmon', { name: ctx.containerName }) };
	// The watcher's containerPid (see containerPidOf). Until the runtime's `init` has exec'd the container's
	// command, that process is still `runc init`: the same PID, not yet the container's command.
	const child = state.processes.find((p) => p.pid === conmon.containerPid && !isDead(p));
	if (!child || isRuntimeInit(child.argv) || state.containers[ctx.containerId]?.state !== 'running') {
		return { met: false, seen: t('lesson.seen.noChild', { conmon: conmon.pid }) };
	}
	return { met: true, conmon: conmon.pid, child: describeProcess(child), childPid: child.pid };
}

/** `runc init` / `crun init`-like: the OCI runtime's own process, before it becomes the container's command. */
function isRuntimeInit(argv: readonly string[]): boolean {
	return argv[1] === 'init' && /(?:^|\/)(?:runc|crun|youki|runsc)$/.test(argv[0] ?? '');
}

/** A podman command on the lesson's container (by its short ID, as people type it), once the run step has made it. */
export function onLessonContainer(args: (id: string) => readonly string[]): StepAction<object>['command'] {
	return (ctx) => (ctx.containerId === undefined ? undefined : { podman: args(shortId(ctx.containerId)) });
}

/** The clean-up's command: `podman rm -f -i -t 0` (removeNowArgs) of what is left, or nothing when nothing is. */
export const removeLessonContainers: StepAction<object>['command'] = (ctx) => {
	const left = ctx.created.filter((id) => !ctx.removed.has(id));
	return left.length === 0 ? undefined : { podman: removeNowArgs(left) };
};

/** The lesson's containers podman still lists, or their conmon still runs (none: the clean-up is done, and the check says they are removed). */
export function stillListed(ctx: LessonContext<object>, state: AppState): string[] {
	return ctx.created.filter((id) => state.containers[id] !== undefined || liveConmonOf(state, id) !== undefined);
}

/** What `podman run -d` answered: the container it made (only a full ID is one), and podman's PID (a run without it leaves the last one's). */
export function learnFromRun(_ctx: LessonContext<SharedMemory>, answer: string, podmanPid: number | undefined): CommandAnswer<SharedMemory> {
	return {
		...(isFullContainerId(answer) ? { made: answer } : {}),
		...(podmanPid === undefined ? {} : { remember: { podmanPid } }),
	};
}

/**
 * `r`: runs the lesson's container (`podman run -d --name …`) and waits for its conmon and the
 * container's first process below it. `options` add to the run (`--restart always`);
 * `command` replaces the run key's command.
 */
export function runStep(
	texts: { title: MessageKey; explanation: MessageKey; params?: MessageParams },
	options: Omit<RunOptions, 'name'> = {},
	command?: readonly string[],
): LessonStep<SharedMemory> {
	return {
		...texts,
		expectation: 'lesson.run.expect',
		action: {
			key: 'r',
			command: (ctx) => ({ podman: runArgs(ctx.image, command ?? ctx.command, { ...options, name: nextContainerName(ctx) }) }),
			after: learnFromRun,
		},
		check(ctx, state) {
			const seen = conmonWithChild(ctx, state);
			if (!seen.met) return notYet(seen.seen);
			return met(t('lesson.run.met', { conmon: seen.conmon, child: seen.child, id: shortId(ctx.containerId ?? '') }));
		},
		timeoutMs: RUN_TIMEOUT_MS,
	};
}

/** `d`: removes every container the lesson made (`podman rm -f -t 0`); their conmons go with them. */
export function cleanupStep(
	texts: { title: MessageKey; explanation: MessageKey } = { title: 'lesson.cleanup.title', explanation: 'lesson.cleanup.explain' },
): LessonStep<SharedMemory> {
	return {
		...texts,
		expectation: 'lesson.cleanup.expect',
		action: { key: 'd', command: removeLessonContainers },
		begin(ctx, state) {
			// A removed container's history is dropped: remember which conmons are to go with it.
			return { cleanupConmons: ctx.created.flatMap((id) => liveConmonOf(state, id)?.pid ?? []) };
		},
		check(ctx, state) {
			const left = stillListed(ctx, state);
			if (left.length > 0) return notYet(t('lesson.seen.stillThere', { ids: left.map(shortId).join(' ') }));
			return { ...met(t('lesson.cleanup.met', { count: ctx.created.length, pids: ctx.memory.cleanupConmons?.join(', ') || '-' })), seenRemoved: ctx.created };
		},
		timeoutMs: CLEANUP_TIMEOUT_MS,
	};
}
