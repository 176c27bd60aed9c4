import { t } from '../messages/i18n.js';
import { type Container, shortId } from '../model/container.js';
import { podCreateArgs, podStartArgs, podStopArgs, removePodsNowArgs, runArgs } from '../podman/commands.js';
import { isDead } from '../proc/parse.js';
import type { AppState } from '../state/store.js';
import { CLEANUP_TIMEOUT_MS, conmonWithChild, learnFromRun, nextContainerName, RUN_TIMEOUT_MS, type SharedMemory } from './commonSteps.js';
import { type Lesson, type LessonContext, met, notYet } from './lesson.js';
import { describeProcess, generationsOf, liveConmonOf } from './observe.js';

/** `pod stop -t`: SIGTERM does not end `sleep` as PID 1 (no handler), so podman sends SIGKILL after this many seconds rather than the default 10. */
export const POD_STOP_SECONDS = 2;
const POD_STEP_TIMEOUT_MS = 20_000;

/** What the pod lesson remembers between its steps. */
export interface PodMemory extends SharedMemory {
	/** The pod `podman pod create` made, by full ID. */
	podId: string;
	/** The conmons of the pod's containers alive when `pod stop` ran: all of them must exit. */
	conmonsAtStop: readonly number[];
	/** Each container's latest conmon before `pod start`: the new ones must differ. */
	conmonsBeforeStart: readonly number[];
}

/** The pod's containers podman lists now, the infra first. */
function podContainers(ctx: LessonContext<Partial<PodMemory>>, state: AppState): Container[] {
	const podId = ctx.memory.podId;
	// The lesson's own member counts even while a refresh has not filled in its pod yet.
	const members = Object.values(state.containers).filter((c) => (podId !== undefined && c.pod === podId) || ctx.created.includes(c.id));
	return [...members.filter((c) => c.isInfra), ...members.filter((c) => !c.isInfra)];
}

/** A container's live conmon and the first process below it, described as on screen; undefined while either is missing. */
function conmonAndChild(state: AppState, container: Container): { conmon: number; child: string } | undefined {
	const conmon = liveConmonOf(state, container.id);
	const child = state.processes.find((p) => p.pid === conmon?.containerPid && !isDead(p));
	if (!conmon || !child || container.state !== 'running') return undefined;
	return { conmon: conmon.pid, child: describeProcess(child) };
}

/** The pod's name: the lesson's name; its member gets `-ctr` (pods and containers share podman's names). */
function memberName(ctx: LessonContext<object>): string {
	return `${nextContainerName(ctx)}-ctr`;
}

/**
 * A pod: its infra container has its own conmon, whose child `catatonit -P` holds the pod's
 * namespaces; each member has its own conmon; `pod stop` ends them all and `pod start` brings
 * new conmons.
 */
export const pod: Lesson<PodMemory> = {
	name: 'pod',
	title: 'lesson.pod.title',
	summary: 'lesson.pod.summary',
	steps: [
		{
			title: 'lesson.pod.create.title',
			explanation: 'lesson.pod.create.explain',
			expectation: 'lesson.pod.create.expect',
			action: {
				key: 'c',
				command: (ctx) => ({ podman: podCreateArgs(ctx.containerName) }),
				after(_ctx, answer) {
					// A pod's ID is 64 hex digits like a container's; anything else is no pod made.
					const podId = answer.trim();
					return /^[0-9a-f]{64}$/.test(podId) ? { madePod: podId, remember: { podId } } : {};
				},
			},
			check(ctx, state) {
				const infra = podContainers(ctx, state).find((c) => c.isInfra);
				if (ctx.memory.podId === undefined || !infra) return notYet(t('lesson.pod.seen.noPod'));
				const conmon = liveConmonOf(state, infra.id);
				if (conmon) return notYet(t('lesson.seen.conmonRuns', { conmon: conmon.pid }));
				return met(t('lesson.pod.create.met', { pod: ctx.containerName, infra: shortId(infra.id), state: infra.state }));
			},
			timeoutMs: POD_STEP_TIMEOUT_MS,
		},
		{
			title: 'lesson.pod.run.title',
			explanation: 'lesson.pod.run.explain',
			action: {
				key: 'r',
				command: (ctx) =>
					ctx.memory.podId === undefined ? undefined : { podman: runArgs(ctx.image, ctx.command, { name: memberName(ctx), pod: ctx.containerName }) },
				after: learnFromRun,
			},
			expectation: 'lesson.pod.run.expect',
			check(ctx, state) {
				const member = conmonWithChild(ctx, state);
				if (!member.met) return notYet(member.seen);
				const infra = podContainers(ctx, state).find((c) => c.isInfra);
				const infraSeen = infra ? conmonAndChild(state, infra) : undefined;
				if (!infra || !infraSeen) return notYet(t('lesson.pod.seen.noInfra'));
				return met(
					t('lesson.pod.run.met', {
						infra: shortId(infra.id),
						infraConmon: infraSeen.conmon,
						infraChild: infraSeen.child,
						conmon: member.conmon,
						child: member.child,
					}),
				);
			},
			timeoutMs: RUN_TIMEOUT_MS,
		},
		{
			title: 'lesson.pod.stop.title',
			explanation: 'lesson.pod.stop.explain',
			expectation: 'lesson.pod.stop.expect',
			params: { seconds: POD_STOP_SECONDS },
			action: {
				key: 'x',
				command: (ctx) => (ctx.memory.podId === undefined ? undefined : { podman: podStopArgs(ctx.containerName, POD_STOP_SECONDS) }),
			},
			begin(ctx, state) {
				// Each container's latest conmon, the one the run step saw alive: all of them must exit.
				return { conmonsAtStop: podContainers(ctx, state).flatMap((c) => generationsOf(state, c.id).at(-1)?.pid ?? []) };
			},
			check(ctx, state) {
				const containers = podContainers(ctx, state);
				const stopped = ctx.memory.conmonsAtStop ?? [];
				if (stopped.length === 0) return notYet(t('lesson.pod.seen.noConmons'));
				const alive = containers.flatMap((c) => liveConmonOf(state, c.id)?.pid ?? []);
				if (alive.length > 0) return notYet(t('lesson.pod.seen.conmonsRun', { pids: alive.join(', ') }));
				const running = containers.filter((c) => c.state === 'running' || c.state === 'stopping');
				if (running.length > 0) return notYet(t('lesson.seen.stillThere', { ids: running.map((c) => shortId(c.id)).join(' ') }));
				return met(t('lesson.pod.stop.met', { count: containers.length, pids: stopped.join(', ') }));
			},
			timeoutMs: POD_STEP_TIMEOUT_MS + POD_STOP_SECONDS * 1000,
		},
		{
			title: 'lesson.pod.start.title',
			explanation: 'lesson.pod.start.explain',
			expectation: 'lesson.pod.start.expect',
			action: {
				key: 's',
				command: (ctx) => (ctx.memory.podId === undefined ? undefined : { podman: podStartArgs(ctx.containerName) }),
			},
			begin(ctx, state) {
				return { conmonsBeforeStart: podContainers(ctx, state).flatMap((c) => generationsOf(state, c.id).at(-1)?.pid ?? []) };
			},
			check(ctx, state) {
				const containers = podContainers(ctx, state);
				const before = ctx.memory.conmonsBeforeStart ?? [];
				const seen = containers.map((c) => conmonAndChild(state, c));
				const fresh = seen.flatMap((s) => (s && !before.includes(s.conmon) ? [s.conmon] : []));
				if (containers.length === 0 || fresh.length < containers.length) {
					return notYet(t('lesson.pod.seen.newConmons', { count: fresh.length, total: containers.length }));
				}
				return met(t('lesson.pod.start.met', { count: fresh.length, pids: fresh.join(', '), before: before.join(', ') || '-' }));
			},
			timeoutMs: POD_STEP_TIMEOUT_MS,
		},
		{
			title: 'lesson.pod.cleanup.title',
			explanation: 'lesson.pod.cleanup.explain',
			expectation: 'lesson.pod.cleanup.expect',
			action: {
				key: 'd',
				command: (ctx) => {
					const pods = ctx.createdPods.filter((id) => !ctx.removed.has(id));
					return pods.length === 0 ? undefined : { podman: removePodsNowArgs(pods) };
				},
			},
			begin(ctx, state) {
				return { cleanupConmons: podContainers(ctx, state).flatMap((c) => liveConmonOf(state, c.id)?.pid ?? []) };
			},
			check(ctx, state) {
				const left = podContainers(ctx, state).filter((c) => state.containers[c.id] !== undefined);
				const conmons = ctx.created.flatMap((id) => liveConmonOf(state, id)?.pid ?? []);
				if (left.length > 0 || conmons.length > 0) {
					return notYet(t('lesson.seen.stillThere', { ids: left.map((c) => shortId(c.id)).join(' ') || conmons.join(' ') }));
				}
				return {
					...met(t('lesson.pod.cleanup.met', { pod: ctx.containerName, pids: ctx.memory.cleanupConmons?.join(', ') || '-' })),
					seenRemoved: [...ctx.created, ...ctx.createdPods],
				};
			},
			timeoutMs: CLEANUP_TIMEOUT_MS,
		},
	],
};
