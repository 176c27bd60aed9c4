import { shortId } from '../container.js';
import { t } from '../i18n.js';
import { isAliveAs } from '../procfs.js';
import type { Lesson } from './lesson.js';
import { CLEANUP_TIMEOUT_MS, onLessonContainer, remember, removeLessonContainers, runStep, stillListed } from './commonSteps.js';
import { generationsOf, liveConmonOf } from './observe.js';

const ORPHAN_TIMEOUT_MS = 15_000;

/**
 * What happens when conmon itself is killed: the container runs on unmonitored, podman keeps
 * the stale ConmonPid, and `podman rm -f` recovers. The tree flags this state in every mode.
 */
export const orphan: Lesson = {
	name: 'orphan',
	title: 'lesson.orphan.title',
	summary: 'lesson.orphan.summary',
	steps: [
		runStep({ title: 'lesson.orphan.run.title', explanation: 'lesson.orphan.run.explain' }),
		{
			title: 'lesson.orphan.kill.title',
			explanation: 'lesson.orphan.kill.explain',
			expectation: 'lesson.orphan.kill.expect',
			action: {
				key: 'K',
				confirm: true,
				command: (ctx, state) => {
					const conmon = liveConmonOf(state, ctx.containerId);
					return conmon ? { killConmon: { pid: conmon.pid, startTicks: conmon.startTicks } } : undefined;
				},
			},
			begin(ctx, state) {
				remember(ctx, 'orphan.conmon', liveConmonOf(state, ctx.containerId)?.pid);
			},
			check(ctx, state) {
				const pid = ctx.memory.get('orphan.conmon');
				const killed = generationsOf(state, ctx.containerId).find((g) => g.pid === pid);
				if (!killed) return { met: false, seen: t('lesson.seen.noConmon', { name: ctx.containerName }) };
				if (killed.exitedAt === undefined) return { met: false, seen: t('lesson.seen.conmonRuns', { conmon: killed.pid }) };
				const orphanPid = ctx.containerId === undefined ? undefined : state.unmonitored[ctx.containerId];
				if (orphanPid === undefined) return { met: false, seen: t('lesson.orphan.seen.notFlagged') };
				ctx.memory.set('orphan.process', orphanPid);
				return { met: true, text: t('lesson.orphan.kill.met', { conmon: killed.pid, pid: orphanPid }) };
			},
			timeoutMs: ORPHAN_TIMEOUT_MS,
		},
		{
			title: 'lesson.orphan.stale.title',
			explanation: 'lesson.orphan.stale.explain',
			expectation: 'lesson.orphan.stale.expect',
			action: {
				key: 'i',
				command: onLessonContainer((id) => ['container', 'inspect', '--format', '{{.State.Status}} {{.State.ConmonPid}}', id]),
				after(ctx, answer) {
					ctx.memory.set('orphan.inspect', answer.trim());
				},
			},
			begin(ctx) {
				ctx.memory.delete('orphan.inspect');
			},
			check(ctx) {
				const answer = String(ctx.memory.get('orphan.inspect') ?? '');
				const [status, said] = answer.split(' ');
				const killed = ctx.memory.get('orphan.conmon');
				if (status !== 'running' || Number(said) !== killed) return { met: false, seen: t('lesson.orphan.seen.inspect', { answer: answer || '-' }) };
				return { met: true, text: t('lesson.orphan.stale.met', { status, conmon: said ?? '?' }) };
			},
			timeoutMs: ORPHAN_TIMEOUT_MS,
		},
		{
			title: 'lesson.orphan.recover.title',
			explanation: 'lesson.orphan.recover.explain',
			expectation: 'lesson.orphan.recover.expect',
			action: { key: 'd', command: removeLessonContainers },
			check(ctx, state) {
				const pid = ctx.memory.get('orphan.process');
				const left = stillListed(ctx, state);
				if (left.length > 0) return { met: false, seen: t('lesson.seen.stillThere', { ids: left.map(shortId).join(' ') }) };
				if (typeof pid === 'number' && isAliveAs(pid, undefined)) return { met: false, seen: t('lesson.orphan.seen.processLives', { pid }) };
				return { met: true, text: t('lesson.orphan.recover.met', { pid: pid ?? '?' }) };
			},
			timeoutMs: CLEANUP_TIMEOUT_MS,
		},
	],
};
