import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { PodmanEvent } from '../../src/podman/event.js';
import { EVENT_STREAM_BACKOFF_MS, PodmanEventStream } from '../../src/podman/eventStream.js';
import { Podman } from '../../src/podman/podman.js';

/**
 * The event stream against a stand-in `podman events` (a shell script): restarted with growing
 * waits when it keeps failing, resumed with --since, and replayed events dropped.
 */
describe('PodmanEventStream', () => {
	const dir = mkdtempSync(join(tmpdir(), 'conmon-tui-eventstream-'));
	after(() => rmSync(dir, { recursive: true, force: true }));
	const EVENT = '{"ID":"abc","Name":"web","Status":"start","Type":"container","time":1764612345,"timeNano":1764612345123456789}';

	/** A script that logs each start (ms, args), prints `print` if given, then fails at once. */
	function eventsScript(name: string, print?: string): { podman: Podman; calls: () => { at: number; args: string }[] } {
		const log = join(dir, `${name}.calls`);
		const path = join(dir, name);
		writeFileSync(path, `#!/bin/sh\necho "$(date +%s%3N) $*" >> '${log}'\n${print ? `echo '${print}'\n` : ''}echo "Error: events broke" >&2\nexit 1\n`);
		chmodSync(path, 0o755);
		return {
			podman: new Podman(path),
			calls: () =>
				(existsSync(log) ? readFileSync(log, 'utf8') : '')
					.split('\n')
					.filter(Boolean)
					.map((line) => {
						const [at, ...args] = line.split(' ');
						return { at: Number(at), args: args.join(' ') };
					}),
		};
	}

	async function until<T>(check: () => T | undefined, timeoutMs = 15_000): Promise<T> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const value = check();
			if (value !== undefined) return value;
			if (Date.now() > deadline) throw new Error('timed out');
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}

	test('a podman events that fails at once is restarted with growing waits, each failure reported', async () => {
		const { podman, calls } = eventsScript('failing');
		const states: string[] = [];
		const stream = new PodmanEventStream(podman, { onEvent: () => undefined, onState: (state, detail) => states.push(`${state}:${detail.message ?? ''}`) });
		stream.start();
		try {
			const seen = await until(() => (calls().length >= 4 ? calls() : undefined));
			// Each restart waited at least its backoff (it may wait longer on a busy machine, never less).
			for (let i = 1; i < 4; i++) {
				const gap = (seen[i]?.at ?? 0) - (seen[i - 1]?.at ?? 0);
				assert.ok(gap >= (EVENT_STREAM_BACKOFF_MS[i - 1] ?? 0) - 15, `restart ${i} after ${gap} ms, backoff ${EVENT_STREAM_BACKOFF_MS[i - 1]}`);
			}
			assert.equal(seen[0]?.args, 'events --format json', 'the first stream starts from now');
			assert.match(seen[1]?.args ?? '', /^events --format json --since \d{4}-\d\d-\d\dT/, 'a restart resumes with --since');
			assert.ok(states.filter((s) => s === 'lost:Error: events broke').length >= 3, states.join(', '));
		} finally {
			stream.stop();
		}
	});

	test('an event resets the backoff; the same event replayed by each resume is delivered once', async () => {
		const { podman, calls } = eventsScript('replaying', EVENT);
		const events: PodmanEvent[] = [];
		const waits: number[] = [];
		const stream = new PodmanEventStream(podman, {
			onEvent: (event) => events.push(event),
			onState: (state, detail) => {
				if (state === 'lost' && detail.retryInMs !== undefined) waits.push(detail.retryInMs);
			},
		});
		stream.start();
		try {
			await until(() => (calls().length >= 5 ? calls() : undefined));
			assert.equal(events.length, 1, 'replayed duplicates dropped');
			assert.equal(events[0]?.timeNano, '1764612345123456789');
			// Every run printed an event, so every wait the stream chose is the first backoff again; without the reset they would be 250, 500, 1000, 2000 ms.
			assert.ok(waits.length >= 4, `waits ${waits.join(', ')}`);
			assert.deepEqual(new Set(waits), new Set([EVENT_STREAM_BACKOFF_MS[0]]), `waits ${waits.join(', ')}`);
		} finally {
			stream.stop();
		}
	});

	test('stop() ends the retries: no podman events starts after it', async () => {
		const { podman, calls } = eventsScript('stopped');
		const stream = new PodmanEventStream(podman, { onEvent: () => undefined, onState: () => undefined });
		stream.start();
		await until(() => (calls().length >= 1 ? true : undefined));
		stream.stop();
		const count = calls().length;
		await new Promise((resolve) => setTimeout(resolve, EVENT_STREAM_BACKOFF_MS[0] + 300));
		assert.equal(calls().length, count);
	});
});
