/**
 * The end-to-end suites again, unchanged, against podman 5.x: Debian 13's podman 5.4 with conmon
 * 2.1.12 and runc, in a chroot built by test/sandbox/prepare-podman5-chroot.sh (cached between
 * runs), the program under test running there under the chroot's Node 20 in a pty of the host.
 * Selecting the world before the suites load is all it takes: their sandboxes, ptys and `--once`
 * runs ask podmanWorld.ts where podman and the program run. With CI=true a chroot that cannot be
 * built or entered fails every suite (e2eSkipPolicy.ts), as podman missing on the host does.
 *
 * Which suites: the seed from the CLI and from the keys, `--once --json`, the events stream lost and
 * recovered, exec branches and the details view, the lessons, pods.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { execa } from 'execa';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { createPodmanSandbox } from '../helpers/podmanSandbox.js';
import { languageEnvironment, TuiSession } from '../helpers/tuiSession.js';

process.env['CONMON_TUI_PODMAN_WORLD'] = 'podman5';
const skip = await e2eSkipReason();

// First, that the world is the one claimed: else every suite below could pass against podman 4.3.
describe('the podman 5 world', { skip: skip ?? false }, () => {
	test('podman 5, conmon 2.1 and Node 20 of the chroot; the program says it watches podman 5', async () => {
		const sandbox = await createPodmanSandbox();
		let tui: TuiSession | undefined;
		try {
			assert.equal(sandbox.world.name, 'podman5');
			assert.match((await sandbox.podman(['version', '--format', '{{.Client.Version}}'])).stdout, /^5\.\d+\.\d+$/);
			const [conmon, conmonArgs] = sandbox.world.command('conmon', ['--version']);
			assert.match((await execa(conmon, conmonArgs, { timeout: 30_000 })).stdout, /^conmon version 2\.1\.\d+/m);
			const [node, nodeArgs] = sandbox.world.program(['--once', '--json']);
			assert.notEqual(node, process.execPath, "not the runner's Node");
			const once = await execa(node, nodeArgs, { env: { ...sandbox.env, ...languageEnvironment('en') }, stdin: 'ignore', timeout: 30_000 });
			assert.match((JSON.parse(once.stdout) as { podmanVersion: string }).podmanVersion, /^5\./);
			const [chrootNode, versionArgs] = sandbox.world.command('node', ['--version']);
			assert.match((await execa(chrootNode, versionArgs, { timeout: 30_000 })).stdout, /^v20\./);
			tui = new TuiSession({ env: sandbox.env, args: ['--image', sandbox.image] });
			await tui.waitFor(/watching podman 5\.\d+\.\d+/);
		} finally {
			await tui?.kill();
			await sandbox.dispose();
		}
	});
});

await import('./seedFromCli.test.js');
await import('./seedFromKeys.test.js');
await import('./once.test.js');
await import('./eventStream.test.js');
await import('./execAndDetails.test.js');
await import('./lessons.test.js');
await import('./pods.test.js');
