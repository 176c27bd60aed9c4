import { t } from '../messages/i18n.js';
import { type IdMapRange, uidInside } from '../proc/parse.js';
import type { RootlessHelper } from '../proc/rootlessHelpers.js';
import type { AppState } from '../state/store.js';
import { cleanupStep, conmonWithChild, runStep, type SharedMemory, stillListed } from './commonSteps.js';
import { type Lesson, type LessonContext, met, notYet } from './lesson.js';
import { liveConmonOf } from './observe.js';

/** How long the watcher's scan may take to show the pause process, or /proc to answer. */
const ROOTLESS_STEP_TIMEOUT_MS = 15_000;

/** What the rootless lesson remembers between its steps. */
export interface RootlessMemory extends SharedMemory {
	/** The pause process seen beside the container, by PID and start time: the last step looks whether it is still the same one. */
	pausePid: number;
	pauseStartTicks: number;
}

/** This user's own rootless pause process (`catatonit -P`), as the watcher's scan found it; another user's is not it. */
function ownPauseProcess(state: AppState): RootlessHelper | undefined {
	return state.helpers.find((h) => h.kind === 'pause' && h.owner === undefined && (h.process.uid ?? state.ownUid) === state.ownUid);
}

/** A uid_map as the kernel writes it, one range after another: `0 1001 1, 1 100000 65536`. */
function describeIdMap(map: readonly IdMapRange[]): string {
	return map.map((r) => `${r.inside} ${r.outside} ${r.count}`).join(', ');
}

/** A process's UID on the host and inside its user namespace (from its uid_map), or undefined once it is gone. */
function uids(ctx: LessonContext<object>, pid: number): { host: number; inside: number | undefined; map: readonly IdMapRange[] } | undefined {
	const facts = ctx.reader.facts(pid);
	if (facts?.uid === undefined) return undefined;
	return { host: facts.uid, inside: uidInside(facts.uid, facts.uidMap), map: facts.uidMap };
}

/**
 * Rootless podman, for an ordinary user: the pause process `catatonit -P` holds the user
 * namespace that conmon and the container run in; conmon has the user's UID on the host and
 * UID 0 inside (uid_map); the pause process stays after the last container is gone.
 */
export const rootless: Lesson<RootlessMemory> = {
	name: 'rootless',
	title: 'lesson.rootless.title',
	summary: 'lesson.rootless.summary',
	needsOrdinaryUser: true,
	steps: [
		runStep({ title: 'lesson.rootless.run.title', explanation: 'lesson.rootless.run.explain' }),
		{
			title: 'lesson.rootless.pause.title',
			explanation: 'lesson.rootless.pause.explain',
			expectation: 'lesson.rootless.pause.expect',
			check(ctx, state) {
				const conmon = liveConmonOf(state, ctx.containerId);
				if (!conmon) return notYet(t('lesson.seen.noConmon', { name: ctx.containerName }));
				const pause = ownPauseProcess(state);
				if (!pause) return notYet(t('lesson.rootless.seen.noPause'));
				return {
					...met(
						t('lesson.rootless.pause.met', { pause: pause.process.pid, ppid: pause.process.ppid, uid: pause.process.uid ?? state.ownUid, conmon: conmon.pid }),
					),
					remember: { pausePid: pause.process.pid, pauseStartTicks: pause.process.startTicks },
				};
			},
			timeoutMs: ROOTLESS_STEP_TIMEOUT_MS,
		},
		{
			title: 'lesson.rootless.uid.title',
			explanation: 'lesson.rootless.uid.explain',
			expectation: 'lesson.rootless.uid.expect',
			check(ctx, state) {
				const seen = conmonWithChild(ctx, state);
				if (!seen.met) return notYet(seen.seen);
				const conmon = uids(ctx, seen.conmon);
				const child = uids(ctx, seen.childPid);
				if (!conmon || !child) return notYet(t('lesson.rootless.seen.noFacts', { conmon: seen.conmon }));
				// Outside any user namespace of its own, the map is the identity (`0 0 4294967295`): nothing rootless to see.
				if (conmon.inside === undefined || conmon.inside === conmon.host) {
					return notYet(t('lesson.rootless.seen.noUserns', { conmon: seen.conmon, map: describeIdMap(conmon.map) || '-' }));
				}
				return met(
					t('lesson.rootless.uid.met', {
						conmon: seen.conmon,
						host: conmon.host,
						inside: conmon.inside,
						map: describeIdMap(conmon.map),
						child: seen.child,
						childHost: child.host,
						childInside: child.inside ?? '?',
					}),
				);
			},
			timeoutMs: ROOTLESS_STEP_TIMEOUT_MS,
		},
		cleanupStep(),
		{
			title: 'lesson.rootless.stays.title',
			explanation: 'lesson.rootless.stays.explain',
			expectation: 'lesson.rootless.stays.expect',
			check(ctx, state) {
				const left = stillListed(ctx, state);
				if (left.length > 0) return notYet(t('lesson.rootless.seen.containersLeft', { count: left.length }));
				const pid = ctx.memory.pausePid;
				if (pid === undefined) return notYet(t('lesson.rootless.seen.noPause'));
				if (!ctx.reader.isAliveAs(pid, ctx.memory.pauseStartTicks)) return notYet(t('lesson.rootless.seen.pauseGone', { pause: pid }));
				return met(t('lesson.rootless.stays.met', { pause: pid }));
			},
			timeoutMs: ROOTLESS_STEP_TIMEOUT_MS,
		},
	],
};
