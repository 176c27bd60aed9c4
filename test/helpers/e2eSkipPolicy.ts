import { createPodmanSandbox, type PodmanSandbox, prepareRootfs, sweepStaleSandboxes } from './podmanSandbox.js';
import { selectedWorldName, startWorld } from './podmanWorld.js';
import { errorMessage, findOnPath } from './sandboxProcesses.js';

export type PodmanReadiness = { ok: true } | { ok: false; reason: string };

let readinessPromise: Promise<PodmanReadiness> | undefined;

/**
 * Whether podman end-to-end tests can run here: podman on PATH, running as root (rootless
 * is not supported yet), the rootfs tarball prepared, in the podman5 world its chroot built and
 * entered (podmanWorld.ts), and a throwaway sandbox able to `podman run --rm TEST_IMAGE true`.
 * Computed once per process.
 */
export function podmanReadiness(): Promise<PodmanReadiness> {
	readinessPromise ??= checkReadiness();
	return readinessPromise;
}

async function checkReadiness(): Promise<PodmanReadiness> {
	if (process.platform !== 'linux') return { ok: false, reason: `podman e2e tests need Linux (this is ${process.platform})` };
	if (process.getuid?.() !== 0) {
		const podman = (await findOnPath('podman')) ? '' : '; podman is not on PATH either';
		return { ok: false, reason: `not running as root (rootless podman is not supported by the test sandbox yet)${podman}` };
	}
	// As root, the script installs podman, runc and busybox-static first when they are missing.
	try {
		await prepareRootfs();
	} catch (error) {
		return { ok: false, reason: `cannot prepare podman and the busybox rootfs: ${errorMessage(error)}` };
	}
	if (!(await findOnPath('podman'))) return { ok: false, reason: 'podman is not on PATH' };
	// Clean up after earlier test processes that were killed before they could dispose.
	await sweepStaleSandboxes().catch(() => undefined);
	if (selectedWorldName() === 'podman5') {
		try {
			await startWorld();
		} catch (error) {
			return { ok: false, reason: `cannot build or enter the podman 5 chroot (Debian 13): ${errorMessage(error)}` };
		}
	}
	let sandbox: PodmanSandbox | undefined;
	try {
		sandbox = await createPodmanSandbox();
		await sandbox.podman(['run', '--rm', sandbox.image, 'true'], { timeoutMs: 60_000 });
		return { ok: true };
	} catch (error) {
		return { ok: false, reason: `a throwaway sandbox cannot run a container: ${errorMessage(error)}` };
	} finally {
		await sandbox?.dispose().catch(() => undefined);
	}
}

/** CI forbids skipping e2e tests: any non-empty CI but `false` and `0` (CI=true, CI=1, CI=yes…). */
export function ciForbidsSkips(env: NodeJS.ProcessEnv = process.env): boolean {
	const ci = env['CI'];
	return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/**
 * The skip policy of the podman e2e tests. Returns undefined when podman is ready, else the
 * reason to skip. Under CI (see ciForbidsSkips) an unready podman is a failure, never a
 * skip: this throws with the reason.
 */
export async function e2eSkipReason(): Promise<string | undefined> {
	const readiness = await podmanReadiness();
	if (readiness.ok) return undefined;
	if (ciForbidsSkips()) {
		throw new Error(`podman e2e tests must run in CI but podman is not ready: ${readiness.reason}`);
	}
	return `podman not ready: ${readiness.reason}`;
}
