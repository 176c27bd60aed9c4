import { t } from '../messages/i18n.js';
import { shortId } from '../model/container.js';
import { execDetachedArgs } from '../podman/commands.js';
import { cleanupStep, onLessonContainer, runStep, type SharedMemory } from './commonSteps.js';
import { type Lesson, met, notYet } from './lesson.js';
import { execConmonsOf, liveConmonOf } from './observe.js';

/** How long the exec'd command runs: long enough to look at its conmon in the tree. */
export const EXEC_SECONDS = 8;
const EXEC_APPEAR_TIMEOUT_MS = 15_000;
/** The exec'd command's own time, and then some. */
const EXEC_EXIT_TIMEOUT_MS = EXEC_SECONDS * 1000 + 15_000;

/** What the exec lesson remembers between its steps. */
export interface ExecMemory extends SharedMemory {
	/** The exec conmons alive before the key: the new one is not among them. */
	knownExecConmons: readonly number[];
	/** The exec conmon the exec step saw appear: the next step watches it exit. */
	execConmon: number;
}

/** `podman exec` starts a second, separate conmon for the session; it exits with the exec'd command. */
export const exec: Lesson<ExecMemory> = {
	name: 'exec',
	title: 'lesson.exec.title',
	summary: 'lesson.exec.summary',
	// Through podman's API (every far podman) the exec conmon outlives its command by
	// exit_command_delay, 300 s by default: its check that conmon exits with the command would fail.
	notOnFarHost: 'execExitDelayed',
	steps: [
		runStep({ title: 'lesson.exec.run.title', explanation: 'lesson.exec.run.explain' }),
		{
			title: 'lesson.exec.exec.title',
			explanation: 'lesson.exec.exec.explain',
			expectation: 'lesson.exec.exec.expect',
			action: {
				key: 'e',
				command: onLessonContainer((id) => execDetachedArgs(id, ['sleep', String(EXEC_SECONDS)])),
			},
			begin(ctx, state) {
				return { execConmon: undefined, knownExecConmons: execConmonsOf(state, ctx.containerId).map((e) => e.pid) };
			},
			check(ctx, state) {
				const main = liveConmonOf(state, ctx.containerId);
				const known = ctx.memory.knownExecConmons ?? [];
				const fresh = execConmonsOf(state, ctx.containerId).find((e) => !known.includes(e.pid));
				if (!main) return notYet(t('lesson.seen.noConmon', { name: ctx.containerName }));
				if (!fresh) return notYet(t('lesson.exec.seen.noExecConmon', { conmon: main.pid }));
				return {
					...met(t('lesson.exec.exec.met', { exec: fresh.pid, conmon: main.pid, session: shortId(fresh.execSessionId) })),
					remember: { execConmon: fresh.pid },
				};
			},
			timeoutMs: EXEC_APPEAR_TIMEOUT_MS,
		},
		{
			title: 'lesson.exec.exit.title',
			explanation: 'lesson.exec.exit.explain',
			expectation: 'lesson.exec.exit.expect',
			check(ctx, state) {
				const pid = ctx.memory.execConmon;
				const main = liveConmonOf(state, ctx.containerId);
				if (!main) return notYet(t('lesson.seen.noConmon', { name: ctx.containerName }));
				if (pid === undefined) return notYet(t('lesson.exec.seen.noExecYet'));
				if (execConmonsOf(state, ctx.containerId).some((e) => e.pid === pid)) return notYet(t('lesson.exec.seen.stillRuns', { exec: pid }));
				return met(t('lesson.exec.exit.met', { exec: pid, conmon: main.pid, seconds: EXEC_SECONDS }));
			},
			timeoutMs: EXEC_EXIT_TIMEOUT_MS,
		},
		cleanupStep(),
	],
};
