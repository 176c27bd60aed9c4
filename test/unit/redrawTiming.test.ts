import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConmonGeneration } from '../../src/model/conmonHistory.js';
import type { Container } from '../../src/model/container.js';
import { formatAge } from '../../src/present/format.js';
import {
	latestChangeAt,
	MAX_SLOW_TICK_MS,
	nextAgeChangeAt,
	nextClockChangeAt,
	REDRAW_BATCH_MS,
	slowTickDelay,
	undrawnContainers,
	upcomingChanges,
} from '../../src/present/redrawTiming.js';

const T0 = Date.UTC(2026, 11, 2, 7, 0, 0);

function container(id: string, startedAt: number, state: Container['state'] = 'running', finishedAt?: number): Container {
	return {
		id,
		name: id,
		image: 'img',
		command: [],
		state,
		exitCode: state === 'running' ? undefined : 0,
		pid: 100,
		podmanConmonPid: undefined,
		createdAt: startedAt,
		startedAt,
		finishedAt,
		restartCount: undefined,
		execIds: [],
	};
}

function generation(pid: number, startedAt: number, exitedAt?: number): ConmonGeneration {
	return { pid, startTicks: pid, startedAt, ...(exitedAt === undefined ? {} : { exitedAt }) };
}

describe('nextAgeChangeAt', () => {
	test('is the first moment formatAge shows another text, in each unit', () => {
		for (const age of [0, 999, 1_000, 59_500, 60_000, 61_000, 3_599_000, 3_600_000, 86_399_000, 86_400_000, 90_000_000]) {
			const now = T0 + age;
			const next = nextAgeChangeAt(T0, now);
			assert.ok(next > now, `age ${age}: next ${next - T0} not after now`);
			assert.notEqual(formatAge(next - T0), formatAge(age), `age ${age}: the text changes at ${next - T0}`);
			assert.equal(formatAge(next - 1 - T0), formatAge(age), `age ${age}: and not before ${next - T0}`);
		}
	});

	test('a start after now (a clock read before it) changes at the start', () => {
		assert.equal(nextAgeChangeAt(T0 + 500, T0), T0 + 500);
	});
});

describe('nextClockChangeAt', () => {
	test('is the next whole minute, where HH:MM changes', () => {
		const next = nextClockChangeAt(T0 + 12_345);
		assert.equal(next, T0 + 60_000);
		assert.equal(nextClockChangeAt(T0), T0 + 60_000);
	});
});

describe('slowTickDelay', () => {
	test('waits for the first change and takes in those within the batch after it, not later ones', () => {
		const delay = slowTickDelay(T0, [T0 + 20_000, T0 + 23_000, T0 + 20_000 + REDRAW_BATCH_MS, T0 + 40_000]);
		assert.ok(delay >= 20_000 + REDRAW_BATCH_MS && delay < 20_000 + REDRAW_BATCH_MS + 1_000, `delay ${delay}`);
	});

	test('never waits longer than MAX_SLOW_TICK_MS, nor for nothing', () => {
		assert.equal(slowTickDelay(T0, [T0 + 10 * 60_000]), MAX_SLOW_TICK_MS);
		assert.equal(slowTickDelay(T0, []), MAX_SLOW_TICK_MS);
	});

	test('a change already missed (a row drawn with an old clock) is drawn soon, with those right after it', () => {
		const delay = slowTickDelay(T0, [T0 - 30_000, T0 + 2_000]);
		assert.ok(delay <= 2_100, `delay ${delay}`);
	});
});

describe('upcomingChanges', () => {
	test('the drawn containers ages, the removed rows ends and the clock; not the undrawn ones', () => {
		const now = T0 + 5 * 60_000 + 10_000;
		const view = {
			containers: { a: container('a', T0), b: container('b', T0 + 7_000), c: container('c', T0 + 3_000, 'exited', T0 + 20_000) },
			removed: { r: { removedAt: now - 50_000 } },
		};
		const upcoming = upcomingChanges(view, new Set(['b']), now);
		assert.deepEqual(
			[...upcoming].sort((x, y) => x - y),
			[T0 + 6 * 60_000, T0 + 20_000 + 5 * 60_000, now + 10_000, nextClockChangeAt(now)].sort((x, y) => x - y),
		);
	});
});

describe('undrawnContainers and latestChangeAt', () => {
	const rows = [
		{ containerId: 'a', kind: 'container' },
		{ containerId: 'a', kind: 'conmon' },
		{ containerId: 'b', kind: 'container' },
		// The window ends here (drawnEnd 3): b's branch goes on below it.
		{ containerId: 'b', kind: 'conmon' },
		{ containerId: 'c', kind: 'container' },
		{ containerId: '', kind: 'foreign-heading' },
		{ containerId: 'foreign-live', kind: 'foreign' },
	];
	const view = {
		containers: { a: container('a', T0), b: container('b', T0 + 1_000), c: container('c', T0 + 50_000) },
		history: {
			generations: {
				a: [generation(1, T0)],
				b: [generation(2, T0 + 1_000)],
				c: [generation(3, T0 + 50_000)],
				'foreign-live': [generation(4, T0 + 55_000)],
				'foreign-gone': [generation(5, T0 + 58_000, T0 + 59_000)],
				'foreign-new': [generation(6, T0 + 59_500)],
			},
			execConmons: {},
			forgotten: new Set<string>(),
		},
	};

	test('leaves out containers only below the window, unlisted conmons that have exited, and one whose row will come below', () => {
		const undrawn = undrawnContainers(rows, 3, view);
		assert.deepEqual([...undrawn].sort(), ['c', 'foreign-gone', 'foreign-live', 'foreign-new']);
		assert.equal(latestChangeAt(view, undrawn), T0 + 1_000, 'b, drawn in part');
		assert.equal(latestChangeAt(view), T0 + 59_500, 'without it, every change counts');
	});

	test('with every row drawn, a conmon about to get its row counts; one that has exited with no row does not', () => {
		const undrawn = undrawnContainers(rows, rows.length + 5, view);
		assert.deepEqual([...undrawn], ['foreign-gone']);
		assert.equal(latestChangeAt(view, undrawn), T0 + 59_500);
	});
});
