import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { writePodmanWrapper } from '../helpers/podmanWrapper.js';
import { sandboxSuite } from '../helpers/sandboxSuite.js';

/**
 * `podman ps` and `podman inspect` failing (a stand-in script makes exactly that subcommand fail,
 * the rest is real podman): a clear message, and the program carries on.
 */
const skip = await e2eSkipReason();

describe('podman ps and inspect failures', { skip: skip ?? false }, () => {
	const suite = sandboxSuite('failures');

	test('ps fails: podman ps failed with its words; events still come, and q quits cleanly', { timeout: 60_000 }, async () => {
		const { sandbox, dir } = suite;
		const wrapper = writePodmanWrapper(join(dir), { failOn: ['ps'] });
		const tui = suite.start({ env: { CONMON_TUI_PODMAN: wrapper }, args: ['--image', sandbox.image] });
		await tui.waitFor(/podman ps failed: Error: injected failure of podman ps/);
		await sandbox.podman(['run', '-d', '--name', 'despite', sandbox.image, 'sleep', 'infinity']);
		await tui.waitFor(/container despite \(\w+\) created/);
		assert.doesNotMatch(tui.raw, /\n\s+at .*\.js:\d+/, 'no stack trace');
		tui.press('q');
		assert.equal((await tui.waitForExit(20_000)).exitCode, 0);
		await sandbox.podman(['rm', '-f', '-t', '0', 'despite']);
	});

	test('inspect fails: podman inspect failed, the container is still listed from ps, and q quits cleanly', { timeout: 60_000 }, async () => {
		const { sandbox, dir } = suite;
		await sandbox.podman(['run', '-d', '--name', 'listed', sandbox.image, 'sleep', 'infinity']);
		// conmon-tui runs inspect as `podman container inspect`.
		const wrapper = writePodmanWrapper(join(dir), { failOn: ['container'] });
		const tui = suite.start({ env: { CONMON_TUI_PODMAN: wrapper }, args: ['--image', sandbox.image] });
		await tui.waitFor(/podman inspect failed: Error: injected failure of podman container \(test stand-in\); showing what podman ps says/);
		await tui.waitFor(/● listed /);
		assert.doesNotMatch(tui.raw, /\n\s+at .*\.js:\d+/, 'no stack trace');
		tui.press('q');
		assert.equal((await tui.waitForExit(20_000)).exitCode, 0);
	});
});
