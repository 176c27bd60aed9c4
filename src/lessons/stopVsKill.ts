import { type MessageKey, t } from '../messages/i18n.js';
import { stopArgs } from '../podman/commands.js';
import { hasSignal } from '../proc/parse.js';
import { cleanupStep, conmonWithChild, EXIT_CODE_WAIT_MS, onLessonContainer, runStep, type SharedMemory } from './commonSteps.js';
import { type Lesson, type LessonStep, met, notYet } from './lesson.js';
import { generationsOf, liveConmonOf } from './observe.js';

/**
 * `podman stop -t 3`: podman's default wait before SIGKILL is 10 s (containers.conf stop_timeout);
 * 3 s shows the same thing without keeping a class waiting.
 */
export const STOP_SECONDS = 3;
/** The container's command: `sleep` installs no SIGTERM handler, so as PID 1 nothing delivers SIGTERM to it. */
export const SLEEP_COMMAND = ['sleep', 'infinity'] as const;
const SIGTERM = 15;
/** 128 + 9: the container was ended by SIGKILL. */
export const KILLED_BY_SIGKILL = 137;
/** 128 + 15: the container was ended by SIGTERM. */
export const ENDED_BY_SIGTERM = 143;
const LOOK_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = STOP_SECONDS * 1000 + 15_000;

/** What the stop-vs-kill lesson remembers between its steps. */
export interface StopVsKillMemory extends SharedMemory {
	/** The conmon alive when `podman stop` ran: the one to see exit. */
	stoppedConmon: number;
	/** When the stop key was pressed (ms): how long the container took to exit is shown. */
	stopPressedAt: number;
}

/** `s`: `podman stop -t 3`, expecting the container's exit code `code` (137 without an init, 143 with one). */
function stopStep(texts: { title: MessageKey; explanation: MessageKey; met: MessageKey }, code: number): LessonStep<StopVsKillMemory> {
	return {
		title: texts.title,
		explanation: texts.explanation,
		expectation: code === KILLED_BY_SIGKILL ? 'lesson.stopVsKill.stop.expect' : 'lesson.stopVsKill.stopInit.expect',
		params: { seconds: STOP_SECONDS },
		action: { key: 's', command: onLessonContainer((id) => stopArgs(id, STOP_SECONDS)) },
		begin(ctx, state, now) {
			return { stoppedConmon: liveConmonOf(state, ctx.containerId)?.pid, stopPressedAt: now };
		},
		check(ctx, state, now) {
			const pid = ctx.memory.stoppedConmon;
			const stopped = generationsOf(state, ctx.containerId).find((g) => g.pid === pid);
			if (pid === undefined || !stopped) return notYet(t('lesson.seen.noConmon', { name: ctx.containerName }));
			if (stopped.exitedAt === undefined) return notYet(t('lesson.seen.conmonRuns', { conmon: stopped.pid }));
			if (stopped.exitCode === undefined && now - stopped.exitedAt < EXIT_CODE_WAIT_MS) return notYet(t('lesson.seen.waitingExitCode'));
			if (stopped.exitCode !== code) return notYet(t('lesson.stopVsKill.seen.code', { conmon: stopped.pid, code: stopped.exitCode ?? '?' }));
			// When conmon-tui saw conmon gone, less when the key was pressed: the stop's wait, give or take a scan.
			const seconds = ((stopped.exitedAt - (ctx.memory.stopPressedAt ?? stopped.exitedAt)) / 1000).toFixed(1);
			return met(t(texts.met, { conmon: stopped.pid, code, seconds }));
		},
		timeoutMs: STOP_TIMEOUT_MS,
	};
}

/**
 * `podman stop` sends SIGTERM and, after its timeout, SIGKILL. `sleep` as PID 1 has no SIGTERM
 * handler, so only the SIGKILL ends it: 137. With `--init`, catatonit is PID 1 and forwards
 * SIGTERM to sleep, which dies of it at once: 143. conmon exits either way; the code is the container's.
 */
export const stopVsKill: Lesson<StopVsKillMemory> = {
	name: 'stop-vs-kill',
	title: 'lesson.stopVsKill.title',
	summary: 'lesson.stopVsKill.summary',
	steps: [
		runStep({ title: 'lesson.stopVsKill.run.title', explanation: 'lesson.stopVsKill.run.explain' }, {}, SLEEP_COMMAND),
		{
			title: 'lesson.stopVsKill.look.title',
			explanation: 'lesson.stopVsKill.look.explain',
			expectation: 'lesson.stopVsKill.look.expect',
			check(ctx, state) {
				const seen = conmonWithChild(ctx, state);
				if (!seen.met) return notYet(seen.seen);
				const facts = ctx.reader.facts(seen.childPid);
				const inside = facts?.nsPid.at(-1);
				if (inside !== 1) return notYet(t('lesson.stopVsKill.seen.inside', { child: seen.child, inside: inside ?? '?' }));
				if (facts?.caughtSignals === undefined) return notYet(t('lesson.stopVsKill.seen.noMasks', { child: seen.child }));
				if (hasSignal(facts.caughtSignals, SIGTERM)) return notYet(t('lesson.stopVsKill.seen.caught', { child: seen.child }));
				return met(t('lesson.stopVsKill.look.met', { child: seen.child }));
			},
			timeoutMs: LOOK_TIMEOUT_MS,
		},
		stopStep({ title: 'lesson.stopVsKill.stop.title', explanation: 'lesson.stopVsKill.stop.explain', met: 'lesson.stopVsKill.stop.met' }, KILLED_BY_SIGKILL),
		runStep({ title: 'lesson.stopVsKill.runInit.title', explanation: 'lesson.stopVsKill.runInit.explain' }, { init: true }, SLEEP_COMMAND),
		stopStep(
			{ title: 'lesson.stopVsKill.stopInit.title', explanation: 'lesson.stopVsKill.stopInit.explain', met: 'lesson.stopVsKill.stopInit.met' },
			ENDED_BY_SIGTERM,
		),
		cleanupStep(),
	],
};
