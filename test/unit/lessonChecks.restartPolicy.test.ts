/**
 * The restart-policy lesson's steps, called directly on store states built as the watcher would
 * build them: podman's cleanup starts a new conmon, with a new PID, each time, and the exit codes podman's events bring.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXIT_CODE_WAIT_MS } from '../../src/lessons/commonSteps.js';
import { RESPAWNS_TO_SEE, type RestartPolicyMemory, restartPolicy, SHORT_LIVED_COMMAND } from '../../src/lessons/restartPolicy.js';
import { t } from '../../src/messages/i18n.js';
import type { ConmonGeneration } from '../../src/model/conmonHistory.js';
import type { AppState } from '../../src/state/store.js';
import { at, makeGeneration } from '../helpers/fixtureState.js';
import { assertMet, assertSeen, CONMON, CONTAINER_NAME, IMAGE, inBothLanguages, LessonRun, stateOf, stepOf } from '../helpers/lessonSteps.js';

function lessonRun(made = true): LessonRun<RestartPolicyMemory> {
	return new LessonRun<RestartPolicyMemory>(undefined, made);
}

inBothLanguages('the restart-policy lesson', (language) => {
	const run = stepOf(restartPolicy, 0);
	const watch = stepOf(restartPolicy, 1);
	const g1 = makeGeneration(CONMON, at(16, 59, 0), { exitedAt: at(16, 59, 3), exitCode: 3 });
	const g2 = makeGeneration(CONMON + 100, at(16, 59, 4), { exitedAt: at(16, 59, 7), exitCode: 3 });
	const g3 = makeGeneration(CONMON + 200, at(16, 59, 8), { exitedAt: at(16, 59, 11), exitCode: 3 });
	const g4 = makeGeneration(CONMON + 300, at(16, 59, 12));
	const lastExit = at(16, 59, 11);
	const chain = (list: readonly ConmonGeneration[]): string => list.map((g) => g.pid).join(' → ');
	const stateWith = (generations: readonly ConmonGeneration[]): AppState => stateOf({ containerState: 'running', generations });
	/** Generation `g` as it is before podman's died event brought its exit code. */
	const noCode = (g: ConmonGeneration): ConmonGeneration => ({
		pid: g.pid,
		startTicks: g.startTicks,
		startedAt: g.startedAt,
		...(g.exitedAt === undefined ? {} : { exitedAt: g.exitedAt }),
	});
	/** Generation `g` while it still runs. */
	const running = (g: ConmonGeneration): ConmonGeneration => ({ pid: g.pid, startTicks: g.startTicks, startedAt: g.startedAt });

	test('the run key adds --restart always before the image and the short-lived command after it', () => {
		const args = lessonRun(false).podmanArgs(run, stateOf({}));
		assert.deepEqual(args, ['run', '-d', '--name', CONTAINER_NAME, '--restart', 'always', IMAGE, ...SHORT_LIVED_COMMAND]);
		assert.ok(args.indexOf('--restart') < args.indexOf(IMAGE));
		assert.deepEqual(lessonRun().podmanArgs(run, stateOf({})).slice(2, 4), ['--name', `${CONTAINER_NAME}-2`]);
	});

	test(`not met with fewer than ${RESPAWNS_TO_SEE} new conmons: the chain so far is seen`, () => {
		const lesson = lessonRun();
		lesson.begin(watch, stateWith([running(g1)]));
		assertSeen(lesson.check(watch, stateWith([g1, g2, g3])), t('lesson.restartPolicy.seen.respawns', { count: 2, pids: chain([g1, g2, g3]) }));
		assertSeen(lesson.check(watch, stateWith([])), t('lesson.restartPolicy.seen.respawns', { count: 0, pids: '-' }));
	});

	test('counts from the conmon current at begin, not from older ones', () => {
		const lesson = lessonRun();
		lesson.begin(watch, stateWith([g1, running(g2)]));
		const g5 = makeGeneration(CONMON + 400, at(16, 59, 16));
		const g4Exited = { ...g4, exitedAt: at(16, 59, 15), exitCode: 3 };
		assertSeen(lesson.check(watch, stateWith([g1, g2, g3, g4])), t('lesson.restartPolicy.seen.respawns', { count: 2, pids: chain([g2, g3, g4]) }));
		assertMet(
			lesson.check(watch, stateWith([g1, g2, g3, g4Exited, g5])),
			t('lesson.restartPolicy.watch.met', { count: 3, pids: chain([g2, g3, g4Exited, g5]), codes: '3' }),
			language,
		);
	});

	test(`waits up to ${EXIT_CODE_WAIT_MS} ms for exit codes, then shows only the known ones`, () => {
		const lesson = lessonRun();
		lesson.begin(watch, stateWith([running(g1)]));
		const list = [g1, g2, noCode(g3), g4];
		assertSeen(lesson.check(watch, stateWith(list), lastExit + EXIT_CODE_WAIT_MS - 1), t('lesson.seen.waitingExitCode'));
		assertMet(
			lesson.check(watch, stateWith(list), lastExit + EXIT_CODE_WAIT_MS),
			t('lesson.restartPolicy.watch.met', { count: 3, pids: chain(list), codes: '3' }),
			language,
		);
	});

	test('met at once when every exit code is known; "?" when none is', () => {
		const lesson = lessonRun();
		lesson.begin(watch, stateWith([running(g1)]));
		assertMet(
			lesson.check(watch, stateWith([g1, g2, g3, g4]), lastExit),
			t('lesson.restartPolicy.watch.met', { count: 3, pids: chain([g1, g2, g3, g4]), codes: '3' }),
			language,
		);
		const unknown = [noCode(g1), noCode(g2), noCode(g3), g4];
		assertMet(
			lesson.check(watch, stateWith(unknown), lastExit + EXIT_CODE_WAIT_MS),
			t('lesson.restartPolicy.watch.met', { count: 3, pids: chain(unknown), codes: '?' }),
			language,
		);
	});
});

inBothLanguages('the restart-policy lesson names who restarts the container', () => {
	// conmon runs its exit command (conmon: src/ctr_exit.c, do_exit_command); that podman applies the
	// policy and starts a new conmon (podman: libpod/container_internal.go, fullCleanup → handleRestartPolicy).
	const texts = [
		restartPolicy.title,
		restartPolicy.summary,
		'lesson.restartPolicy.watch.explain',
		'lesson.restartPolicy.watch.expect',
		'lesson.restartPolicy.watch.met',
	] as const;
	for (const key of texts) {
		test(key, () => {
			assert.match(t(key, { count: 3, pids: '1 → 2', codes: '3' }), /podman/, 'podman (its cleanup) restarts it, not conmon on its own');
			assert.match(t(key, { count: 3, pids: '1 → 2', codes: '3' }), /cleanup|後始末/);
		});
	}
	test('the overlap: the old conmon is still alive when the new one starts', () => {
		assert.match(t('lesson.restartPolicy.watch.explain'), /old conmon is still alive|古い conmon はまだ/);
	});
});
