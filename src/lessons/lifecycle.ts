import { t } from '../i18n.js';
import type { Lesson } from './lesson.js';
import { cleanupStep, conmonWithChild, EXIT_CODE_WAIT_MS, onLessonContainer, remember, runStep } from './commonSteps.js';
import { generationsOf, liveConmonOf, pidChain } from './observe.js';

/** How long a kill may take to show as conmon's exit, with podman's exit code. */
const EXIT_TIMEOUT_MS = 15_000;
/** What a container killed by `podman kill` (SIGKILL, signal 9) exits with: 128 + 9. */
const KILLED_EXIT_CODE = 137;

/** The seed experiment: one conmon per start, and it dies with its container. */
export const lifecycle: Lesson = {
	name: 'lifecycle',
	title: 'lesson.lifecycle.title',
	summary: 'lesson.lifecycle.summary',
	steps: [
		runStep({ title: 'lesson.lifecycle.run.title', explanation: 'lesson.lifecycle.run.explain' }),
		{
			title: 'lesson.lifecycle.kill.title',
			explanation: 'lesson.lifecycle.kill.explain',
			expectation: 'lesson.lifecycle.kill.expect',
			action: { key: 'k', command: onLessonContainer((id) => ['kill', id]) },
			begin(ctx, state) {
				remember(ctx, 'killed.conmon', liveConmonOf(state, ctx.containerId)?.pid);
			},
			check(ctx, state, now) {
				const pid = ctx.memory.get('killed.conmon');
				const killed = generationsOf(state, ctx.containerId).find((g) => g.pid === pid);
				if (pid === undefined || !killed) return { met: false, seen: t('lesson.seen.noConmon', { name: ctx.containerName }) };
				if (killed.exitedAt === undefined) return { met: false, seen: t('lesson.seen.conmonRuns', { conmon: killed.pid }) };
				if (killed.exitCode === undefined && now - killed.exitedAt < EXIT_CODE_WAIT_MS) return { met: false, seen: t('lesson.seen.waitingExitCode') };
				// SIGKILL: 128 + 9. Another code means something else ended it (podman did not send SIGKILL).
				if (killed.exitCode !== undefined && killed.exitCode !== KILLED_EXIT_CODE) {
					return { met: false, seen: t('lesson.lifecycle.kill.seenCode', { conmon: killed.pid, code: killed.exitCode }) };
				}
				return { met: true, text: t('lesson.lifecycle.kill.met', { conmon: killed.pid, code: killed.exitCode ?? '?' }) };
			},
			timeoutMs: EXIT_TIMEOUT_MS,
		},
		{
			title: 'lesson.lifecycle.start.title',
			explanation: 'lesson.lifecycle.start.explain',
			expectation: 'lesson.lifecycle.start.expect',
			action: { key: 's', command: onLessonContainer((id) => ['start', id]) },
			begin(ctx, state) {
				remember(ctx, 'start.before', generationsOf(state, ctx.containerId).at(-1)?.pid);
			},
			check(ctx, state) {
				const before = ctx.memory.get('start.before');
				const seen = conmonWithChild(ctx, state);
				if (!seen.met) return seen;
				if (seen.conmon === before) return { met: false, seen: t('lesson.seen.conmonRuns', { conmon: seen.conmon }) };
				return { met: true, text: t('lesson.lifecycle.start.met', { conmon: seen.conmon, before: before ?? '?', child: seen.child }) };
			},
			timeoutMs: EXIT_TIMEOUT_MS,
		},
		{
			title: 'lesson.lifecycle.conclusion.title',
			explanation: 'lesson.lifecycle.conclusion.explain',
			expectation: 'lesson.lifecycle.conclusion.expect',
			check(ctx, state) {
				const generations = generationsOf(state, ctx.containerId);
				if (generations.length < 2) return { met: false, seen: t('lesson.seen.conmonCount', { count: generations.length }) };
				return { met: true, text: t('lesson.lifecycle.conclusion.met', { count: generations.length, pids: pidChain(generations) }) };
			},
			timeoutMs: EXIT_TIMEOUT_MS,
		},
		cleanupStep(),
	],
};
