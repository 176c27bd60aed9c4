import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConmonGeneration } from '../../src/model/conmonHistory.js';
import type { Container } from '../../src/model/container.js';
import { buildTreeFrom } from '../../src/model/tree.js';
import { TreeClock } from '../../src/model/treeClock.js';
import type { ProcessInfo } from '../../src/proc/parse.js';
import { type ShownTreeInput, type TimedRows, timedRowsAt } from '../../src/state/treeSource.js';
import { makeContainer } from '../helpers/fixtureState.js';

const NOW = Date.parse('2026-12-02T14:00:00Z');
const RESTARTED = `aaaa00000001${'0'.repeat(52)}`;
const DIED = `bbbb00000002${'0'.repeat(52)}`;
const REMOVED = `cccc00000003${'0'.repeat(52)}`;
const STRANGER = `dddd00000004${'0'.repeat(52)}`;

function container(id: string, name: string, over: Partial<Container> = {}): Container {
	return makeContainer({ id, name, image: 'alpine', createdAt: NOW - 90_000, startedAt: NOW - 60_000, ...over });
}

function proc(pid: number, ppid: number, comm: string): ProcessInfo {
	return { pid, ppid, state: 'S', startTicks: pid * 10, comm, argv: [comm] };
}

function gen(pid: number, over: Partial<ConmonGeneration> = {}): ConmonGeneration {
	return { pid, startTicks: pid * 10, startedAt: NOW - 60_000, ...over };
}

/**
 * Every row the time decides, each with its deadline after NOW: a restarted container (its
 * replaced conmon's row goes at +4 s, its new conmon's ★ at +3 s, an exec conmon's ★ at +4 s, a
 * finished exec's row at +2 s); one podman still calls running whose conmon exited (history at
 * +4.5 s, flagged at +1.5 s); a removed `--rm` container (its row goes at +1 s); another store's
 * conmon (its row comes at +0.5 s).
 */
function everyDeadline(): ShownTreeInput {
	const execSession = { containerId: RESTARTED, execSessionId: 'e1', pid: 30, startTicks: 300, startedAt: NOW - 1_000 };
	const finishedExec = { containerId: RESTARTED, execSessionId: 'e0', pid: 25, startTicks: 250, startedAt: NOW - 9_000, exitedAt: NOW - 3_000 };
	return {
		containers: {
			[RESTARTED]: container(RESTARTED, 'web', { startedAt: NOW - 2_000 }),
			[DIED]: container(DIED, 'db'),
		},
		removed: { [REMOVED]: { container: container(REMOVED, 'once', { autoRemove: true }), removedAt: NOW - 59_000, lastConmon: undefined } },
		history: {
			generations: {
				[RESTARTED]: [gen(10, { exitedAt: NOW - 1_000, exitCode: 137 }), gen(20, { startedAt: NOW - 2_000 })],
				[DIED]: [gen(40, { exitedAt: NOW - 500 })],
				[STRANGER]: [gen(50, { startedAt: NOW - 1_500, nameAtStart: 'stranger' })],
			},
			execConmons: { '30@300': execSession },
			recentExecExits: { '25@250': finishedExec },
		},
		processes: [proc(20, 1, 'conmon'), proc(21, 20, 'sleep'), proc(30, 1, 'conmon'), proc(31, 30, 'sh'), proc(50, 1, 'conmon'), proc(51, 50, 'top')],
		unmonitored: {},
		filter: '',
	};
}

/** The deadlines everyDeadline's rows change at, after NOW. */
const DEADLINES = [500, 1_000, 1_500, 2_000, 3_000, 4_000, 4_500];

describe("the tree's rows between their deadlines", () => {
	test('TreeClock: a deadline still to come is kept when it is the earliest; one passed is not', () => {
		const clock = new TreeClock(NOW);
		assert.equal(clock.changesAt, Number.POSITIVE_INFINITY);
		assert.equal(clock.before(NOW - 1), false);
		assert.equal(clock.before(NOW), false, 'a deadline at the time itself has come');
		assert.equal(clock.changesAt, Number.POSITIVE_INFINITY);
		assert.equal(clock.before(NOW + 3_000), true);
		assert.equal(clock.before(NOW + 1_000), true);
		assert.equal(clock.before(NOW + 2_000), true);
		assert.equal(clock.changesAt, NOW + 1_000);
	});

	test('held rows are the rows built afresh, at every time over a minute; built once per deadline', () => {
		const input = everyDeadline();
		const first = timedRowsAt(input, NOW);
		assert.equal(first.until, NOW + (DEADLINES[0] ?? 0), 'the first deadline is the foreign conmon getting its row');
		let last: TimedRows = first;
		const built = new Set<TimedRows>([first]);
		for (let at = NOW; at <= NOW + 70_000; at += 100) {
			last = timedRowsAt(input, at, last);
			built.add(last);
			assert.deepEqual(last.rows, buildTreeFrom(input, '', at), `the rows at +${at - NOW} ms`);
		}
		assert.equal(built.size, DEADLINES.length + 1, 'once at the start, then once per deadline, never at a tick between');
		assert.equal(last.until, Number.POSITIVE_INFINITY, 'after the last deadline nothing left changes with the time');
	});

	test('each deadline changes what it says: the rows just before it and at it differ', () => {
		const input = everyDeadline();
		for (const deadline of DEADLINES) {
			const before = buildTreeFrom(input, '', NOW + deadline - 1);
			const at = buildTreeFrom(input, '', NOW + deadline);
			assert.notDeepEqual(before, at, `+${deadline} ms`);
		}
	});

	test('a new input, or a clock read earlier than the rows were built, builds them again', () => {
		const input = everyDeadline();
		const first = timedRowsAt(input, NOW + 100);
		assert.equal(timedRowsAt(input, NOW + 200, first), first);
		assert.notEqual(timedRowsAt({ ...input }, NOW + 200, first), first, 'another input object');
		assert.notEqual(timedRowsAt(input, NOW, first), first, 'a clock set back');
		assert.notEqual(timedRowsAt(input, first.until, first), first, 'the first deadline');
	});
});
