/**
 * Lessons on a far host (`--connection`): the ones whose checks need this machine to be conmon's
 * (attach and logs read conmon's sockets and files, orphan kills conmon with kill(1), parentage
 * follows the local podman client's PID), and exec, whose check is not true through podman's API
 * (its exec conmon outlives the command by exit_command_delay), are refused with why, in one line, from the menu as from
 * the command line; the others start, and their pane shows the command exactly as it runs, with
 * podman's global options (`podman --connection far run …`).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exec } from '../../src/lessons/exec.js';
import { LessonController } from '../../src/lessons/lessonController.js';
import { LESSONS, lessonRefusal } from '../../src/lessons/lessons.js';
import { lifecycle } from '../../src/lessons/lifecycle.js';
import { rootless } from '../../src/lessons/rootless.js';
import { LANGUAGES } from '../../src/messages/catalogues.js';
import { setLanguage, t } from '../../src/messages/i18n.js';
import { createAppStore } from '../../src/state/store.js';
import { depsFor, FakeLessonActions, progressOf } from '../helpers/lessonRunnerHarness.js';

const FAR = { label: 'far · ssh://root@127.0.0.1:2222', stale: undefined, procUnknown: false };
const REFUSED_ON_FAR_HOST = ['attach', 'logs', 'orphan', 'parentage', 'exec'];

describe('lessons on a far host', () => {
	for (const language of LANGUAGES) {
		test(`${language}: attach, logs, orphan, parentage and exec are refused with why, in one line; the rest are not`, () => {
			setLanguage(language);
			for (const lesson of LESSONS) {
				const refusal = lessonRefusal(lesson, { uid: 1000, far: true });
				if (!REFUSED_ON_FAR_HOST.includes(lesson.name)) {
					assert.equal(refusal, undefined, lesson.name);
					continue;
				}
				assert.ok(refusal, lesson.name);
				assert.doesNotMatch(refusal, /\n/, 'one line');
				assert.ok(refusal.includes(`conmon-tui lesson ${lesson.name}`), `says how to run it where conmon is: ${refusal}`);
				// Here (no --connection) every one of them may run.
				assert.equal(lessonRefusal(lesson, { uid: 1000, far: false }), undefined, lesson.name);
			}
			const reads = lessonRefusal(LESSONS.find((l) => l.name === 'attach')!, { uid: 0, far: true });
			assert.equal(reads, t('lesson.farHost.readsConmonsMachine', { name: 'attach' }));
			setLanguage('en');
		});
	}

	test('the reason in English names what the far reader does not read', () => {
		setLanguage('en');
		assert.match(
			t('lesson.farHost.readsConmonsMachine', { name: 'logs' }),
			/read files and sockets on the machine conmon runs on, which a far host's reader does not read/,
		);
	});

	test("exec: refused with why its check is not true there (the API delays the exec conmon's exit)", () => {
		setLanguage('en');
		const refusal = lessonRefusal(exec, { uid: 0, far: true });
		assert.equal(refusal, t('lesson.farHost.execExitDelayed', { name: 'exec' }));
		assert.match(refusal ?? '', /exit_command_delay \(300 s by default/);
		assert.equal(lessonRefusal(exec, { uid: 0, far: false }), undefined);
	});

	test('rootless: a far root login is refused with how to connect as an ordinary user; an unknown far UID is not refused', () => {
		setLanguage('en');
		assert.equal(lessonRefusal(rootless, { uid: 0, far: true }), t('lesson.rootless.farAsRoot'));
		assert.match(t('lesson.rootless.farAsRoot'), /podman system connection add NAME ssh:\/\/USER@HOST\/run\/user\/UID\/podman\/podman\.sock/);
		assert.equal(lessonRefusal(rootless, { uid: undefined, far: true }), undefined);
		assert.equal(lessonRefusal(rootless, { uid: 1000, far: true }), undefined);
	});

	test('from the menu: the refused lesson does not start, the menu stays, the status line says why', () => {
		setLanguage('en');
		const store = createAppStore({ loaded: true, ownUid: 0, overlay: 'lessons', farSide: FAR });
		const actions = new FakeLessonActions();
		const lessons = new LessonController(depsFor(store, actions));
		const orphan = LESSONS.find((l) => l.name === 'orphan')!;

		lessons.start(orphan);

		assert.equal(lessons.current, undefined);
		assert.equal(store.getState().overlay, 'lessons');
		assert.deepEqual(store.getState().status, { tone: 'error', text: t('lesson.farHost.killsConmon', { name: 'orphan' }), source: 'program' });
		assert.deepEqual(actions.calls, [], 'nothing ran');
	});

	test('lifecycle starts on a far host, and its pane shows the command as it runs: with --connection', () => {
		setLanguage('en');
		const store = createAppStore({ loaded: true, ownUid: 0, farSide: FAR });
		const actions = new FakeLessonActions();
		const lessons = new LessonController({ ...depsFor(store, actions), podmanCommand: ['podman', '--connection', 'far'] });

		lessons.start(lifecycle);

		const command = progressOf(store).command ?? '';
		assert.match(command, /^podman --connection far run -d --name lesson-lifecycle-[0-9a-f]{4} /, command);
	});
});
