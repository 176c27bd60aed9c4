import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
	attachArgs,
	conmonPidArgs,
	containerActionArgs,
	containerCommandArgs,
	eventsArgs,
	execDetachedArgs,
	inspectContainersArgs,
	listContainersArgs,
	logsTailArgs,
	removeNowArgs,
	runArgs,
	statusAndConmonPidArgs,
	stopArgs,
	storeInfoArgs,
	versionArgs,
} from '../../src/podman/commands.js';

/**
 * The exact argv of every podman command conmon-tui runs (src/podman/commands.ts): a change to
 * one has to change this test too, so it is deliberate. The words are podman's documented CLI.
 */
const ID = `bbd78c2c3402${'a'.repeat(52)}`;
const SHORT = 'bbd78c2c3402';

describe('podman queries', () => {
	test('version, list, inspect, store info', () => {
		assert.deepEqual(versionArgs(), ['--version']);
		assert.deepEqual(listContainersArgs(), ['ps', '-a', '--pod', '--format', 'json']);
		assert.deepEqual(inspectContainersArgs([ID, 'other']), ['container', 'inspect', ID, 'other']);
		assert.deepEqual(storeInfoArgs(), ['info', '--format', 'json']);
	});

	test('events from now, and resumed with --since', () => {
		assert.deepEqual(eventsArgs(), ['events', '--format', 'json']);
		assert.deepEqual(eventsArgs('2026-12-01T23:00:00.000Z'), ['events', '--format', 'json', '--since', '2026-12-01T23:00:00.000Z']);
	});

	test("the lessons' inspect templates", () => {
		assert.deepEqual(conmonPidArgs(SHORT), ['container', 'inspect', '--format', '{{.State.ConmonPid}}', SHORT]);
		assert.deepEqual(statusAndConmonPidArgs(SHORT), ['container', 'inspect', '--format', '{{.State.Status}} {{.State.ConmonPid}}', SHORT]);
	});
});

describe('podman commands that change a container', () => {
	const running = { id: ID, state: 'running' };
	test('each key action is one argv with the short ID', () => {
		for (const action of ['start', 'stop', 'kill', 'restart', 'pause', 'unpause'] as const) {
			assert.deepEqual(containerActionArgs(action, running), [action, SHORT]);
		}
		assert.deepEqual(containerCommandArgs('kill', ID), ['kill', SHORT]);
		assert.deepEqual(containerCommandArgs('start', SHORT), ['start', SHORT], 'a short ID stays as it is');
	});

	test('remove needs -f on a running or paused container only', () => {
		assert.deepEqual(containerActionArgs('remove', running), ['rm', '-f', SHORT]);
		assert.deepEqual(containerActionArgs('remove', { ...running, state: 'paused' }), ['rm', '-f', SHORT]);
		assert.deepEqual(containerActionArgs('remove', { ...running, state: 'exited' }), ['rm', SHORT]);
	});

	test('run: the key, and the lessons with a name and a restart policy', () => {
		assert.deepEqual(runArgs('alpine', ['sleep', 'infinity']), ['run', '-d', 'alpine', 'sleep', 'infinity']);
		assert.deepEqual(runArgs('alpine; rm -rf /', ['sh', '-c', 'exit 3']), ['run', '-d', 'alpine; rm -rf /', 'sh', '-c', 'exit 3']);
		assert.deepEqual(runArgs('alpine', ['true'], { name: 'lesson-lifecycle' }), ['run', '-d', '--name', 'lesson-lifecycle', 'alpine', 'true']);
		assert.deepEqual(runArgs('alpine', ['sh', '-c', 'sleep 3; exit 3'], { name: 'lesson-restart-policy', restart: 'always' }), [
			'run',
			'-d',
			'--name',
			'lesson-restart-policy',
			'--restart',
			'always',
			'alpine',
			'sh',
			'-c',
			'sleep 3; exit 3',
		]);
	});

	test('the stop-vs-kill, attach and logs lessons: --init, --log-driver, stop -t, attach as a client, logs --tail', () => {
		assert.deepEqual(runArgs('alpine', ['sleep', 'infinity'], { name: 'l', init: true }), [
			'run',
			'-d',
			'--name',
			'l',
			'--init',
			'alpine',
			'sleep',
			'infinity',
		]);
		assert.deepEqual(runArgs('alpine', ['true'], { logDriver: 'none' }), ['run', '-d', '--log-driver', 'none', 'alpine', 'true']);
		assert.deepEqual(runArgs('alpine', ['true'], { init: false }), ['run', '-d', 'alpine', 'true']);
		assert.deepEqual(stopArgs(ID, 3), ['stop', '-t', '3', SHORT]);
		assert.deepEqual(attachArgs(ID), ['attach', '--no-stdin', '--sig-proxy=false', SHORT]);
		assert.deepEqual(logsTailArgs(ID, 1), ['logs', '--tail', '1', SHORT]);
	});

	test('exec -d and the clean-up remove', () => {
		assert.deepEqual(execDetachedArgs(SHORT, ['sleep', '30']), ['exec', '-d', SHORT, 'sleep', '30']);
		assert.deepEqual(removeNowArgs([ID, 'c'.repeat(64)]), ['rm', '-f', '-i', '-t', '0', SHORT, 'cccccccccccc']);
	});
});
