import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { FarSession, FarSideError } from '../../src/remote/farSession.js';

/**
 * A failed ssh is sorted by what it said last on stderr: a stand-in ssh that prints a long stderr
 * (a chatty ssh) ending in OpenSSH's refusal, then exits at once, is unreachable, with that line.
 * (Sorted at the child's 'close', when its stderr has been read whole: at 'exit' it may not have
 * been, and CI once saw a refused ssh said to have dropped, with no line at all.)
 */
describe('FarSession: an ssh that fails at once', () => {
	const dir = mkdtempSync(join(tmpdir(), 'conmon-tui-farsession-'));
	after(() => rmSync(dir, { recursive: true, force: true }));
	const ssh = join(dir, 'ssh');
	writeFileSync(
		ssh,
		[
			'#!/bin/sh',
			'i=0',
			'while [ $i -lt 2000 ]; do echo "debug1: reading configuration data line $i" >&2; i=$((i + 1)); done',
			'echo "ssh: connect to host 127.0.0.1 port 9: Connection refused" >&2',
			'exit 255',
			'',
		].join('\n'),
	);
	chmodSync(ssh, 0o755);

	test('is said unreachable, with its last stderr line', async () => {
		for (let round = 0; round < 5; round++) {
			const session = new FarSession({ user: 'root', host: '127.0.0.1', port: 9, identity: undefined }, { ssh });
			const error = await session.scan().then(
				() => assert.fail('a scan through an ssh that failed answered'),
				(caught: unknown) => caught,
			);
			session.close();
			assert.ok(error instanceof FarSideError, String(error));
			assert.equal(error.failure, 'unreachable', error.detail);
			assert.match(error.detail, /Connection refused/);
		}
	});
});
