import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { alreadyReported, EVENT_CLOCK_SLACK_MS, rememberEvent, SEEN_EVENTS_PER_CONTAINER } from '../../src/watch/eventExpectation.js';

/** The stall rule: a conmon change /proc shows is awaited only if podman has not already reported it. */
describe('alreadyReported: the stall rule', () => {
	const conmonStart = 100_000;

	test('a container that exited at once: created, started and died came before /proc saw its conmon', () => {
		const events = [
			{ status: 'create', timeMs: conmonStart - 60 },
			{ status: 'init', timeMs: conmonStart + 30 },
			{ status: 'start', timeMs: conmonStart + 40 },
			{ status: 'died', timeMs: conmonStart + 45 },
		];
		assert.equal(alreadyReported('appeared', conmonStart, events), true);
		assert.equal(alreadyReported('exited', conmonStart, events), true);
	});

	test('nothing from podman yet: awaited', () => {
		assert.equal(alreadyReported('appeared', conmonStart, []), false);
		assert.equal(alreadyReported('exited', conmonStart, []), false);
	});

	test('a start does not report the exit, nor an exit the start', () => {
		assert.equal(alreadyReported('exited', conmonStart, [{ status: 'start', timeMs: conmonStart + 40 }]), false);
		assert.equal(alreadyReported('appeared', conmonStart, [{ status: 'died', timeMs: conmonStart + 40 }]), false);
	});

	test("an earlier generation's events do not report this one", () => {
		const old = [
			{ status: 'start', timeMs: conmonStart - 10_000 },
			{ status: 'died', timeMs: conmonStart - 5_000 },
		];
		assert.equal(alreadyReported('appeared', conmonStart, old), false);
		assert.equal(alreadyReported('exited', conmonStart, old), false);
	});

	test('create, stamped a moment before conmon starts, counts within the slack', () => {
		assert.equal(alreadyReported('appeared', conmonStart, [{ status: 'create', timeMs: conmonStart - EVENT_CLOCK_SLACK_MS + 1 }]), true);
	});

	test('a removed container: remove reports both', () => {
		const removed = [{ status: 'remove', timeMs: conmonStart + 500 }];
		assert.equal(alreadyReported('appeared', conmonStart, removed), true);
		assert.equal(alreadyReported('exited', conmonStart, removed), true);
	});

	test('rememberEvent keeps the newest few', () => {
		let events = rememberEvent(undefined, { status: 'create', timeMs: 0 });
		for (let i = 1; i <= SEEN_EVENTS_PER_CONTAINER + 3; i++) events = rememberEvent(events, { status: 'start', timeMs: i });
		assert.equal(events.length, SEEN_EVENTS_PER_CONTAINER);
		assert.equal(events.at(-1)?.timeMs, SEEN_EVENTS_PER_CONTAINER + 3);
	});
});
