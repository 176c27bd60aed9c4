/**
 * `npm run demo`: conmon-tui on a private podman sandbox, for a machine where podman
 * cannot run containers out of the box (no registry, runc instead of crun, pinned rlimits:
 * see test/sandbox/prepare-podman.sh). It prepares podman as the tests do, starts the
 * built program in this terminal with `--image` set to the local test image, and removes
 * the sandbox and everything in it when conmon-tui exits.
 */
import { execa } from 'execa';
import { podmanReadiness } from '../helpers/e2eSkipPolicy.js';
import { createPodmanSandbox } from '../helpers/podmanSandbox.js';
import { cliPath } from '../helpers/tuiSession.js';

const readiness = await podmanReadiness();
if (!readiness.ok) {
	process.stderr.write(`demo: podman is not ready here: ${readiness.reason}\n`);
	process.exit(1);
}
const sandbox = await createPodmanSandbox();
process.stderr.write(`demo: private podman store in ${sandbox.dir}; it is removed when conmon-tui exits\n`);
// conmon-tui owns the terminal and handles Ctrl-C itself; this process only waits for it.
process.on('SIGINT', () => undefined);
const args = [cliPath(), '--image', sandbox.image, ...process.argv.slice(2)];
const result = await execa(process.execPath, args, { env: sandbox.env, stdio: 'inherit', reject: false });
await sandbox.dispose();
process.exit(result.exitCode ?? 1);
