import { shortId } from '../container.js';
import { t } from '../i18n.js';
import type { Lesson } from './lesson.js';
import { cleanupStep, onLessonContainer, runStep } from './commonSteps.js';
import { execConmonsOf, liveConmonOf } from './observe.js';

/** How long the exec'd command runs: long enough to look at its conmon in the tree. */
export const EXEC_SECONDS = 8;
const EXEC_APPEAR_TIMEOUT_MS = 15_000;
/** The exec'd command's own time, and then some. */
const EXEC_EXIT_TIMEOUT_MS = EXEC_SECONDS * 1000 + 15_000;

/** `podman exec` starts a second, separate conmon for the session; it exits with the exec'd command. */
export const exec: Lesson = {
	name: 'exec',
	title: 'lesson.exec.title',
	summary: 'lesson.exec.summary',
	steps: [
		runStep({ title: 'lesson.exec.run.title', explanation: 'lesson.exec.run.explain' }),
		{
			title: 'lesson.exec.exec.title',
			explanation: 'lesson.exec.exec.explain',
			expectation: 'lesson.exec.exec.expect',
			action: {
				key: 'e',
				command: onLessonContainer((id) => ['exec', '-d', id, 'sleep', String(EXEC_SECONDS)]),
			},
			begin(ctx, state) {
				ctx.memory.delete('exec.conmon');
				ctx.memory.set('exec.known', execConmonsOf(state, ctx.containerId).map((e) => e.pid).join(','));
			},
			check(ctx, state) {
				const main = liveConmonOf(state, ctx.containerId);
				const known = String(ctx.memory.get('exec.known') ?? '').split(',');
				const fresh = execConmonsOf(state, ctx.containerId).find((e) => !known.includes(String(e.pid)));
				if (!main) return { met: false, seen: t('lesson.seen.noConmon', { name: ctx.containerName }) };
				if (!fresh) return { met: false, seen: t('lesson.exec.seen.noExecConmon', { conmon: main.pid }) };
				ctx.memory.set('exec.conmon', fresh.pid);
				return { met: true, text: t('lesson.exec.exec.met', { exec: fresh.pid, conmon: main.pid, session: shortId(fresh.execSessionId) }) };
			},
			timeoutMs: EXEC_APPEAR_TIMEOUT_MS,
		},
		{
			title: 'lesson.exec.exit.title',
			explanation: 'lesson.exec.exit.explain',
			expectation: 'lesson.exec.exit.expect',
			check(ctx, state) {
				const pid = ctx.memory.get('exec.conmon');
				const main = liveConmonOf(state, ctx.containerId);
				if (!main) return { met: false, seen: t('lesson.seen.noConmon', { name: ctx.containerName }) };
				if (pid === undefined) return { met: false, seen: t('lesson.exec.seen.noExecYet') };
				if (execConmonsOf(state, ctx.containerId).some((e) => e.pid === pid)) return { met: false, seen: t('lesson.exec.seen.stillRuns', { exec: pid }) };
				return { met: true, text: t('lesson.exec.exit.met', { exec: pid, conmon: main.pid, seconds: EXEC_SECONDS }) };
			},
			timeoutMs: EXEC_EXIT_TIMEOUT_MS,
		},
		cleanupStep(),
	],
};
