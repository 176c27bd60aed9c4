/**
 * The runner's part in the attach and logs lessons, without podman: a podman that stays
 * (`podman attach`) is started by the key and ended when the step or the lesson is left; a
 * command whose refusal is the lesson does not fail the step; a step's watch is opened with
 * its key and closed when the step is left.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Lesson, met, notYet } from '../../src/lessons/lesson.js';
import { t } from '../../src/messages/i18n.js';
import { FakeProcessReader } from '../helpers/fakeReader.js';
import { flush, installMockClock, lastLessonEvent, PODMAN, progressOf, setup } from '../helpers/lessonRunnerHarness.js';

installMockClock();

interface Memory {
	clientPid: number;
	refusal: string;
}

/** Three steps: a client that stays, a command whose refusal is the answer, a step with a watch. */
const clients: Lesson<Memory> = {
	name: 'clients',
	title: 'lesson.attach.title',
	summary: 'lesson.attach.summary',
	steps: [
		{
			title: 'lesson.attach.attach.title',
			explanation: 'lesson.attach.attach.explain',
			expectation: 'lesson.attach.attach.expect',
			action: { key: 'a', command: () => ({ podmanClient: ['attach', 'x'] }), after: (_ctx, _answer, pid) => ({ remember: { clientPid: pid } }) },
			check: (ctx) => (ctx.memory.clientPid === undefined ? notYet('no client') : met(`client ${ctx.memory.clientPid}`)),
			timeoutMs: 5_000,
		},
		{
			title: 'lesson.logs.none.title',
			explanation: 'lesson.logs.none.explain',
			expectation: 'lesson.logs.none.expect',
			action: { key: 'l', command: () => ({ podman: ['logs', 'x'] }), afterFailure: (_ctx, message) => ({ remember: { refusal: message } }) },
			check: (ctx) => (ctx.memory.refusal === undefined ? notYet('no refusal') : met(`refused: ${ctx.memory.refusal}`)),
			timeoutMs: 5_000,
		},
		{
			title: 'lesson.logs.exit.title',
			explanation: 'lesson.logs.exit.explain',
			expectation: 'lesson.logs.exit.expect',
			action: { key: 'k', command: () => ({ podman: ['kill', 'x'] }) },
			open: (ctx) => ctx.reader.catchFile('/run/exits', 'x'),
			check: (ctx) => {
				const caught = ctx.opened?.caught();
				return caught === undefined ? notYet('no exit file') : met(`exit file ${caught}`);
			},
			timeoutMs: 5_000,
		},
	],
};

describe('a podman client, a refusal, a watch', () => {
	test('the key starts podman attach as a client, shown as the command; the next step ends it', async () => {
		const { store, actions, runner } = setup(clients);
		runner.start();
		assert.equal(progressOf(store).command, `${PODMAN} attach x`);
		runner.act();
		await flush();
		assert.deepEqual(actions.calls, [{ podmanClient: ['attach', 'x'] }]);
		assert.equal(progressOf(store).outcome, 'client 7000');
		assert.equal(actions.clients[0]?.ended, false, 'the client stays while the step is shown, even after its verdict');
		runner.next();
		assert.equal(actions.clients[0]?.ended, true);
	});

	test('pressing the key again ends the first client before the second starts; leaving the lesson ends the last', async () => {
		const { actions, runner } = setup(clients);
		runner.start();
		runner.act();
		await flush();
		runner.repeat();
		runner.act();
		await flush();
		assert.deepEqual(
			actions.clients.map((c) => c.ended),
			[true, false],
		);
		runner.leave();
		assert.deepEqual(
			actions.clients.map((c) => c.ended),
			[true, true],
		);
	});

	test('a client that could not start fails the step', async () => {
		const { store, actions, runner } = setup(clients);
		actions.clientPid = undefined;
		runner.start();
		runner.act();
		await flush();
		assert.equal(progressOf(store).phase, 'failed');
		assert.equal(progressOf(store).outcome, t('lesson.commandFailed'));
	});

	test("a refusal the step expects is its answer: podman's words reach the check", async () => {
		const { store, actions, runner } = setup(clients);
		runner.start();
		runner.next();
		runner.act();
		await actions.refuse("this container is using the 'none' log driver");
		assert.equal(progressOf(store).phase, 'passed');
		assert.equal(progressOf(store).outcome, "refused: this container is using the 'none' log driver");
		assert.equal(lastLessonEvent(store)?.event, 'passed');
	});

	test("a step's watch opens when the step is shown, is in place before its command runs, and closes when the step is left", async () => {
		const reader = new FakeProcessReader();
		const { store, actions, runner } = setup(clients, reader);
		runner.start();
		runner.next();
		assert.equal(reader.catches.length, 0, 'nothing is opened before the step');
		runner.next();
		assert.deepEqual(reader.catches, [{ dir: '/run/exits', name: 'x', closed: false }]);
		runner.act();
		assert.equal(actions.pending, 0, 'the command waits for the watch to be in place');
		await flush();
		assert.equal(actions.pending, 1);
		reader.appearing.set('/run/exits/x', '137');
		await actions.answer('');
		assert.equal(progressOf(store).outcome, 'exit file 137');
		runner.back();
		assert.equal(reader.catches[0]?.closed, true);
	});
});
