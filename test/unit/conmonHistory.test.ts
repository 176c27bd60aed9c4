import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHANGE_HIGHLIGHT_MS } from '../../src/model/changeHighlight.js';
import {
	type ConmonHistory,
	currentGeneration,
	EMPTY_HISTORY,
	EXEC_EXIT_RETENTION_MS,
	forgetContainers,
	MAX_GENERATIONS_PER_CONTAINER,
	observeConmons,
	recordExitCode,
} from '../../src/model/conmonHistory.js';
import { parseConmonArgs } from '../../src/proc/conmonArgs.js';
import type { ConmonProcess } from '../../src/proc/conmonProcess.js';
import type { ProcessInfo } from '../../src/proc/parse.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const toMs = (ticks: number) => 1_000_000 + ticks * 10;

function conmon(pid: number, startTicks: number, containerId: string, extra: { state?: string; exec?: string } = {}): ConmonProcess {
	const argv = ['/usr/bin/conmon', '--api-version', '1', '-c', containerId, '-u', extra.exec ?? containerId, '-n', 'web', '-r', '/usr/bin/runc'];
	if (extra.exec) argv.push('-e');
	const process: ProcessInfo = { pid, ppid: 1, state: extra.state ?? 'S', startTicks, comm: 'conmon', argv };
	const args = parseConmonArgs(argv);
	assert.ok(args);
	return { process, args };
}

function observe(history: ConmonHistory, conmons: ConmonProcess[], now: number, containerPid?: number) {
	return observeConmons(history, conmons, () => containerPid, toMs, now);
}

describe('observeConmons', () => {
	test('run → kill → start: two generations, the first exited, the second current', () => {
		let { history, changes } = observe(EMPTY_HISTORY, [conmon(3805, 100, A)], 5_000, 3815);
		assert.deepEqual(changes, [{ kind: 'appeared', containerId: A, pid: 3805, at: toMs(100), name: 'web' }]);
		assert.equal(currentGeneration(history.generations[A])?.pid, 3805);
		assert.equal(history.generations[A]?.[0]?.containerPid, 3815);
		assert.equal(history.generations[A]?.[0]?.nameAtStart, 'web');

		({ history, changes } = observe(history, [], 6_000));
		assert.deepEqual(changes, [{ kind: 'exited', containerId: A, pid: 3805, at: 6_000 }]);
		assert.equal(currentGeneration(history.generations[A]), undefined);

		({ history, changes } = observe(history, [conmon(3990, 700, A)], 7_000, 4002));
		assert.deepEqual(
			changes.map((c) => [c.kind, c.pid]),
			[['appeared', 3990]],
		);
		const list = history.generations[A] ?? [];
		assert.deepEqual(
			list.map((g) => [g.pid, g.exitedAt ?? null, g.containerPid ?? null]),
			[
				[3805, 6_000, 3815],
				[3990, null, 4002],
			],
		);
	});

	test('a zombie conmon is dead: the generation exits though the PID is still listed', () => {
		let { history } = observe(EMPTY_HISTORY, [conmon(10, 1, A)], 1);
		const result = observe(history, [conmon(10, 1, A, { state: 'Z' })], 2);
		history = result.history;
		assert.deepEqual(
			result.changes.map((c) => c.kind),
			['exited'],
		);
		assert.equal(history.generations[A]?.[0]?.exitedAt, 2);
	});

	test('a conmon first seen as a zombie is recorded, already exited', () => {
		const { history, changes } = observe(EMPTY_HISTORY, [conmon(10, 1, A, { state: 'Z' })], 50);
		assert.deepEqual(
			changes.map((c) => c.kind),
			['appeared', 'exited'],
		);
		assert.equal(history.generations[A]?.[0]?.exitedAt, 50);
	});

	test('a reused PID with a new start time is a new conmon, not the old one', () => {
		let { history } = observe(EMPTY_HISTORY, [conmon(500, 1, A)], 1);
		const result = observe(history, [conmon(500, 999, A)], 2);
		history = result.history;
		assert.deepEqual(
			result.changes.map((c) => [c.kind, c.pid]),
			[
				['exited', 500],
				['appeared', 500],
			],
		);
		assert.equal(history.generations[A]?.length, 2);
	});

	test('nothing changed: the same history object comes back, so the UI does not redraw', () => {
		const first = observe(EMPTY_HISTORY, [conmon(10, 1, A)], 1, 11);
		const second = observe(first.history, [conmon(10, 1, A)], 2, 11);
		assert.equal(second.history, first.history);
		assert.deepEqual(second.changes, []);
	});

	test('the container PID is filled in once the container process exists', () => {
		const first = observe(EMPTY_HISTORY, [conmon(10, 1, A)], 1, undefined);
		assert.equal(first.history.generations[A]?.[0]?.containerPid, undefined);
		const second = observe(first.history, [conmon(10, 1, A)], 2, 12);
		assert.equal(second.history.generations[A]?.[0]?.containerPid, 12);
	});

	test('the container PID is fixed when first seen: a later child of conmon never replaces it', () => {
		const first = observe(EMPTY_HISTORY, [conmon(10, 1, A)], 1, 12);
		// The container died; conmon's next child (its cleanup command, in a real scan) is another PID.
		const second = observe(first.history, [conmon(10, 1, A)], 2, 57);
		assert.equal(second.history.generations[A]?.[0]?.containerPid, 12);
		assert.equal(second.history, first.history);
	});

	test('exec conmons are tracked apart and reported when they come and go', () => {
		const main = conmon(10, 1, A);
		const exec = conmon(20, 5, A, { exec: 'e'.repeat(64) });
		let result = observe(EMPTY_HISTORY, [main, exec], 1);
		assert.deepEqual(
			result.changes.map((c) => [c.kind, c.pid]),
			[
				['appeared', 10],
				['exec-appeared', 20],
			],
		);
		assert.equal(result.history.generations[A]?.length, 1, 'an exec conmon is not a generation');
		assert.equal(Object.values(result.history.execConmons)[0]?.execSessionId, 'e'.repeat(64));
		result = observe(result.history, [main], 2);
		assert.deepEqual(
			result.changes.map((c) => [c.kind, c.pid]),
			[['exec-exited', 20]],
		);
		assert.deepEqual(result.history.execConmons, {});
		// It is kept, with the time it went, for the tree to mark it exited a moment; then dropped.
		assert.deepEqual(
			Object.values(result.history.recentExecExits ?? {}).map((e) => [e.pid, e.exitedAt]),
			[[20, 2]],
		);
		result = observe(result.history, [main], 2 + EXEC_EXIT_RETENTION_MS - 1);
		assert.equal(Object.keys(result.history.recentExecExits ?? {}).length, 1);
		result = observe(result.history, [main], 2 + EXEC_EXIT_RETENTION_MS);
		assert.deepEqual(result.history.recentExecExits, {});
	});

	test('an exited exec conmon is kept at least as long as the screen marks it exited', () => {
		assert.ok(EXEC_EXIT_RETENTION_MS >= CHANGE_HIGHLIGHT_MS, 'the tree would lose an exit it still means to show');
	});

	test('history per container is bounded', () => {
		let history = EMPTY_HISTORY;
		for (let i = 0; i < MAX_GENERATIONS_PER_CONTAINER + 7; i++) {
			history = observe(history, [conmon(1000 + i, i + 1, A)], i).history;
		}
		const list = history.generations[A] ?? [];
		assert.equal(list.length, MAX_GENERATIONS_PER_CONTAINER);
		assert.equal(list.at(-1)?.pid, 1000 + MAX_GENERATIONS_PER_CONTAINER + 6);
	});
});

describe('recordExitCode', () => {
	test('the code goes to the generation running when the container died', () => {
		let { history } = observe(EMPTY_HISTORY, [conmon(10, 100, A)], 1);
		history = observe(history, [], 2).history;
		history = observe(history, [conmon(11, 300, A)], 3).history;
		// died at toMs(200): after the first start, before the second.
		history = recordExitCode(history, A, 137, toMs(200));
		assert.deepEqual(
			history.generations[A]?.map((g) => g.exitCode ?? null),
			[137, null],
		);
	});

	test('with --restart always the new conmon may already be up: it does not get the old code', () => {
		let { history } = observe(EMPTY_HISTORY, [conmon(10, 100, A)], 1);
		history = observe(history, [conmon(11, 300, A)], 2).history;
		history = recordExitCode(history, A, 1, toMs(250));
		assert.deepEqual(
			history.generations[A]?.map((g) => g.exitCode ?? null),
			[1, null],
		);
	});

	test('a code already recorded is not overwritten, an unknown container is ignored', () => {
		let { history } = observe(EMPTY_HISTORY, [conmon(10, 100, A)], 1);
		history = recordExitCode(history, A, 3, toMs(150));
		assert.equal(recordExitCode(history, A, 9, toMs(150)), history);
		assert.equal(recordExitCode(history, B, 9, toMs(150)), history);
	});
});

describe('forgetContainers', () => {
	test('drops removed containers but keeps one whose conmon still lives', () => {
		let { history } = observe(EMPTY_HISTORY, [conmon(10, 1, A), conmon(20, 2, B)], 1);
		history = observe(history, [conmon(20, 2, B)], 2).history;
		const kept = forgetContainers(history, new Set());
		assert.deepEqual(Object.keys(kept.generations), [B]);
		assert.equal(forgetContainers(history, new Set([A, B])), history);
	});
});

describe('a removed container whose conmon lingers as a zombie', () => {
	test('is forgotten once, not re-added on every scan while the zombie is listed', () => {
		let { history } = observe(EMPTY_HISTORY, [conmon(10, 1, A)], 1);
		history = observe(history, [conmon(10, 1, A, { state: 'Z' })], 2).history;
		history = forgetContainers(history, new Set());
		const again = observe(history, [conmon(10, 1, A, { state: 'Z' })], 3);
		assert.deepEqual(again.changes, []);
		assert.equal(again.history.generations[A], undefined);
		// Once reaped, the tombstone goes too.
		const reaped = observe(again.history, [], 4);
		assert.equal(reaped.history.forgotten.size, 0);
	});
});
