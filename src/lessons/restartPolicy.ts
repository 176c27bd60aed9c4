import { t } from '../messages/i18n.js';
import { cleanupStep, EXIT_CODE_WAIT_MS, runStep, type SharedMemory } from './commonSteps.js';
import { type Lesson, met, notYet } from './lesson.js';
import { generationsOf, pidChain } from './observe.js';

/** How long the container's command lives, and the code it then fails with, so that the restart policy acts. */
const LIFETIME_SECONDS = 3;
const FAILING_EXIT_CODE = 3;
export const SHORT_LIVED_COMMAND = ['sh', '-c', `sleep ${LIFETIME_SECONDS}; exit ${FAILING_EXIT_CODE}`] as const;
/** This many conmons started by podman itself, with no key pressed, make the point. */
export const RESPAWNS_TO_SEE = 3;
const RESPAWN_TIMEOUT_MS = 60_000;

/** What the restart-policy lesson remembers between its steps. */
export interface RestartPolicyMemory extends SharedMemory {
	/** How many conmons the container had when the watching began: respawns count from the last of them. */
	generationsAtStart: number;
}

/**
 * `--restart always`: each time the container exits, its conmon runs `podman container cleanup`,
 * and that podman starts the container again with a new conmon (a new PID), again and again.
 */
export const restartPolicy: Lesson<RestartPolicyMemory> = {
	name: 'restart-policy',
	title: 'lesson.restartPolicy.title',
	summary: 'lesson.restartPolicy.summary',
	steps: [
		runStep(
			{
				title: 'lesson.restartPolicy.run.title',
				explanation: 'lesson.restartPolicy.run.explain',
				params: { seconds: LIFETIME_SECONDS, code: FAILING_EXIT_CODE },
			},
			{ restart: 'always' },
			SHORT_LIVED_COMMAND,
		),
		{
			title: 'lesson.restartPolicy.watch.title',
			explanation: 'lesson.restartPolicy.watch.explain',
			expectation: 'lesson.restartPolicy.watch.expect',
			params: { count: RESPAWNS_TO_SEE },
			begin(ctx, state) {
				return { generationsAtStart: generationsOf(state, ctx.containerId).length };
			},
			check(ctx, state, now) {
				const all = generationsOf(state, ctx.containerId);
				const from = Math.max(0, (ctx.memory.generationsAtStart ?? all.length) - 1);
				const seen = all.slice(from);
				const respawns = seen.length - 1;
				if (respawns < RESPAWNS_TO_SEE) return notYet(t('lesson.restartPolicy.seen.respawns', { count: Math.max(0, respawns), pids: pidChain(seen) || '-' }));
				// podman's died event brings each exit code a little after /proc showed conmon gone.
				const lastExit = Math.max(...seen.map((g) => g.exitedAt ?? 0));
				if (seen.slice(0, -1).some((g) => g.exitCode === undefined) && now - lastExit < EXIT_CODE_WAIT_MS) return notYet(t('lesson.seen.waitingExitCode'));
				// A code podman's events did not bring (a quick respawn can outrun them) is left out rather than shown as "?".
				const known = seen.slice(0, -1).flatMap((g) => (g.exitCode === undefined ? [] : [g.exitCode]));
				const codes = known.length > 0 ? [...new Set(known)].join(', ') : '?';
				return met(t('lesson.restartPolicy.watch.met', { count: respawns, pids: pidChain(seen), codes }));
			},
			timeoutMs: RESPAWN_TIMEOUT_MS,
		},
		cleanupStep(),
	],
};
