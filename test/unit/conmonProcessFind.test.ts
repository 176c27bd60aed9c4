import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { containerPidOf, findConmons, indexChildren } from '../../src/proc/conmonProcess.js';
import type { ProcessInfo } from '../../src/proc/parse.js';
import { CONMON_ARGV } from '../helpers/fixtures.js';

function proc(pid: number, ppid: number, argv: string[]): ProcessInfo {
	return { pid, ppid, state: 'S', startTicks: pid, comm: argv[0]?.split('/').at(-1)?.slice(0, 15) ?? '', argv };
}

describe('findConmons: which conmons are monitors', () => {
	const podman = proc(100, 50, ['podman', 'start', 'x']);

	test('the monitor, reparented to PID 1', () => {
		assert.deepEqual(
			findConmons([proc(1, 0, ['init']), proc(200, 1, CONMON_ARGV)]).map((c) => c.process.pid),
			[200],
		);
	});

	test('the launcher (parent podman) is not; the monitor it forked is', () => {
		const found = findConmons([podman, proc(101, 100, CONMON_ARGV), proc(102, 101, CONMON_ARGV)]);
		assert.deepEqual(
			found.map((c) => c.process.pid),
			[102],
		);
	});

	test("the monitor's fork about to exec podman's cleanup is not", () => {
		const found = findConmons([proc(1, 0, ['init']), proc(200, 1, CONMON_ARGV), proc(201, 200, CONMON_ARGV)]);
		assert.deepEqual(
			found.map((c) => c.process.pid),
			[200],
		);
	});

	test('other programs and conmon --version are not', () => {
		assert.deepEqual(findConmons([proc(5, 1, ['/usr/bin/conmon', '--version']), proc(6, 1, ['sleep', '1'])]), []);
	});
});

describe("containerPidOf: the container's first process, not conmon's other children", () => {
	const monitor = proc(200, 1, CONMON_ARGV);
	const pidOf = (...children: ProcessInfo[]) => {
		const [found] = findConmons([proc(1, 0, ['init']), monitor, ...children]);
		assert.ok(found);
		return containerPidOf(found, indexChildren([monitor, ...children]));
	};

	test('the container process', () => {
		assert.equal(pidOf(proc(210, 200, ['sleep', 'infinity'])), 210);
	});

	test("conmon's exit command (podman … container cleanup) is not the container", () => {
		assert.equal(pidOf(proc(230, 200, ['/usr/bin/podman', '--root', '/r', 'container', 'cleanup', 'abc'])), undefined);
	});

	test('nor the fork of conmon about to exec it', () => {
		assert.equal(pidOf(proc(231, 200, CONMON_ARGV)), undefined);
	});

	test('nor a child caught in the middle of execve, with no command line yet', () => {
		assert.equal(pidOf(proc(232, 200, [])), undefined);
		assert.equal(pidOf(proc(232, 200, []), proc(240, 200, ['sleep', 'infinity'])), 240);
	});
});
