import { t } from '../messages/i18n.js';
import { conmonPidArgs } from '../podman/commands.js';
import { cleanupStep, conmonWithChild, onLessonContainer, runStep, type SharedMemory } from './commonSteps.js';
import { type Lesson, met, notYet } from './lesson.js';
import { liveConmonOf } from './observe.js';

/** The checks here read /proc directly; what they look at is already there when the step is shown. */
const LOOK_TIMEOUT_MS = 10_000;

/** What the parentage lesson remembers between its steps. */
export interface ParentageMemory extends SharedMemory {
	/** podman's answer to `inspect --format '{{.State.ConmonPid}}'`, trimmed. */
	inspectConmonPid: string;
}

/** Who is conmon's parent? Not podman: podman has exited; conmon is the parent of the container's PID 1. */
export const parentage: Lesson<ParentageMemory> = {
	name: 'parentage',
	title: 'lesson.parentage.title',
	summary: 'lesson.parentage.summary',
	notOnFarHost: 'followsLocalPodman',
	steps: [
		runStep({ title: 'lesson.parentage.run.title', explanation: 'lesson.parentage.run.explain' }),
		{
			title: 'lesson.parentage.parent.title',
			explanation: 'lesson.parentage.parent.explain',
			expectation: 'lesson.parentage.parent.expect',
			action: {
				key: 'i',
				command: onLessonContainer(conmonPidArgs),
				after(_ctx, answer) {
					return { remember: { inspectConmonPid: answer.trim() } };
				},
			},
			begin() {
				return { inspectConmonPid: undefined };
			},
			check(ctx, state) {
				const conmon = liveConmonOf(state, ctx.containerId);
				const process = conmon && state.processes.find((p) => p.pid === conmon.pid);
				if (!conmon || !process) return notYet(t('lesson.seen.noConmon', { name: ctx.containerName }));
				const said = Number(ctx.memory.inspectConmonPid);
				if (said !== conmon.pid) return notYet(t('lesson.parentage.parent.seenSaid', { said: ctx.memory.inspectConmonPid ?? '-', conmon: conmon.pid }));
				const parent = ctx.reader.comm(process.ppid);
				// The launcher conmon podman starts forks this one and exits: for an instant the parent is podman's child.
				// A parent already gone from /proc is that launcher too, exited since the scan: the next scan shows who adopted conmon.
				if (parent === undefined || parent === 'podman' || parent === 'conmon') {
					return notYet(t('lesson.parentage.parent.seenPodman', { ppid: process.ppid, parent: parent ?? '?' }));
				}
				return met(t('lesson.parentage.parent.met', { said, conmon: conmon.pid, ppid: process.ppid, parent }));
			},
			timeoutMs: LOOK_TIMEOUT_MS,
		},
		{
			title: 'lesson.parentage.podmanGone.title',
			explanation: 'lesson.parentage.podmanGone.explain',
			expectation: 'lesson.parentage.podmanGone.expect',
			check(ctx, state) {
				const podmanPid = ctx.memory.podmanPid;
				const conmon = liveConmonOf(state, ctx.containerId);
				if (!conmon) return notYet(t('lesson.seen.noConmon', { name: ctx.containerName }));
				if (podmanPid === undefined) return notYet(t('lesson.parentage.podmanGone.seenUnknown'));
				if (ctx.reader.isAliveAs(podmanPid, undefined) && ctx.reader.comm(podmanPid) === 'podman') {
					return notYet(t('lesson.parentage.podmanGone.seenAlive', { podman: podmanPid }));
				}
				return met(t('lesson.parentage.podmanGone.met', { podman: podmanPid, conmon: conmon.pid }));
			},
			timeoutMs: LOOK_TIMEOUT_MS,
		},
		{
			title: 'lesson.parentage.child.title',
			explanation: 'lesson.parentage.child.explain',
			expectation: 'lesson.parentage.child.expect',
			check(ctx, state) {
				const seen = conmonWithChild(ctx, state);
				if (!seen.met) return notYet(seen.seen);
				const nsPid = ctx.reader.facts(seen.childPid)?.nsPid ?? [];
				const inside = nsPid.at(-1);
				if (inside !== 1) return notYet(t('lesson.parentage.child.seenInside', { child: seen.child, inside: inside ?? '?' }));
				return met(t('lesson.parentage.child.met', { conmon: seen.conmon, child: seen.child, host: seen.childPid, inside }));
			},
			timeoutMs: LOOK_TIMEOUT_MS,
		},
		cleanupStep(),
	],
};
