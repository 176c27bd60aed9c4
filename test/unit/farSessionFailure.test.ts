import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, mock, test } from 'node:test';
import { FAR_BACKOFF_START_MS, FAR_SCAN_TIMEOUT_MS, FarSession, FarSideError } from '../../src/remote/farSession.js';
import { delay } from '../helpers/sandboxProcesses.js';
import { waitFor } from '../helpers/waitFor.js';

/** A stand-in `ssh`, a shell script of these lines, in a temp dir of its own (removed after the suite). */
function standInSsh(name: string, script: (dir: string) => string[]): { ssh: string; dir: string } {
	const dir = mkdtempSync(join(tmpdir(), `conmon-tui-${name}-`));
	after(() => rmSync(dir, { recursive: true, force: true }));
	const ssh = join(dir, 'ssh');
	writeFileSync(ssh, ['#!/bin/sh', ...script(dir), ''].join('\n'));
	chmodSync(ssh, 0o755);
	return { ssh, dir };
}

/**
 * A failed ssh is sorted by what it said last on stderr: a stand-in ssh that prints a long stderr
 * (a chatty ssh) ending in OpenSSH's refusal, then exits at once, is unreachable, with that line.
 * (Sorted at the child's 'close', when its stderr has been read whole: at 'exit' it may not have
 * been, and CI once saw a refused ssh said to have dropped, with no line at all.)
 */
describe('FarSession: an ssh that fails at once', () => {
	const { ssh } = standInSsh('farsession', () => [
		'i=0',
		'while [ $i -lt 2000 ]; do echo "debug1: reading configuration data line $i" >&2; i=$((i + 1)); done',
		'echo "ssh: connect to host 127.0.0.1 port 9: Connection refused" >&2',
		'exit 255',
	]);

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

/**
 * A reconnect may start the next ssh before the last one's 'close': a hung session given up after
 * the scan timeout is sent SIGTERM, and an ssh can take its time to go. The stand-in's first child
 * (old) answers the handshake, never answers its scan, and on SIGTERM says "Host key verification
 * failed." on stderr only once the next child (new) has started, then goes when the test lets it.
 * The new child answers one scan, then fails the next with a line of its own. Each failure is sorted
 * by its own child's stderr, and the old child's 'close' does not settle the new child's scan.
 */
describe('FarSession: a reconnect before the given-up ssh has closed', () => {
	const { ssh, dir } = standInSsh('farsession-overlap', (dir) => [
		`dir='${dir}'`,
		'wait_for() { while [ ! -e "$dir/$1" ]; do sleep 0.02; done; }',
		'read_request() { dots=0; while [ $dots -lt 2 ] && read -r line; do [ "$line" = . ] && dots=$((dots + 1)); done; }',
		'if mkdir "$dir/first" 2>/dev/null; then role=old; else role=new; fi',
		'echo "H 0 $$"',
		'if [ $role = old ]; then',
		'  trap \'wait_for new.pid; echo "Host key verification failed." >&2; wait_for release-old; exit 255\' TERM',
		'  echo $$ > "$dir/old.pid"',
		'  read_request; : > "$dir/old.asked"',
		'  while :; do sleep 0.02; done',
		'fi',
		'echo $$ > "$dir/new.pid"',
		'read_request; : > "$dir/new.asked"; wait_for release-new; echo E',
		'read_request; echo "Timeout, server 127.0.0.1 not responding." >&2; exit 255',
	]);

	/** Real time passes (the mocked clock does not) until `done` holds. */
	async function until(what: string, done: () => boolean): Promise<void> {
		const deadline = performance.now() + 10_000;
		while (!done()) {
			if (performance.now() > deadline) assert.fail(`waited 10 s for ${what}`);
			await new Promise((resolve) => setImmediate(resolve));
		}
	}
	const exists = (name: string) => () => existsSync(join(dir, name));

	test("each child's failure is its own; the old child's close leaves the new child's scan alone", async () => {
		mock.timers.enable({ apis: ['setTimeout', 'Date'] });
		const session = new FarSession({ user: 'root', host: '127.0.0.1', port: 9, identity: undefined }, { ssh });
		try {
			const hung = session.scan().then(
				() => assert.fail('the hung scan answered'),
				(caught: unknown) => caught,
			);
			await until('the old child to be asked', exists('old.asked'));
			mock.timers.tick(FAR_SCAN_TIMEOUT_MS);
			const timedOut = await hung;
			assert.ok(timedOut instanceof FarSideError && timedOut.failure === 'timeout', String(timedOut));

			mock.timers.tick(FAR_BACKOFF_START_MS);
			let settled = false;
			const answered = session.scan().finally(() => {
				settled = true;
			});
			answered.catch(() => undefined);
			await until('the new child to be asked', exists('new.asked'));
			const oldPid = Number(readFileSync(join(dir, 'old.pid'), 'utf8'));
			writeFileSync(join(dir, 'release-old'), '');
			await until('the old child to go', () => !existsSync(`/proc/${oldPid}`) || settled);
			// Its 'close' comes once its pipes are read out: a moment of real time.
			const moment = performance.now() + 300;
			await until('a moment', () => performance.now() > moment || settled);
			assert.equal(settled, false, "the old child's close settled the new child's scan");
			writeFileSync(join(dir, 'release-new'), '');
			assert.deepEqual(await answered, []);

			const failed = await session.scan().then(
				() => assert.fail('a scan through an ssh that failed answered'),
				(caught: unknown) => caught,
			);
			assert.ok(failed instanceof FarSideError, String(failed));
			assert.equal(failed.failure, 'dropped', `sorted by its own stderr, not the old child's: ${failed.detail}`);
			assert.equal(failed.detail, 'Timeout, server 127.0.0.1 not responding.');
		} finally {
			session.close();
			writeFileSync(join(dir, 'release-old'), '');
			writeFileSync(join(dir, 'release-new'), '');
			mock.timers.reset();
		}
	});
});

/** A scan in flight when the session is closed (the program quits) fails at once instead of hanging forever. */
describe('FarSession: closed during a scan', () => {
	const { ssh, dir } = standInSsh('farsession-close', (dir) => ['echo "H 0 $$"', `read -r line; : > '${dir}/asked'`, 'while :; do sleep 0.02; done']);

	test('the scan in flight is rejected as dropped', async () => {
		const session = new FarSession({ user: 'root', host: '127.0.0.1', port: 9, identity: undefined }, { ssh });
		try {
			const scan = session.scan().then(
				() => assert.fail('the scan answered'),
				(caught: unknown) => caught,
			);
			await waitFor('the scan to be asked', () => (existsSync(join(dir, 'asked')) ? true : undefined));
			session.close();
			const error = await Promise.race([scan, delay(2_000).then(() => 'still pending')]);
			assert.ok(error instanceof FarSideError, String(error));
			assert.equal(error.failure, 'dropped');
		} finally {
			session.close();
		}
	});
});
