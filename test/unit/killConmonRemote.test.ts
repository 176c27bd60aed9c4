import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { createActions } from '../../src/app/actions.js';
import { Podman } from '../../src/podman/podman.js';
import { readStat } from '../../src/proc/read.js';
import { createAppStore } from '../../src/state/store.js';
import { FakeProcessReader } from '../helpers/fakeReader.js';

/**
 * With a far podman (`--connection`) the orphan lesson's `kill -9` is refused: a far conmon's PID
 * names some other process here. The far reader below even vouches that the PID is that conmon
 * (as it would for a far conmon whose PID happens to be taken here too): still nothing is killed.
 */
describe('killConmon on a far host', () => {
	const bystander = spawn('sleep', ['30'], { stdio: 'ignore' });
	after(() => bystander.kill('SIGKILL'));
	const pid = bystander.pid ?? 0;

	test('is refused, and the local process with that PID lives on', () => {
		const local = readStat(pid);
		assert.ok(local);
		// The far host's conmon has the PID of this machine's bystander `sleep`.
		const farReader = new FakeProcessReader({ [pid]: { comm: 'conmon', state: 'S', ppid: 1, startTicks: local.startTicks } });
		const store = createAppStore();
		const actions = createActions({
			store,
			podman: new Podman('podman', 30_000, process.env, ['--connection', 'far']),
			image: 'x',
			command: [],
			reader: farReader,
			remote: true,
			onChange: () => undefined,
		});
		assert.equal(actions.killConmon({ pid, startTicks: local.startTicks }), false);
		assert.match(store.getState().status?.text ?? '', new RegExp(`PID ${pid} lives on the far host.*nothing was killed`));
		assert.equal(store.getState().status?.source, 'key', "a key's refusal: the status line's, not the host's problem (hostProblem)");
		assert.ok(readStat(pid) && readStat(pid)?.state !== 'Z', 'the local process still runs');
	});
});
