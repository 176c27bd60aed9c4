import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { createActions } from '../../src/app/actions.js';
import { Podman } from '../../src/podman/podman.js';
import { procReader, readStat } from '../../src/proc/read.js';
import { createAppStore } from '../../src/state/store.js';

/**
 * The orphan lesson's `kill -9` of a conmon refuses a PID that is no longer that conmon (checked
 * against real /proc): a PID can be reused, and killing what it now names would be a wrong kill.
 */
describe('killConmon refuses a PID that is no longer that conmon', () => {
	const store = createAppStore();
	const actions = createActions({ store, podman: new Podman('podman'), image: 'x', command: [], reader: procReader(), onChange: () => undefined });
	const bystander = spawn('sleep', ['30'], { stdio: 'ignore' });
	after(() => bystander.kill('SIGKILL'));
	const pid = bystander.pid ?? 0;

	test('a live process that is not conmon (as after PID reuse) is not killed', () => {
		const stat = readStat(pid);
		assert.ok(stat);
		assert.equal(actions.killConmon({ pid, startTicks: stat.startTicks }), false);
		assert.match(store.getState().status?.text ?? '', new RegExp(`✗ \\$ kill -9 ${pid}: PID ${pid} is no longer that conmon; nothing was killed`));
		assert.equal(readStat(pid)?.state !== undefined && readStat(pid)?.state !== 'Z', true, 'it still runs');
		assert.equal(store.getState().log.at(-1)?.facts?.kind, 'command-failed');
	});

	test('the same PID with another start time (a new process) is not killed', () => {
		const stat = readStat(pid);
		assert.ok(stat);
		assert.equal(actions.killConmon({ pid, startTicks: stat.startTicks - 1 }), false);
		assert.ok(readStat(pid), 'it still runs');
	});

	test('a PID that is gone is refused with the same words', () => {
		assert.equal(actions.killConmon({ pid: 2 ** 22 + 1, startTicks: 1 }), false);
		assert.match(store.getState().status?.text ?? '', /is no longer that conmon/);
	});
});
