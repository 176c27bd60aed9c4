/**
 * The lesson controller with the pod and rootless lessons: the rootless lesson refused as root
 * (the menu stays, the status line says how to start it as an ordinary user), and leaving the pod
 * lesson half-way removes its pod with `podman pod rm` (`podman rm` refuses an infra container),
 * then its member; the exit message names both commands until podman has answered.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LessonController } from '../../src/lessons/lessonController.js';
import { pod } from '../../src/lessons/pod.js';
import { rootless } from '../../src/lessons/rootless.js';
import { t } from '../../src/messages/i18n.js';
import { createAppStore } from '../../src/state/store.js';
import { containerId } from '../helpers/fixtureState.js';
import { depsFor, FakeLessonActions, flush, podmanArgs, progressOf } from '../helpers/lessonRunnerHarness.js';

const POD_ID = containerId('a lesson pod');
const MEMBER_ID = containerId('a lesson pod member');

function controller(ownUid: number): { store: ReturnType<typeof createAppStore>; actions: FakeLessonActions; lessons: LessonController } {
	const store = createAppStore({ loaded: true, ownUid, overlay: 'lessons' });
	const actions = new FakeLessonActions();
	return { store, actions, lessons: new LessonController(depsFor(store, actions)) };
}

describe('the lesson controller with the pod and rootless lessons', () => {
	test('as root the rootless lesson is refused: no lesson starts, the menu stays, the status line says how to start it', () => {
		const { store, actions, lessons } = controller(0);

		lessons.start(rootless);

		assert.equal(lessons.current, undefined);
		assert.equal(store.getState().lesson, undefined);
		assert.equal(store.getState().overlay, 'lessons');
		assert.deepEqual(store.getState().status, { tone: 'error', text: t('lesson.rootless.asRoot'), source: 'program' });
		assert.deepEqual(actions.calls, [], 'nothing ran');
	});

	test('as an ordinary user it starts', () => {
		const { store, lessons } = controller(1001);

		lessons.start(rootless);

		assert.equal(progressOf(store).name, 'rootless');
	});

	test('leaving the pod lesson removes its pod first (podman pod rm), then its member; the exit message names both until answered', async () => {
		const { actions, lessons } = controller(0);
		lessons.start(pod);
		lessons.current?.act();
		await actions.answer(POD_ID);
		lessons.current?.next();
		lessons.current?.act();
		await actions.answer(MEMBER_ID);
		assert.deepEqual(lessons.current?.leftoverPods(), [POD_ID]);

		void lessons.leave();
		await flush();

		assert.deepEqual(podmanArgs(actions.calls.at(-1)), ['pod', 'rm', '-f', '-i', '-t', '0', POD_ID.slice(0, 12)]);
		const both = `podman pod rm -f -i -t 0 ${POD_ID.slice(0, 12)}; podman rm -f -i -t 0 ${MEMBER_ID.slice(0, 12)}`;
		assert.equal(lessons.exitMessage(), t('lesson.leftoversOnExit', { command: both }));
		await actions.answer(POD_ID);
		assert.deepEqual(podmanArgs(actions.calls.at(-1)), ['rm', '-f', '-i', '-t', '0', MEMBER_ID.slice(0, 12)]);
		await actions.answer(MEMBER_ID);
		assert.equal(lessons.exitMessage(), undefined);
	});
});
