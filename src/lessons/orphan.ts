import { t } from '../messages/i18n.js';
import { shortId } from '../model/container.js';
import { statusAndConmonPidArgs } from '../podman/commands.js';
import { CLEANUP_TIMEOUT_MS, onLessonContainer, removeLessonContainers, runStep, type SharedMemory, stillListed } from './commonSteps.js';
import { type Lesson, met, notYet } from './lesson.js';
import { generationsOf, liveConmonOf } from './observe.js';

const ORPHAN_TIMEOUT_MS = 15_000;

/** What the orphan lesson remembers between its steps. */
export interface OrphanMemory extends SharedMemory {
	/** The conmon alive when the kill key was pressed. */
	killedConmon: number;
	/** The container's process the tree flagged unmonitored once conmon was gone. */
	unmonitoredPid: number;
	/** podman's answer to `inspect --format '{{.State.Status}} {{.State.ConmonPid}}'`, trimmed. */
	inspectAnswer: string;
}

/**
 * What happens when conmon itself is killed: the container runs on unmonitored, podman keeps
 * the stale ConmonPid, and `podman rm -f` recovers. The tree flags this state in every mode.
 */
export const orphan: Lesson<OrphanMemory> = {
	name: 'orphan',
	title: 'lesson.orphan.title',
	summary: 'lesson.orphan.summary',
	notOnFarHost: 'killsConmon',
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
				return { killedConmon: liveConmonOf(state, ctx.containerId)?.pid };
			},
			check(ctx, state) {
				const pid = ctx.memory.killedConmon;
				const killed = generationsOf(state, ctx.containerId).find((g) => g.pid === pid);
				if (!killed) return notYet(t('lesson.seen.noConmon', { name: ctx.containerName }));
				if (killed.exitedAt === undefined) return notYet(t('lesson.seen.conmonRuns', { conmon: killed.pid }));
				const orphanPid = ctx.containerId === undefined ? undefined : state.unmonitored[ctx.containerId];
				if (orphanPid === undefined) return notYet(t('lesson.orphan.seen.notFlagged'));
				return { ...met(t('lesson.orphan.kill.met', { conmon: killed.pid, pid: orphanPid })), remember: { unmonitoredPid: orphanPid } };
			},
			timeoutMs: ORPHAN_TIMEOUT_MS,
		},
		{
			title: 'lesson.orphan.stale.title',
			explanation: 'lesson.orphan.stale.explain',
			expectation: 'lesson.orphan.stale.expect',
			action: {
				key: 'i',
				command: onLessonContainer(statusAndConmonPidArgs),
				after(_ctx, answer) {
					return { remember: { inspectAnswer: answer.trim() } };
				},
			},
			begin() {
				return { inspectAnswer: undefined };
			},
			check(ctx) {
				const answer = ctx.memory.inspectAnswer ?? '';
				const [status, said] = answer.split(' ');
				const killed = ctx.memory.killedConmon;
				if (status !== 'running' || Number(said) !== killed) return notYet(t('lesson.orphan.seen.inspect', { answer: answer || '-' }));
				return met(t('lesson.orphan.stale.met', { status, conmon: said ?? '?' }));
			},
			timeoutMs: ORPHAN_TIMEOUT_MS,
		},
		{
			title: 'lesson.orphan.recover.title',
			explanation: 'lesson.orphan.recover.explain',
			expectation: 'lesson.orphan.recover.expect',
			action: { key: 'd', command: removeLessonContainers },
			check(ctx, state) {
				const pid = ctx.memory.unmonitoredPid;
				const left = stillListed(ctx, state);
				if (left.length > 0) return notYet(t('lesson.seen.stillThere', { ids: left.map(shortId).join(' ') }));
				// podman lists none of them: they are removed, even while the unmonitored process lingers.
				const removed = { seenRemoved: ctx.created };
				if (pid !== undefined && ctx.reader.isAliveAs(pid, undefined)) return { ...notYet(t('lesson.orphan.seen.processLives', { pid })), ...removed };
				return { ...met(t('lesson.orphan.recover.met', { pid: pid ?? '?' })), ...removed };
			},
			timeoutMs: CLEANUP_TIMEOUT_MS,
		},
	],
};
