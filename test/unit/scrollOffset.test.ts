import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { branchEnd, scrollOffset } from '../../src/present/scrollOffset.js';

describe('scrollOffset', () => {
	test('a block already in view keeps the offset: rows do not jump under the cursor', () => {
		assert.equal(scrollOffset({ top: 5, end: 7 }, 10, 2, 100), 2);
	});

	test('a block above the view scrolls up to its top; one below scrolls down just enough for its end', () => {
		assert.equal(scrollOffset({ top: 3, end: 4 }, 10, 8, 100), 3);
		assert.equal(scrollOffset({ top: 20, end: 22 }, 10, 0, 100), 13);
	});

	test('a block taller than the view shows its top', () => {
		assert.equal(scrollOffset({ top: 20, end: 60 }, 10, 0, 100), 20);
	});

	test('never past the end, never before the start, and with no cursor only clamped', () => {
		assert.equal(scrollOffset(undefined, 10, 95, 100), 90);
		assert.equal(scrollOffset(undefined, 10, 4, 6), 0);
	});
});

describe('branchEnd', () => {
	test('the lines after the cursor that belong to it, and no more', () => {
		const lines = ['a', 'a', 'a', 'b', 'a'];
		assert.equal(
			branchEnd(lines, 0, (l) => l === 'a'),
			2,
		);
		assert.equal(
			branchEnd(lines, 3, (l) => l === 'a'),
			4,
		);
		assert.equal(
			branchEnd(lines, 4, (l) => l === 'a'),
			4,
			'the last line: its own end',
		);
	});
});
