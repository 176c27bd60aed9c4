import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseConmonArgs } from '../../src/proc/conmonArgs.js';
import { parseCmdline, parseNsPid, parseStat, parseUid } from '../../src/proc/parse.js';
import { projectRoot, readFixture } from '../helpers/fixtures.js';

/** The PIDs and IDs the /proc fixtures were captured with (podman 4.3.1, conmon 2.1.6). */
const meta = JSON.parse(readFixture('proc/meta.json')) as {
	containerId: string;
	conmonPid: number;
	containerPid: number;
	execConmonPid: number;
	execIds: string[];
	zombieConmonPid: number;
};

function cmdline(name: string): string[] {
	return parseCmdline(readFileSync(join(projectRoot(), 'test', 'fixtures', 'proc', name), 'latin1'));
}

describe('captured /proc files', () => {
	test('the monitor conmon: stat and cmdline lead to its container', () => {
		const stat = parseStat(readFixture('proc/conmon-stat.txt'));
		assert.equal(stat?.pid, meta.conmonPid);
		assert.equal(stat?.comm, 'conmon');
		assert.equal(stat?.ppid, 1, 'reparented to PID 1: its parent is not podman');
		assert.equal(parseConmonArgs(cmdline('conmon-cmdline.bin'))?.containerId, meta.containerId);
	});

	test('the exec-session conmon is told apart by -e, with the exec session ID podman lists', () => {
		const args = parseConmonArgs(cmdline('conmon-exec-cmdline.bin'));
		assert.equal(args?.containerId, meta.containerId);
		assert.equal(args?.execSessionId, meta.execIds[0]);
	});

	test('`conmon --version` is not a monitor', () => {
		assert.equal(parseConmonArgs(cmdline('conmon-version-cmdline.bin')), undefined);
	});

	test('an exited conmon not yet reaped is a zombie with an empty cmdline', () => {
		const stat = parseStat(readFixture('proc/conmon-zombie-stat.txt'));
		assert.equal(stat?.state, 'Z');
		assert.equal(stat?.pid, meta.zombieConmonPid);
		assert.deepEqual(cmdline('zombie-cmdline.bin'), []);
	});

	test('the container process: PID 1 inside, its host PID outside', () => {
		const status = readFixture('proc/container-status.txt');
		assert.deepEqual(parseNsPid(status), [meta.containerPid, 1]);
		assert.equal(parseUid(status), 0);
	});

	test('a process named "a b) (c"', () => {
		const stat = parseStat(readFixture('proc/stat-weird-comm.txt'));
		assert.equal(stat?.comm, 'a b) (c');
		assert.equal(stat?.state, 'S');
	});
});
