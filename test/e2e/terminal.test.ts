import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { createPodmanSandbox, type PodmanSandbox } from '../helpers/podmanSandbox.js';
import { descendantPids, processState } from '../helpers/procCheck.js';
import { TuiSession } from '../helpers/tuiSession.js';
import { waitFor } from '../helpers/waitFor.js';

/** The terminal: resizing, signals, and input that must never reach a shell. */
const skip = await e2eSkipReason();

/** Leaves the alternate screen: the terminal is given back as it was. */
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';

describe('terminal, signals and bad input', { skip: skip ?? false }, () => {
	let sandbox: PodmanSandbox;

	before(async () => {
		sandbox = await createPodmanSandbox();
		await sandbox.podman(['run', '-d', '--name', 'resident', sandbox.image]);
	});

	after(async () => {
		await sandbox?.dispose();
	});

	test('resized down to 40x12 it still draws; smaller it says so; back up it recovers', async () => {
		const tui = new TuiSession({ env: sandbox.env, args: ['--image', sandbox.image] });
		try {
			await tui.waitFor(/● resident /);
			tui.resize(40, 12);
			await tui.waitFor(/● resident/);
			await tui.waitFor(/q quit|↑↓ move/);
			tui.resize(30, 10);
			await tui.waitFor(/Terminal too small \(30×10\)/);
			tui.resize(140, 40);
			await tui.waitFor(/● resident .*Up/);
			assert.doesNotMatch(await tui.screen(), /too small/);
		} finally {
			await tui.kill();
		}
	});

	for (const [signal, code] of [
		['SIGTERM', 143],
		['SIGHUP', 129],
		['SIGINT', 130],
	] as const) {
		test(`${signal}: the terminal is restored, every child ended, exit code ${code}`, async () => {
			// `podman events` (forced: by default podman's events file is read without a child) is a
			// child that lives as long as the program: it must end with it.
			const tui = new TuiSession({ env: { ...sandbox.env, CONMON_TUI_EVENTS: 'podman' }, args: ['--image', sandbox.image] });
			try {
				await tui.waitFor(/watching podman/);
				await waitFor('podman events running', () => (descendantPids(tui.pty.pid).length > 0 ? true : undefined), 10_000);
				const children = descendantPids(tui.pty.pid);
				process.kill(tui.pty.pid, signal);
				const { exitCode } = await tui.waitForExit();
				assert.equal(exitCode, code);
				assert.ok(tui.raw.includes(LEAVE_ALTERNATE_SCREEN), 'left the alternate screen');
				await new Promise((resolve) => setTimeout(resolve, 300));
				assert.deepEqual(
					children.filter((pid) => processState(pid) === 'alive'),
					[],
				);
			} finally {
				// A failed assertion before the signal must not leave the program (and its podman) running.
				await tui.kill();
			}
		});
	}

	test('CI=true in the environment (a dev container, a CI job with a pty) still draws live frames', async () => {
		const tui = new TuiSession({ env: { ...sandbox.env, CI: 'true', CONTINUOUS_INTEGRATION: '1' }, args: ['--image', sandbox.image] });
		try {
			await tui.waitFor(/● resident .*Up/);
			assert.match((await tui.selectedRow()) ?? '', /resident/, 'the selection shows (inverse video)');
		} finally {
			await tui.kill();
		}
	});

	test('Ctrl-C quits like q', async () => {
		const tui = new TuiSession({ env: sandbox.env, args: ['--image', sandbox.image] });
		await tui.waitFor(/watching podman/);
		tui.press('\u0003');
		assert.equal((await tui.waitForExit()).exitCode, 0);
	});

	test('an image with shell metacharacters is one argv element: podman refuses it, nothing runs', async () => {
		const marker = `/tmp/conmon-tui-pwned-${process.pid}`;
		const image = `alpine; touch ${marker}`;
		const tui = new TuiSession({ env: sandbox.env, args: ['--image', image, '--command', `sh -c 'touch ${marker}'`] });
		try {
			await tui.waitFor(/watching podman/);
			tui.press('r');
			await tui.waitFor(
				/✗ \$ podman run -d 'alpine; touch \/tmp\/conmon-tui-pwned-\d+' sh -c 'touch [^']+': Error: [^\n]*(invalid reference format|repository name must be lowercase)/,
			);
			assert.equal(existsSync(marker), false, 'no shell ran the image name or the command');
			// The program runs on, with its state intact.
			await tui.waitFor(/● resident .*Up/);
			const names = (await sandbox.podman(['ps', '-a', '--format', '{{.Names}}'])).stdout.trim().split('\n');
			assert.deepEqual(names, ['resident']);
		} finally {
			await tui.kill();
		}
	});

	test('an image name with spaces: one argument, podman says why not', async () => {
		const tui = new TuiSession({ env: sandbox.env, args: ['--image', 'my image'] });
		try {
			await tui.waitFor(/watching podman/);
			tui.press('r');
			await tui.waitFor(/✗ \$ podman run -d 'my image' sleep infinity: Error: /);
		} finally {
			await tui.kill();
		}
	});
});
