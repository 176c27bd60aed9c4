import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runArgs } from '../../src/podman/commands.js';
import { changesContainerState, Podman, PodmanError, podmanMessage } from '../../src/podman/podman.js';
import { parsePodmanVersion } from '../../src/podman/version.js';
import { quoteCommandWords } from '../../src/present/commandWords.js';

describe('podmanMessage', () => {
	test("keeps podman's Error: line and drops warnings", () => {
		const stderr = 'time="2026-11-29T17:00:00Z" level=warning msg="something minor"\nError: no container with name or ID "nope" found: no such container\n';
		assert.equal(podmanMessage(stderr), 'Error: no container with name or ID "nope" found: no such container');
	});

	test('reads the message out of a logrus error line', () => {
		assert.equal(podmanMessage('time="x" level=error msg="runc failed"\n'), 'runc failed');
	});

	test('without an Error: line, the whole output is the message', () => {
		assert.equal(podmanMessage('something odd\nhappened\n'), 'something odd — happened');
	});
});

describe('parsePodmanVersion', () => {
	test('reads 4.x and 5.x', () => {
		assert.deepEqual(parsePodmanVersion('podman version 4.3.1\n'), { text: '4.3.1', major: 4, minor: 3 });
		assert.deepEqual(parsePodmanVersion('podman version 5.2.0-dev'), { text: '5.2.0-dev', major: 5, minor: 2 });
		assert.equal(parsePodmanVersion('nonsense'), undefined);
	});
});

describe('action arguments', () => {
	// Each builder's exact argv: test/unit/podmanCommands.test.ts.
	test('run keeps image and command words separate, and the display quotes what a shell would split', () => {
		assert.deepEqual(runArgs('alpine; rm -rf /', ['sh', '-c', 'exit 3']), ['run', '-d', 'alpine; rm -rf /', 'sh', '-c', 'exit 3']);
		assert.equal(quoteCommandWords(['podman', 'run', '-d', 'alpine; rm -rf /', "it's"]), `podman run -d 'alpine; rm -rf /' 'it'\\''s'`);
	});
});

describe('Podman adapter with a stand-in binary', () => {
	// A real executable, not a mock of execa: the adapter's timeout and error paths run for real.
	const dir = mkdtempSync(join(tmpdir(), 'conmon-tui-podman-'));
	after(() => rmSync(dir, { recursive: true, force: true }));
	const script = (name: string, body: string) => {
		const path = join(dir, name);
		writeFileSync(path, `#!/bin/sh\n${body}\n`);
		chmodSync(path, 0o755);
		return path;
	};

	test('passes argv through untouched, with no shell in between', async () => {
		const echo = new Podman(script('echo-args', 'for a in "$@"; do printf "[%s]" "$a"; done'));
		const { stdout, command } = await echo.run(['run', '-d', 'alpine; rm -rf /', '$(id)']);
		assert.equal(stdout, '[run][-d][alpine; rm -rf /][$(id)]');
		assert.equal(command.length, 5);
	});

	test("a failure carries podman's message and exit code", async () => {
		const failing = new Podman(script('fail', 'echo "Error: no such container" >&2; exit 125'));
		await assert.rejects(failing.run(['kill', 'x']), (error: unknown) => {
			assert.ok(error instanceof PodmanError);
			assert.equal(error.message, 'Error: no such container');
			assert.equal(error.exitCode, 125);
			assert.equal(error.reason, 'failed');
			return true;
		});
	});

	test('a hung podman is stopped at the timeout', async () => {
		const hung = new Podman(script('hang', 'exec sleep 30'));
		await assert.rejects(hung.run(['ps'], { timeoutMs: 300 }), (error: unknown) => error instanceof PodmanError && error.reason === 'timeout');
	});

	test('a missing or non-executable podman is reported as such', async () => {
		await assert.rejects(new Podman(join(dir, 'nope')).run(['ps']), (e: unknown) => e instanceof PodmanError && e.reason === 'missing');
		const notExec = join(dir, 'not-exec');
		writeFileSync(notExec, 'x');
		await assert.rejects(
			new Podman(notExec).run(['ps']),
			(e: unknown) => e instanceof PodmanError && e.reason === 'missing' && /not executable/.test(e.message),
		);
	});

	test('a state-changing command runs in its own session, and its output and failure still come back', async () => {
		// Prints its session ID (ps -o sid) and its process group: a detached child leads both.
		const podman = new Podman(script('session', 'echo "$$ $(ps -o sid= -p $$) $(ps -o pgid= -p $$)"; echo "Error: nope" >&2; exit $1'));
		const { stdout } = await podman.run(['0'], { changesState: true });
		const [pid, sid, pgid] = stdout.trim().split(/\s+/).map(Number);
		assert.equal(sid, pid, 'its own session: no SIGHUP from our terminal');
		assert.equal(pgid, pid, 'its own process group');
		const attached = (await podman.run(['0'])).stdout.trim().split(/\s+/).map(Number);
		assert.notEqual(attached[1], attached[0], 'a query stays in our session');
		await assert.rejects(
			podman.run(['3'], { changesState: true }),
			(e: unknown) => e instanceof PodmanError && e.message === 'Error: nope' && e.exitCode === 3,
		);
	});

	test('state-changing commands are listed while they run (said at exit), queries are not', async () => {
		const podman = new Podman(script('slow', 'sleep 0.3'));
		const stop = podman.run(['stop', 'abc'], { changesState: true });
		const ps = podman.run(['ps']);
		assert.deepEqual(
			podman.stillRunning().map((c) => c.slice(1)),
			[['stop', 'abc']],
		);
		await Promise.all([stop, ps]);
		assert.deepEqual(podman.stillRunning(), []);
	});
});

describe('changesContainerState', () => {
	test('stop, rm, run… change state; ps, inspect, events do not', () => {
		for (const args of [
			['stop', 'x'],
			['rm', '-f', 'x'],
			['run', '-d', 'img'],
			['container', 'kill', 'x'],
			['start', 'x'],
			['restart', 'x'],
			['pause', 'x'],
		]) {
			assert.equal(changesContainerState(args), true, args.join(' '));
		}
		for (const args of [['ps', '-a'], ['container', 'inspect', 'x'], ['events'], ['info'], []]) {
			assert.equal(changesContainerState(args), false, args.join(' '));
		}
	});
});
