import { shortId } from '../container.js';
import { t, type MessageKey, type MessageParams } from '../i18n.js';
import type { AppState } from '../store.js';
import type { CheckResult, LessonContext, LessonStep, StepAction } from './lesson.js';
import { describeProcess, liveConmonOf } from './observe.js';
import { isDead } from '../procfs.js';

/** How long a new container may take to have its conmon and first process on screen. */
export const RUN_TIMEOUT_MS = 20_000;
/** podman's died event brings the exit code some 100-250 ms after /proc shows conmon gone: wait this long for it. */
export const EXIT_CODE_WAIT_MS = 3_000;
/** How long podman may take to remove the lesson's containers. */
export const CLEANUP_TIMEOUT_MS = 20_000;

/** The name of the next container the run step makes: the lesson's name, then -2, -3 for repeats. */
export function nextContainerName(ctx: LessonContext): string {
	return ctx.created.length === 0 ? ctx.containerName : `${ctx.containerName}-${ctx.created.length + 1}`;
}

/** The container's conmon and its first child, or what is missing, in words. */
export function conmonWithChild(ctx: LessonContext, state: AppState): { met: true; conmon: number; child: string; childPid: number } | { met: false; seen: string } {
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

/**
 * Remembers a fact for the checks that follow, or forgets an earlier attempt's when there is
 * none now: a repeated step must not look at what an earlier attempt saw.
 */
export function remember(ctx: LessonContext, key: string, value: number | string | undefined): void {
	if (value === undefined) ctx.memory.delete(key);
	else ctx.memory.set(key, value);
}

/** A podman command on the lesson's container (by its short ID, as people type it), once the run step has made it. */
export function onLessonContainer(args: (id: string) => readonly string[]): StepAction['command'] {
	return (ctx) => (ctx.containerId === undefined ? undefined : { podman: args(shortId(ctx.containerId)) });
}

/**
 * `podman rm -f -i -t 0` of the containers the lesson made and has not seen removed. -t 0: `sleep`
 * as PID 1 ignores SIGTERM, and waiting 10 s for podman's SIGKILL teaches nothing; -i: one
 * already gone is no error.
 */
export function removeArgs(ids: readonly string[]): string[] {
	return ['rm', '-f', '-i', '-t', '0', ...ids.map(shortId)];
}

export const removeLessonContainers: StepAction['command'] = (ctx) => {
	const left = ctx.created.filter((id) => !ctx.removed.has(id));
	return left.length === 0 ? undefined : { podman: removeArgs(left) };
};

/** The lesson's containers podman still lists (none: the clean-up is done, and remembered as done). */
export function stillListed(ctx: LessonContext, state: AppState): string[] {
	const left = ctx.created.filter((id) => state.containers[id] !== undefined || liveConmonOf(state, id) !== undefined);
	if (left.length === 0) for (const id of ctx.created) ctx.removed.add(id);
	return left;
}

/**
 * `r`: runs the lesson's container (`podman run -d --name …`) and waits for its conmon and the
 * container's first process below it. `extraArgs` go before the image (`--restart always`);
 * `command` replaces the run key's command.
 */
export function runStep(
	texts: { title: MessageKey; explanation: MessageKey; params?: MessageParams },
	extraArgs: readonly string[] = [],
	command?: readonly string[],
): LessonStep {
	return {
		...texts,
		expectation: 'lesson.run.expect',
		action: {
			key: 'r',
			command: (ctx) => ({ podman: ['run', '-d', '--name', nextContainerName(ctx), ...extraArgs, ctx.image, ...(command ?? ctx.command)] }),
			after(ctx, answer, podmanPid) {
				if (podmanPid !== undefined) ctx.memory.set('run.podmanPid', podmanPid);
				if (!/^[0-9a-f]{64}$/.test(answer)) return;
				ctx.containerId = answer;
				ctx.created.push(answer);
			},
		},
		check(ctx, state): CheckResult {
			const seen = conmonWithChild(ctx, state);
			if (!seen.met) return seen;
			return { met: true, text: t('lesson.run.met', { conmon: seen.conmon, child: seen.child, id: shortId(ctx.containerId ?? '') }) };
		},
		timeoutMs: RUN_TIMEOUT_MS,
	};
}

/** `d`: removes every container the lesson made (`podman rm -f -t 0`); their conmons go with them. */
export function cleanupStep(texts: { title: MessageKey; explanation: MessageKey } = { title: 'lesson.cleanup.title', explanation: 'lesson.cleanup.explain' }): LessonStep {
	return {
		...texts,
		expectation: 'lesson.cleanup.expect',
		action: { key: 'd', command: removeLessonContainers },
		begin(ctx, state) {
			// A removed container's history is dropped: remember which conmons are to go with it.
			const live = ctx.created.flatMap((id) => liveConmonOf(state, id)?.pid ?? []);
			ctx.memory.set('cleanup.conmons', live.join(', ') || '-');
		},
		check(ctx, state): CheckResult {
			const left = stillListed(ctx, state);
			if (left.length > 0) return { met: false, seen: t('lesson.seen.stillThere', { ids: left.map(shortId).join(' ') }) };
			return { met: true, text: t('lesson.cleanup.met', { count: ctx.created.length, pids: ctx.memory.get('cleanup.conmons') ?? '-' }) };
		},
		timeoutMs: CLEANUP_TIMEOUT_MS,
	};
}
