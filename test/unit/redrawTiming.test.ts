import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Container } from '../../src/model/container.js';
import { formatAge } from '../../src/present/format.js';
import {
	drawnContainers,
	exactTickDelay,
	MAX_SLOW_TICK_MS,
	nextAgeChangeAt,
	nextClockChangeAt,
	REDRAW_BATCH_MS,
	sameDrawn,
	slowTickDelay,
	upcomingChanges,
	youngestDrawnAge,
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

describe('exactTickDelay', () => {
	test('waits until just past the deadline, not batched; a missed one soon; none never', () => {
		assert.equal(exactTickDelay(T0, T0 + 3_000), 3_020);
		assert.equal(exactTickDelay(T0, T0 - 5_000), 200);
		assert.equal(exactTickDelay(T0, Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
	});
});

describe('upcomingChanges', () => {
	test('the drawn containers ages and the clock; not the undrawn ones', () => {
		const now = T0 + 5 * 60_000 + 10_000;
		const containers = { a: container('a', T0), b: container('b', T0 + 7_000), c: container('c', T0 + 3_000, 'exited', T0 + 20_000) };
		const upcoming = upcomingChanges(containers, new Set(['a', 'c']), now);
		assert.deepEqual(
			[...upcoming].sort((x, y) => x - y),
			[T0 + 6 * 60_000, T0 + 20_000 + 5 * 60_000, nextClockChangeAt(now)].sort((x, y) => x - y),
		);
		assert.equal(upcomingChanges(containers, undefined, now).length, 4, 'not known what is drawn: every container counts');
	});

	test('a created or paused container shows no age: nothing to wait for', () => {
		const now = T0 + 10_000;
		const containers = { created: container('created', T0, 'created'), paused: container('paused', T0, 'paused') };
		assert.deepEqual(upcomingChanges(containers, undefined, now), [nextClockChangeAt(now)]);
	});
});

describe('drawnContainers and youngestDrawnAge', () => {
	const rows = [
		{ containerId: 'a', kind: 'container' },
		{ containerId: 'a', kind: 'conmon' },
		{ containerId: 'b', kind: 'container' },
		// The window ends here (drawnEnd 3): b's branch goes on below it.
		{ containerId: 'b', kind: 'conmon' },
		{ containerId: 'c', kind: 'container' },
	];
	// d is filtered out: no row at all.
	const containers = {
		a: container('a', T0),
		b: container('b', T0 + 1_000),
		c: container('c', T0 + 50_000),
		d: container('d', T0 + 55_000),
		e: container('e', T0 - 60_000, 'exited', T0 + 2_000),
	};

	test('counts containers with a row before the window ends, not those below it or without a row', () => {
		const drawn = drawnContainers(rows, 3);
		assert.deepEqual([...drawn].sort(), ['a', 'b']);
		assert.equal(youngestDrawnAge(containers, drawn), T0 + 1_000, 'b, drawn in part');
		assert.equal(youngestDrawnAge(containers, undefined), T0 + 55_000, 'not known: every container counts');
		assert.equal(youngestDrawnAge(containers, new Set(['a', 'e'])), T0 + 2_000, "an exited container's age counts from its end");
	});

	test('a conmon or an exec starting does not make the screen tick: only ages do', () => {
		// youngestDrawnAge takes the containers only: a conmon's row shows no age (its marks are the tree's deadlines).
		assert.equal(youngestDrawnAge({ x: container('x', T0, 'created') }, undefined), undefined);
	});

	test('two reports are the same when the same containers are drawn and the rows change at the same time', () => {
		const one = { containers: new Set(['a', 'b']), rowsChangeAt: T0 };
		assert.ok(sameDrawn(one, { containers: new Set(['b', 'a']), rowsChangeAt: T0 }));
		assert.ok(!sameDrawn(one, { containers: new Set(['a']), rowsChangeAt: T0 }));
		assert.ok(!sameDrawn(one, { containers: new Set(['a', 'b']), rowsChangeAt: T0 + 1 }));
		assert.ok(!sameDrawn(one, { containers: undefined, rowsChangeAt: T0 }));
	});
});
