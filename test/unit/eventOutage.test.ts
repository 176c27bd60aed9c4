import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Podman } from '../../src/podman/podman.js';
import { createAppStore } from '../../src/state/store.js';
import { EventWatch } from '../../src/watch/eventWatch.js';
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
function podmanThat(behaviour: 'refuses' | 'listens'): void {
	behaving = behaviour;
	const body =
		behaviour === 'refuses'
			? `echo x >> '${calls}'\nn=$(wc -l < '${calls}')\nsleep ${REFUSES_AFTER_SECONDS}\necho "Error: failed to connect: dial tcp 127.0.0.1:1: connect: connection refused (try $n)" >&2\nexit 125\n`
			: // Up a few seconds (live after half a second), then gone: the next outage.
				`echo x >> '${calls}'\nexec sleep ${LISTENS_SECONDS}\n`;
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
});
