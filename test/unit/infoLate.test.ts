import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Podman } from '../../src/podman/podman.js';
import { type ProcessInfo, parseCmdline, parseStat } from '../../src/proc/parse.js';
import type { FarProcesses } from '../../src/proc/reader.js';
import { type AppStore, createAppStore } from '../../src/state/store.js';
import { Watcher } from '../../src/watch/watcher.js';
import { projectRoot, readFixture } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * `podman info` fails at start (a lock held, a transient error) and answers when asked again: what
 * it says is applied then as if it had answered first. A stand-in podman (a shell script, run for
 * real by the watcher) fails its first `info`, then answers with a store and the file events logger;
 * every other question gets a fixed answer: an empty `ps`, the events file's path, an events stream
 * that prints one event and waits.
 */
const dir = mkdtempSync(join(tmpdir(), 'conmon-tui-info-late-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The store and conmon captured in test/fixtures/proc (a conmon of that store, its `sleep` below it). */
const meta = JSON.parse(readFixture('proc/meta.json')) as { containerId: string; containerName: string; sandboxDir: string; btime: number };
const ROOTS = { graphRoot: `${meta.sandboxDir}/root`, runRoot: `${meta.sandboxDir}/run` };
function captured(statFile: string, cmdlineFile: string): ProcessInfo {
	const stat = parseStat(readFixture(`proc/${statFile}`));
	assert.ok(stat, statFile);
	return { ...stat, argv: parseCmdline(readFileSync(join(projectRoot(), 'test', 'fixtures', 'proc', cmdlineFile), 'latin1')) };
}
const CONMON = captured('conmon-stat.txt', 'conmon-cmdline.bin');
const SLEEP = captured('container-stat.txt', 'container-cmdline.bin');

/** podman's events file, as the stand-in's debug log names it. */
const EVENTS_FILE = join(dir, 'events.log');
/** A podman event line, `inMs` from now: the watcher takes only events after its start as news. */
const eventLine = (name: string, inMs: number): string =>
	`${JSON.stringify({ ID: 'f'.repeat(64), Name: name, Status: 'create', Time: new Date(Date.now() + inMs).toISOString(), Type: 'container', Attributes: {} })}\n`;

writeFileSync(join(dir, 'info.json'), JSON.stringify({ host: { eventLogger: 'file', serviceIsRemote: false }, store: ROOTS }));
writeFileSync(join(dir, 'version.json'), JSON.stringify({ Client: { Version: '4.3.1' }, Server: { Version: '4.3.1' } }));
writeFileSync(
	join(dir, 'debug.txt'),
	`time="2026-12-02T14:00:00Z" level=debug msg=${JSON.stringify(`Reading events from file ${JSON.stringify(EVENTS_FILE)}`)}\n`,
);
const standIn = join(dir, 'podman');
writeFileSync(
	standIn,
	`#!/bin/sh
d='${dir}'
echo "$1" >> "$d/calls"
case "$1" in
  info) if [ -e "$d/info-failed" ]; then cat "$d/info.json"; else : > "$d/info-failed"; echo "Error: injected failure of podman info (test stand-in)" >&2; exit 125; fi ;;
  version) cat "$d/version.json" ;;
  --log-level) cat "$d/debug.txt" >&2 ;;
  events) cat "$d/event.json"; exec sleep 600 ;;
  *) echo '[]' ;;
esac
`,
);
chmodSync(standIn, 0o755);

/** `fileHolds`: what the events file holds at the start, besides what the stream prints (`streamed`). */
function setUp(far?: FarProcesses, { streamed = true, fileHolds = '' } = {}): { store: AppStore; watcher: Watcher } {
	rmSync(join(dir, 'info-failed'), { force: true });
	writeFileSync(join(dir, 'calls'), '');
	// An event the stream prints and the file holds too: after the switch it must be logged once, not twice.
	const event = streamed ? eventLine('seen-twice', 2_000) : '';
	writeFileSync(join(dir, 'event.json'), event);
	writeFileSync(EVENTS_FILE, fileHolds + event);
	const store = createAppStore(far ? { farSide: { label: 'far', stale: undefined, procUnknown: false } } : {});
	const watcher = new Watcher(new Podman(standIn, 10_000, { PATH: process.env.PATH ?? '/usr/bin:/bin' }), store, far);
	after(() => watcher.stop());
	return { store, watcher };
}

const infoQuestions = (): number =>
	readFileSync(join(dir, 'calls'), 'utf8')
		.split('\n')
		.filter((word) => word === 'info').length;

describe('podman info that fails at start and answers later', () => {
	test("the store it names is applied then: this store's conmon podman has not listed gets its provisional row", async () => {
		const far: FarProcesses = { bootTimeMs: meta.btime * 1000, farUid: 0, scan: async () => [CONMON, SLEEP], close: () => {} };
		const { store, watcher } = setUp(far);
		await watcher.start();
		assert.equal(infoQuestions(), 1);
		assert.equal(store.getState().containers[meta.containerId], undefined, 'the store unknown: no conmon counts as its');
		assert.equal(store.getState().eventsBackend, undefined);
		const row = await waitFor('the provisional row', () => store.getState().containers[meta.containerId], 20_000);
		assert.equal(row.name, meta.containerName);
		assert.equal(store.getState().eventsBackend, 'file');
		assert.equal(infoQuestions(), 2, 'asked again once (infoRetry.test.ts pins the backoff)');
		watcher.stop();
	});

	test('the events source is chosen again: the file is followed instead of podman events, and an event both bring is logged once', async () => {
		const { store, watcher } = setUp();
		await watcher.start();
		const sources = () => store.getState().log.filter((entry) => entry.facts?.kind === 'events-source');
		assert.deepEqual(
			sources().map((entry) => entry.facts?.status),
			['podman-events'],
		);
		assert.match(sources()[0]?.text ?? '', /podman info did not say/);
		await waitFor('the file followed', () => (sources().length === 2 ? true : undefined), 20_000);
		assert.deepEqual(
			sources().map((entry) => entry.facts?.status),
			['podman-events', 'file'],
		);
		assert.match(sources()[1]?.text ?? '', new RegExp(`events read from ${EVENTS_FILE}`));
		const seen = () => store.getState().log.filter((entry) => entry.text.includes('seen-twice')).length;
		await waitFor('the event', () => (seen() > 0 ? true : undefined), 10_000);
		// The file is read from a second before the last event delivered, where the event is again; one
		// written after it is delivered: the file is followed, and what both brought came once.
		appendFileSync(EVENTS_FILE, eventLine('file-only', 1_000));
		await waitFor('the event only the file has', () => (store.getState().log.some((entry) => entry.text.includes('file-only')) ? true : undefined), 10_000);
		assert.equal(seen(), 1);
		watcher.stop();
	});

	test('with nothing delivered before the switch, the file is read from the start of the watch, not a second before it', async () => {
		const { store, watcher } = setUp(undefined, { streamed: false, fileHolds: eventLine('before-start', -500) });
		await watcher.start();
		const logged = (name: string) => store.getState().log.some((entry) => entry.text.includes(name));
		await waitFor('the file followed', () => (store.getState().eventsBackend === 'file' ? true : undefined), 20_000);
		appendFileSync(EVENTS_FILE, eventLine('after-switch', 1_000));
		await waitFor('the event after the switch', () => (logged('after-switch') ? true : undefined), 10_000);
		assert.equal(logged('before-start'), false, 'an event from before the start is not news');
		watcher.stop();
	});
});
