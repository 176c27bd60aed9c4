import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { containerDisagreements } from '../../src/model/anomalies.js';
import type { ConmonGeneration } from '../../src/model/conmonHistory.js';
import type { Container } from '../../src/model/container.js';
import { conmonsRunningExitCommand } from '../../src/proc/conmonProcess.js';
import type { ProcessInfo } from '../../src/proc/parse.js';

const NOW = Date.parse('2026-11-29T18:00:00Z');
const ID = 'd'.repeat(64);
const OLD_CONMON = 30;
const CLEANUP = 35;
const NEW_CONMON = 50;

const conmonArgv = ['/usr/bin/conmon', '--api-version', '1', '-c', ID, '-u', ID, '-r', '/usr/bin/runc', '-n', 'web'];
const cleanupArgv = ['/usr/bin/podman', '--root', '/tmp/sb/root', 'container', 'cleanup', ID];

function proc(pid: number, ppid: number, argv: string[], state = 'S'): ProcessInfo {
	return { pid, ppid, state, startTicks: pid, comm: argv[0]?.split('/').at(-1)?.slice(0, 15) ?? '', argv };
}

const live = (pid: number): ConmonGeneration => ({ pid, startTicks: pid, startedAt: NOW });

const container: Container = {
	id: ID,
	name: 'web',
	image: 'alpine',
	command: ['sh', '-c', 'sleep 3; exit 3'],
	state: 'running',
	exitCode: undefined,
	pid: 51,
	podmanConmonPid: NEW_CONMON,
	createdAt: NOW,
	startedAt: NOW,
	finishedAt: undefined,
	restartCount: 1,
	execIds: [],
};

/** A restart policy at work: the old conmon waits for its exit command, whose podman has started the new conmon. */
const overlap: ProcessInfo[] = [
	proc(OLD_CONMON, 1, conmonArgv),
	proc(CLEANUP, OLD_CONMON, cleanupArgv),
	proc(NEW_CONMON, 1, conmonArgv),
	proc(51, NEW_CONMON, ['sh', '-c', 'sleep 3; exit 3']),
];

describe('two main conmons at once', () => {
	test("the conmon running podman's cleanup is the one finishing; the new one is not", () => {
		assert.deepEqual([...conmonsRunningExitCommand(overlap)], [OLD_CONMON]);
	});

	test('a fork of conmon about to exec the exit command counts as running it', () => {
		const forked = [proc(OLD_CONMON, 1, conmonArgv), proc(CLEANUP, OLD_CONMON, conmonArgv)];
		assert.deepEqual([...conmonsRunningExitCommand(forked)], [OLD_CONMON]);
	});

	test("no flag while the old conmon runs its cleanup (a restart policy's overlap)", () => {
		const kinds = containerDisagreements(container, [live(OLD_CONMON), live(NEW_CONMON)], undefined, conmonsRunningExitCommand(overlap)).map((d) => d.kind);
		assert.deepEqual(kinds, []);
	});

	test('flagged when neither is running a cleanup', () => {
		const noCleanup = overlap.filter((p) => p.pid !== CLEANUP);
		const found = containerDisagreements(container, [live(OLD_CONMON), live(NEW_CONMON)], undefined, conmonsRunningExitCommand(noCleanup));
		assert.deepEqual(
			found.map((d) => d.kind),
			['two-conmons'],
		);
	});

	test('a dead (zombie) cleanup child no longer excuses the old conmon', () => {
		const reaped = overlap.map((p) => (p.pid === CLEANUP ? { ...p, state: 'Z', argv: [] } : p));
		assert.deepEqual(
			containerDisagreements(container, [live(OLD_CONMON), live(NEW_CONMON)], undefined, conmonsRunningExitCommand(reaped)).map((d) => d.kind),
			['two-conmons'],
		);
	});
});
