import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { PodmanEvent } from '../../src/podman/event.js';
import { EventFileStream } from '../../src/podman/eventFileStream.js';
import { EVENT_STREAM_BACKOFF_MS } from '../../src/podman/eventStream.js';
import { waitFor } from '../helpers/waitFor.js';

/** podman's events file followed as a source of events: filters, rotation as podman does it, loss and recovery. */
describe('EventFileStream', () => {
	const root = mkdtempSync(join(tmpdir(), 'conmon-tui-filestream-'));
	after(() => rmSync(root, { recursive: true, force: true }));
	let n = 0;
	const T0 = Date.parse('2026-12-02T01:00:00Z');

	/** A podman 4.x/5.x events file line (libpod's Event as JSON) for container `id`, `ms` after T0. */
	const line = (status: string, id: string, ms: number) =>
		JSON.stringify({ ID: id, Name: id, Status: status, Time: new Date(T0 + ms).toISOString(), Type: 'container', Attributes: {} });
	const rotateMarker = (path: string, which: 'begin' | 'end', ms: number) =>
		JSON.stringify({ Name: path, Status: 'rotate', Time: new Date(T0 + ms).toISOString(), Type: 'system', Attributes: { 'io.podman.event.rotate': which } });

	function setUp(initial: string[], sinceMs = T0) {
		const dir = join(root, `case${n++}`);
		mkdirSync(dir);
		const path = join(dir, 'events.log');
		writeFileSync(path, initial.map((l) => `${l}\n`).join(''));
		const events: PodmanEvent[] = [];
		const states: { state: string; message?: string; resumed: boolean; retryInMs?: number }[] = [];
		const stream = new EventFileStream(path, { onEvent: (e) => events.push(e), onState: (state, detail) => states.push({ state, ...detail }) }, sinceMs);
		const seen = () => events.filter((e) => e.type === 'container').map((e) => `${e.id}:${e.status}`);
		const until = (count: number, timeoutMs = 5_000) => waitFor(`${count} events`, () => (seen().length >= count ? true : undefined), timeoutMs);
		return { dir, path, stream, events, states, seen, until };
	}

	test('events older than the start are not news; the newer ones already in the file are delivered, then each new one', async () => {
		const t = setUp([line('start', 'old', -5_000), line('create', 'a', 100)]);
		t.stream.start();
		try {
			assert.deepEqual(t.seen(), ['a:create']);
			assert.deepEqual(t.states, [{ state: 'live', resumed: false }]);
			appendFileSync(t.path, `${line('start', 'a', 200)}\n`);
			await t.until(2);
			assert.deepEqual(t.seen(), ['a:create', 'a:start']);
		} finally {
			t.stream.stop();
		}
	});

	test("podman 5's rotation (begin marker, newest half copied, end marker, renamed over): nothing twice, nothing lost", async () => {
		const before = Array.from({ length: 10 }, (_, i) => line('start', `c${i}`, 100 + i));
		const t = setUp(before);
		t.stream.start();
		try {
			await t.until(10);
			// One more line reaches the old file just before podman rotates it.
			appendFileSync(t.path, `${line('start', 'late', 150)}\n`);
			const copied = [...before.slice(6), line('start', 'late', 150)];
			writeFileSync(join(t.dir, '123456'), [rotateMarker(t.path, 'begin', 160), ...copied, rotateMarker(t.path, 'end', 161)].map((l) => `${l}\n`).join(''));
			renameSync(join(t.dir, '123456'), t.path);
			appendFileSync(t.path, `${line('died', 'c0', 170)}\n`);
			await t.until(12);
			await new Promise((resolve) => setTimeout(resolve, 200));
			const seen = t.seen();
			assert.equal(seen.length, 12, seen.join(' '));
			assert.deepEqual(seen.slice(10), ['late:start', 'c0:died']);
			assert.equal(new Set(seen).size, seen.length, 'no event twice');
		} finally {
			t.stream.stop();
		}
	});

	test("podman 4.3's rotation (newest half copied, renamed over, then a rotate event): nothing twice, nothing lost", async () => {
		const before = Array.from({ length: 6 }, (_, i) => line('start', `c${i}`, 100 + i));
		const t = setUp(before);
		t.stream.start();
		try {
			await t.until(6);
			writeFileSync(
				join(t.dir, '987'),
				before
					.slice(3)
					.map((l) => `${l}\n`)
					.join(''),
			);
			renameSync(join(t.dir, '987'), t.path);
			appendFileSync(
				t.path,
				`${JSON.stringify({ Name: t.path, Status: 'rotate', Time: new Date(T0 + 160).toISOString(), Type: 'system', Attributes: null })}\n`,
			);
			appendFileSync(t.path, `${line('died', 'c5', 170)}\n`);
			await t.until(7);
			await new Promise((resolve) => setTimeout(resolve, 200));
			assert.deepEqual(t.seen(), ['c0:start', 'c1:start', 'c2:start', 'c3:start', 'c4:start', 'c5:start', 'c5:died']);
		} finally {
			t.stream.stop();
		}
	});

	test('the directory gone: the loss is reported with its retry wait, and the file followed again from where it was once back', async () => {
		const t = setUp([line('create', 'a', 100)]);
		t.stream.start();
		try {
			rmSync(t.dir, { recursive: true });
			await waitFor('lost', () => t.states.find((s) => s.state === 'lost'));
			const lost = t.states.find((s) => s.state === 'lost');
			assert.equal(lost?.retryInMs, EVENT_STREAM_BACKOFF_MS[0]);
			assert.match(lost?.message ?? '', /events\.log|ENOENT/);
			// podman makes the directory and the file again at its next command.
			mkdirSync(t.dir);
			writeFileSync(t.path, `${line('create', 'a', 100)}\n${line('start', 'b', 300)}\n`);
			await waitFor('live again', () => t.states.find((s) => s.state === 'live' && s.resumed));
			await t.until(2);
			assert.deepEqual(t.seen(), ['a:create', 'b:start'], 'the event seen before the loss is not delivered again');
		} finally {
			t.stream.stop();
		}
	});

	test('restart (a stall suspected): reported lost with the reason, reopened from its offset, what was written meanwhile delivered once', async () => {
		const t = setUp([line('create', 'a', 100)]);
		t.stream.start();
		try {
			t.stream.restart('stalled');
			assert.equal(t.states.at(-1)?.state, 'lost');
			assert.equal(t.states.at(-1)?.message, 'stalled');
			appendFileSync(t.path, `${line('start', 'a', 200)}\n`);
			await waitFor('live again', () => t.states.find((s) => s.state === 'live' && s.resumed));
			await t.until(2);
			assert.deepEqual(t.seen(), ['a:create', 'a:start']);
		} finally {
			t.stream.stop();
		}
	});
});
