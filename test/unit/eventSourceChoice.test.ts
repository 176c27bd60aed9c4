import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { chooseEventSource } from '../../src/podman/eventSourceChoice.js';
import { Podman } from '../../src/podman/podman.js';

/** The source chosen from podman info and from what a stand-in podman (a shell script) logs. */
describe('chooseEventSource', () => {
	const dir = mkdtempSync(join(tmpdir(), 'conmon-tui-choice-'));
	after(() => rmSync(dir, { recursive: true, force: true }));
	const eventsFile = join(dir, 'events.log');
	writeFileSync(eventsFile, '');
	const FILE = { eventLogger: 'file', serviceIsRemote: false };
	const local = { remote: false, forcePodmanEvents: false };

	/** A podman that logs, as podman 4.3.1 does at debug level, that it reads `path`. */
	function podmanReading(path: string, exitCode = 0): Podman {
		const script = join(dir, `podman-${Math.random().toString(36).slice(2)}`);
		writeFileSync(script, `#!/bin/sh\necho 'time="2026-12-02T01:22:28Z" level=debug msg="Reading events from file \\"${path}\\""' >&2\nexit ${exitCode}\n`);
		chmodSync(script, 0o755);
		return new Podman(script);
	}

	test('the file logger on a local podman: the file podman names', async () => {
		assert.deepEqual(await chooseEventSource(podmanReading(eventsFile), FILE, local), { kind: 'file', path: eventsFile });
	});

	test('podman events, and why: forced, journald, no info, remote, a path not found, a file that cannot be opened', async () => {
		const podman = podmanReading(eventsFile);
		const why = async (info: Parameters<typeof chooseEventSource>[1], options = local, p = podman) => {
			const chosen = await chooseEventSource(p, info, options);
			return chosen.kind === 'podman-events' ? chosen.reason : chosen;
		};
		assert.deepEqual(await why(FILE, { ...local, forcePodmanEvents: true }), { why: 'asked' });
		assert.deepEqual(await why({ eventLogger: 'journald', serviceIsRemote: false }), { why: 'logger', logger: 'journald' });
		assert.deepEqual(await why(undefined), { why: 'no-info' });
		assert.deepEqual(await why(FILE, { ...local, remote: true }), { why: 'remote' });
		assert.deepEqual(await why({ eventLogger: 'file', serviceIsRemote: true }), { why: 'remote' });
		assert.deepEqual(await why(FILE, local, podmanReading(eventsFile, 125)), { why: 'no-path' }, 'podman failed: its words are not trusted');
		const missing = join(dir, 'nowhere', 'events.log');
		assert.deepEqual(await why(FILE, local, podmanReading(missing)), { why: 'unreadable', path: missing });
	});
});
