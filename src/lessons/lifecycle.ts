import { t } from '../messages/i18n.js';
import { containerCommandArgs } from '../podman/commands.js';
import { cleanupStep, conmonWithChild, EXIT_CODE_WAIT_MS, onLessonContainer, runStep, type SharedMemory } from './commonSteps.js';
import { type Lesson, met, notYet } from './lesson.js';
import { generationsOf, liveConmonOf, pidChain } from './observe.js';

/** How long a kill may take to show as conmon's exit, with podman's exit code. */
const EXIT_TIMEOUT_MS = 15_000;
/** What a container killed by `podman kill` (SIGKILL, signal 9) exits with: 128 + 9. */
const KILLED_EXIT_CODE = 137;

/** What the lifecycle lesson remembers between its steps. */
export interface LifecycleMemory extends SharedMemory {
	/** The conmon alive when `podman kill` ran: the one to see exit. */
	killedConmon: number;
	/** The latest conmon before `podman start`: the new one must differ. */
	conmonBeforeStart: number;
}

/** The seed experiment: one conmon per start, and it dies with its container. */
export const lifecycle: Lesson<LifecycleMemory> = {
	name: 'lifecycle',
	title: 'lesson.lifecycle.title',
	summary: 'lesson.lifecycle.summary',
	steps: [
		runStep({ title: 'lesson.lifecycle.run.title', explanation: 'lesson.lifecycle.run.explain' }),
		{
			title: 'lesson.lifecycle.kill.title',
			explanation: 'lesson.lifecycle.kill.explain',
			expectation: 'lesson.lifecycle.kill.expect',
			action: { key: 'k', command: onLessonContainer((id) => containerCommandArgs('kill', id)) },
			begin(ctx, state) {
				return { killedConmon: liveConmonOf(state, ctx.containerId)?.pid };
			},
			check(ctx, state, now) {
				const pid = ctx.memory.killedConmon;
				const killed = generationsOf(state, ctx.containerId).find((g) => g.pid === pid);
				if (pid === undefined || !killed) return notYet(t('lesson.seen.noConmon', { name: ctx.containerName }));
				if (killed.exitedAt === undefined) return notYet(t('lesson.seen.conmonRuns', { conmon: killed.pid }));
				if (killed.exitCode === undefined && now - killed.exitedAt < EXIT_CODE_WAIT_MS) return notYet(t('lesson.seen.waitingExitCode'));
				// SIGKILL: 128 + 9. Another code means something else ended it (podman did not send SIGKILL).
				if (killed.exitCode !== undefined && killed.exitCode !== KILLED_EXIT_CODE) {
					return notYet(t('lesson.lifecycle.kill.seenCode', { conmon: killed.pid, code: killed.exitCode }));
				}
				return met(t('lesson.lifecycle.kill.met', { conmon: killed.pid, code: killed.exitCode ?? '?' }));
			},
			timeoutMs: EXIT_TIMEOUT_MS,
		},
		{
			title: 'lesson.lifecycle.start.title',
			explanation: 'lesson.lifecycle.start.explain',
			expectation: 'lesson.lifecycle.start.expect',
			action: { key: 's', command: onLessonContainer((id) => containerCommandArgs('start', id)) },
			begin(ctx, state) {
				return { conmonBeforeStart: generationsOf(state, ctx.containerId).at(-1)?.pid };
			},
			check(ctx, state) {
				const before = ctx.memory.conmonBeforeStart;
				const seen = conmonWithChild(ctx, state);
				if (!seen.met) return notYet(seen.seen);
				if (seen.conmon === before) return notYet(t('lesson.seen.conmonRuns', { conmon: seen.conmon }));
				return met(t('lesson.lifecycle.start.met', { conmon: seen.conmon, before: before ?? '?', child: seen.child }));
			},
			timeoutMs: EXIT_TIMEOUT_MS,
		},
		{
			title: 'lesson.lifecycle.conclusion.title',
			explanation: 'lesson.lifecycle.conclusion.explain',
			expectation: 'lesson.lifecycle.conclusion.expect',
			check(ctx, state) {
				const generations = generationsOf(state, ctx.containerId);
				if (generations.length < 2) return notYet(t('lesson.seen.conmonCount', { count: generations.length }));
				return met(t('lesson.lifecycle.conclusion.met', { count: generations.length, pids: pidChain(generations) }));
			},
			timeoutMs: EXIT_TIMEOUT_MS,
		},
		cleanupStep(),
	],
};
