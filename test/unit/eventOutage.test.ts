import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, mock, test } from 'node:test';
import { EVENT_STREAM_BACKOFF_MS } from '../../src/podman/eventStream.js';
import { Podman } from '../../src/podman/podman.js';
import { createAppStore } from '../../src/state/store.js';
import { BACK_CHECK_INTERVAL_MS, EventWatch } from '../../src/watch/eventWatch.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * A far host whose podman cannot be reached: `podman events` fails at every retry (the backoff
 * reaches 10 s), and takes longer to fail than the half second after which a quiet stream counts
 * as live (ssh, then the service's socket). A stand-in podman (a shell script, run for real by the
 * events stream) refuses so, then listens. The log says the loss once per outage and the recovery
 * once, when podman answers; the status line keeps the latest reason; podman's state is read again.
 */
const dir = mkdtempSync(join(tmpdir(), 'conmon-tui-outage-'));
const fake = join(dir, 'podman');
const calls = join(dir, 'calls');
after(() => rmSync(dir, { recursive: true, force: true }));

/** Replaces the stand-in at once (written beside it, then renamed): a retry never runs half a script. */
let behaving: 'refuses' | 'listens' = 'refuses';
function podmanThat(behaviour: 'refuses' | 'listens', seconds = behaviour === 'refuses' ? REFUSES_AFTER_SECONDS : LISTENS_SECONDS): void {
	behaving = behaviour;
	const body =
		behaviour === 'refuses'
			? `echo x >> '${calls}'\nn=$(wc -l < '${calls}')\nsleep ${seconds}\necho "Error: failed to connect: dial tcp 127.0.0.1:1: connect: connection refused (try $n)" >&2\nexit 125\n`
			: // Up a few seconds (live after half a second), then gone: the next outage.
				`echo x >> '${calls}'\nexec sleep ${seconds}\n`;
	writeFileSync(`${fake}.new`, `#!/bin/sh\n${body}`);
	chmodSync(`${fake}.new`, 0o755);
	renameSync(`${fake}.new`, fake);
}

/** How long the refusing stand-in takes to fail: past the half second after which a quiet stream counts as live. */
const REFUSES_AFTER_SECONDS = 0.8;
/** How long the listening stand-in stays up: the test reads the recovery meanwhile. */
const LISTENS_SECONDS = 4;

const runs = (): number => readFileSync(calls, 'utf8').split('\n').filter(Boolean).length;

describe('the events stream of a host that cannot be reached', () => {
	test('lost: logged once per outage, the status line current at every retry; back: logged once, and podman asked again', async () => {
		writeFileSync(calls, '');
		podmanThat('refuses');
		const store = createAppStore();
		let reconciled = 0;
		let asked = 0;
		const watch = new EventWatch(new Podman(fake, 5_000), store, {
			burst: () => {},
			refresh: () => {},
			reconcileAll: () => reconciled++,
			// The question a far podman answers only when its service does (Watcher asks `podman version`).
			podmanAnswers: async () => {
				asked++;
				return behaving === 'listens';
			},
			inStore: () => false,
		});
		const logged = (status: string) => store.getState().log.filter((l) => l.facts?.kind === 'stream' && l.facts.status === status).length;
		try {
			watch.start({ kind: 'podman-events', reason: { why: 'remote' } }, Date.now());
			await waitFor('three refused tries', () => (runs() >= 3 && /\(try 3\)/.test(store.getState().status?.text ?? '') ? true : undefined), 30_000);
			assert.equal(logged('lost'), 1, 'one loss in the log for three failed tries');
			assert.match(
				store.getState().status?.text ?? '',
				/^podman events stream lost \(Error: failed to connect: .*\(try 3\)\); reconnecting/,
				'the latest reason',
			);
			assert.equal(store.getState().eventStream, 'lost');
			assert.ok(asked >= 2, `each slow refusal passed for live and was checked (${asked} questions)`);
			assert.equal(logged('recovered'), 0, 'none of them taken for the way back');
			assert.equal(reconciled, 0);

			podmanThat('listens');
			await waitFor('the stream back', () => (logged('recovered') > 0 ? true : undefined), 30_000);
			assert.equal(logged('lost'), 1);
			assert.equal(logged('recovered'), 1);
			assert.equal(reconciled, 1, "podman's state read again once");
			assert.equal(store.getState().eventStream, 'live');
			assert.equal(store.getState().status?.text, 'podman events stream recovered; state reconciled');

			// The stand-in ends: a second outage is a second line.
			podmanThat('refuses');
			await waitFor('the second outage', () => (logged('lost') === 2 ? true : undefined), 30_000);
			assert.equal(store.getState().eventStream, 'lost');
		} finally {
			watch.stop();
		}
	});

	test('a stream that seems back while podman does not answer yet is asked again, and ends the outage once podman answers', async () => {
		writeFileSync(calls, '');
		podmanThat('refuses', 0);
		// The timers (the retry's backoff, the half second that passes for live, the next question) run when the test says.
		mock.timers.enable({ apis: ['setTimeout'] });
		let answers = false;
		let asked = 0;
		const store = createAppStore();
		const watch = new EventWatch(new Podman(fake, 5_000), store, {
			burst: () => {},
			refresh: () => {},
			reconcileAll: () => {},
			podmanAnswers: async () => {
				asked++;
				return answers;
			},
			inStore: () => false,
		});
		const logged = (status: string) => store.getState().log.filter((l) => l.facts?.kind === 'stream' && l.facts.status === status).length;
		/** Real processes end on their own: polled without timers (those are the test's). */
		const until = async (what: string, check: () => boolean): Promise<void> => {
			const deadline = performance.now() + 20_000;
			while (!check()) {
				if (performance.now() > deadline) throw new Error(`gave up waiting for ${what}`);
				await new Promise((resolve) => setImmediate(resolve));
			}
		};
		try {
			watch.start({ kind: 'podman-events', reason: { why: 'remote' } }, Date.now());
			await until('the first refusal', () => logged('lost') === 1);
			podmanThat('listens', 600);
			mock.timers.tick(EVENT_STREAM_BACKOFF_MS[0]);
			await until('the listening stand-in started', () => runs() === 2);
			mock.timers.tick(500);
			await until('the question', () => asked === 1);
			assert.equal(logged('recovered'), 0, 'podman did not answer: still out');
			assert.equal(store.getState().eventStream, 'lost');
			answers = true;
			mock.timers.tick(BACK_CHECK_INTERVAL_MS);
			await until('the way back', () => logged('recovered') === 1);
			assert.equal(asked, 2);
			assert.equal(store.getState().eventStream, 'live');
		} finally {
			mock.timers.reset();
			watch.stop();
		}
	});

	test('a switch to the events file during an outage ends it without a "recovered" line, and podman is read again', async () => {
		writeFileSync(calls, '');
		podmanThat('refuses', 0);
		const store = createAppStore();
		let reconciled = 0;
		const watch = new EventWatch(new Podman(fake, 5_000), store, {
			burst: () => {},
			refresh: () => {},
			reconcileAll: () => reconciled++,
			podmanAnswers: async () => false,
			inStore: () => false,
		});
		const logged = (status: string) => store.getState().log.filter((l) => l.facts?.kind === 'stream' && l.facts.status === status).length;
		const eventsFile = join(dir, 'events.log');
		writeFileSync(eventsFile, '');
		try {
			watch.start({ kind: 'podman-events', reason: { why: 'no-info' } }, Date.now());
			await waitFor('the outage', () => (logged('lost') === 1 ? true : undefined), 20_000);
			assert.match(store.getState().status?.text ?? '', /^podman events stream lost/);
			// podman info answers late: the file can be followed.
			watch.switchTo({ kind: 'file', path: eventsFile });
			await waitFor('the file live', () => (store.getState().eventStream === 'live' ? true : undefined), 20_000);
			assert.equal(logged('recovered'), 0, 'the file is not podman events coming back');
			assert.equal(store.getState().status, undefined, "the old source's loss is no longer shown");
			assert.equal(reconciled, 1, 'what the outage may have missed is read again');
		} finally {
			watch.stop();
		}
	});
});
