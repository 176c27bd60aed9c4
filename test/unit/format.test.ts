import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatAge, formatDuration } from '../../src/present/format.js';

describe('durations', () => {
	test('formatDuration is exact to the second below an hour, then to the minute, then to the hour', () => {
		assert.deepEqual([0, 4_000, 59_999, 60_000, 192_000, 3_599_000, 3_600_000, 7_500_000, 90_000_000].map(formatDuration), [
			'0s',
			'4s',
			'59s',
			'1m00s',
			'3m12s',
			'59m59s',
			'1h00m',
			'2h05m',
			'1d01h',
		]);
	});

	test('formatAge (the tree) drops the seconds between one minute and one hour, and is formatDuration elsewhere', () => {
		assert.deepEqual([-5_000, 0, 4_000, 59_999, 60_000, 192_000, 3_599_000, 3_600_000, 7_500_000, 90_000_000].map(formatAge), [
			'0s',
			'0s',
			'4s',
			'59s',
			'1m',
			'3m',
			'59m',
			'1h00m',
			'2h05m',
			'1d01h',
		]);
	});
});
