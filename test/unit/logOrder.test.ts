import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { logLine, TimeOrderedLog } from '../../src/output/logFile.js';
import type { LogEntry } from '../../src/state/store.js';

let nextId = 0;
const entry = (at: number, text: string): LogEntry => ({ id: nextId++, at, tone: 'info', text, facts: { kind: 'watching' } });

describe('--log: lines in the order things happened', () => {
	test('a result logged before the event that preceded it is written after it', () => {
		const log = new TimeOrderedLog();
		// As seen: a ✓ at .006 arrives, then `created` stamped .880 of the second before.
		log.add([entry(2_006, '✓ podman run')]);
		log.add([entry(1_880, 'created')]);
		const written = log.release(2_100).map(({ entry: e }) => e.text);
		assert.deepEqual(written, ['created', '✓ podman run']);
	});

	test('entries newer than the hold wait; the next release gives them in order', () => {
		const log = new TimeOrderedLog();
		log.add([entry(5, 'e'), entry(1, 'a'), entry(3, 'c')]);
		assert.deepEqual(
			log.release(3).map(({ entry: e }) => e.text),
			['a', 'c'],
		);
		log.add([entry(4, 'd')]);
		assert.deepEqual(
			log.release(10).map(({ entry: e }) => e.text),
			['d', 'e'],
		);
	});

	test('an entry later than the hold keeps its true time and is marked late', () => {
		const log = new TimeOrderedLog();
		log.add([entry(10, 'b')]);
		log.release(10);
		log.add([entry(5, 'a')]);
		const [late] = log.release(20);
		assert.equal(late?.late, true);
		assert.match(logLine(late?.entry ?? entry(0, ''), true), /"time":"1970-01-01T00:00:00.005Z".*"late":true/);
		assert.doesNotMatch(logLine(entry(1, 'x')), /late/);
	});
});
