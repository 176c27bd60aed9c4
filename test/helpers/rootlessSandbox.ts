/**
 * A private, throwaway ROOTLESS podman store for end-to-end tests: the rootless counterpart
 * of podmanSandbox.ts, with the same interface. The test process is root; every podman of
 * the sandbox runs as the ordinary user of rootlessUser.ts (execa's uid/gid), with an
 * environment built from scratch (the user's, plus the sandbox's), never root's.
 *
 * What differs from the rootful sandbox, measured with podman 4.3.1 on Debian 12 (cgroup v1
 * hybrid, no systemd, kernel 6.x):
 * - Rootless podman ignores storage.conf's `graphroot` and `runroot`: the graph root is
 *   `rootless_storage_path`, the run root is always `$XDG_RUNTIME_DIR/containers`. So the
 *   sandbox has an XDG_RUNTIME_DIR of its own (`<dir>/xdg`, 0700, owned by the user); runc's
 *   state (`$XDG_RUNTIME_DIR/runc`) and the network namespaces (`$XDG_RUNTIME_DIR/netns`)
 *   land there too. XDG_DATA_HOME and XDG_CONFIG_HOME also point into the sandbox, so
 *   c/image's blob-info cache is not written to ~/.local/share and ~/.config/containers is
 *   never read.
 * - The pause process (`catatonit -P`, parent PID 1) that holds the user namespace is per
 *   sandbox: podman 4.x keeps its PID in `<tmp_dir>/pause.pid` (podman 5:
 *   `$XDG_RUNTIME_DIR/libpod/tmp/pause.pid`), both inside the sandbox, and a podman that finds
 *   none there makes a new user namespace. It is told apart from other sandboxes' pause
 *   processes by that file, by its environment (CONTAINERS_CONF of this sandbox) and by its
 *   user namespace, which this sandbox's conmons, containers and network helpers share.
 * - Native rootless overlay works (no fuse-overlayfs); vfs is the fallback. Its mounts live in
 *   the pause process's mount namespace, not in root's: they vanish with the last process of
 *   that namespace.
 * - No cgroups are made (rootless on cgroup v1), no default_ulimits are needed (rootless
 *   podman uses the current limits), `netns = "none"` as in the rootful sandbox.
 * - `lock_type = "file"` matters more here: the default shm lock of a rootless user
 *   (/dev/shm/libpod_rootless_lock_UID) would be shared by every sandbox of that user.
 * - Every podman command prints `"/" is not a shared mount, this could cause issues or
 *   missing mounts with rootless containers` (level=warning) on stderr: / is a private mount
 *   on these machines. Harmless for these tests.
 */

import { chown, copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { PodmanOptions, PodmanResult, PodmanSandbox } from './podmanSandbox.js';
import { DEFAULT_TIMEOUT_MS, inspectContainer, podmanOutcome, prepareRootfs, sandboxContainersConf, TEST_IMAGE } from './podmanSandbox.js';
import { HOST_WORLD } from './podmanWorld.js';
import { disposeRootlessDir, killSandboxProcesses, pausePids, ROOTLESS_SANDBOX_PREFIX, type SandboxRecord } from './rootlessSandboxDisposal.js';
import type { RootlessUser } from './rootlessUser.js';
import { processStartTime, toml, unmountUnder } from './sandboxProcesses.js';

/** Prefix of every rootless sandbox directory, under os.tmpdir() (distinct from the rootful one). */
export interface RootlessSandbox extends PodmanSandbox {
	/**
	 * The complete environment of a process of this sandbox: the user's env with
	 * CONTAINERS_CONF, CONTAINERS_STORAGE_CONF, TMPDIR, XDG_RUNTIME_DIR, XDG_DATA_HOME and
	 * XDG_CONFIG_HOME pointing into the sandbox. Spawn with it alone (`extendEnv: false`)
	 * and as `user`, never merged over root's process.env.
	 */
	env: Record<string, string>;
	/** Whom every podman of this sandbox runs as. */
	user: RootlessUser;
	/** PID of this sandbox's pause process (`catatonit -P`) while it runs. */
	pausePid(): Promise<number | undefined>;
}

let storageDriver: 'overlay' | 'vfs' | undefined;

/**
 * Creates a fresh rootless sandbox for `user` (see ensureRootlessUser) with TEST_IMAGE
 * imported as that user. Needs root. Call dispose() when done.
 */
export async function createRootlessSandbox(user: RootlessUser): Promise<RootlessSandbox> {
	if (process.getuid?.() !== 0) throw new Error('a rootless sandbox is made by root (it runs podman as another user)');
	const tarball = await prepareRootfs();
	const dir = await mkdtemp(path.join(os.tmpdir(), ROOTLESS_SANDBOX_PREFIX));
	const env: Record<string, string> = {
		...user.env,
		CONTAINERS_CONF: path.join(dir, 'containers.conf'),
		CONTAINERS_STORAGE_CONF: path.join(dir, 'storage.conf'),
		// Big temporary files of image copies (podman import) go here, not to /var/tmp.
		TMPDIR: path.join(dir, 'tmpfiles'),
		XDG_RUNTIME_DIR: path.join(dir, 'xdg'),
		XDG_DATA_HOME: path.join(dir, 'data'),
		XDG_CONFIG_HOME: path.join(dir, 'config'),
	};
	const record: SandboxRecord = {
		ownerPid: process.pid,
		ownerStartTime: (await processStartTime(process.pid)) ?? '',
		uid: user.uid,
		gid: user.gid,
		env,
	};
	const sandbox = makeSandbox(dir, user, env);
	try {
		// Root-owned, so the user cannot change what dispose() acts on.
		await writeFile(path.join(dir, 'sandbox.json'), `${JSON.stringify(record, null, '\t')}\n`, { mode: 0o644 });
		await makeUserDirs(dir, user);
		await writeUserFile(path.join(dir, 'containers.conf'), sandboxContainersConf(dir, 'rootless'), user);
		// The tarball is in root's cache (/root is 0700): give the user a copy.
		const rootfs = path.join(dir, 'rootfs.tar');
		await copyFile(tarball, rootfs);
		await chown(rootfs, user.uid, user.gid);
		const drivers: Array<'overlay' | 'vfs'> = storageDriver ? [storageDriver] : ['overlay', 'vfs'];
		let lastError: unknown;
		for (const driver of drivers) {
			await writeUserFile(path.join(dir, 'storage.conf'), storageConf(dir, driver), user);
			try {
				await sandbox.podman(['import', '--change', 'CMD=["/bin/sleep","infinity"]', rootfs, TEST_IMAGE], { timeoutMs: 120_000 });
				storageDriver = driver;
				await rm(rootfs, { force: true });
				return sandbox;
			} catch (error) {
				lastError = error;
				// Start the next attempt from an empty store and a new user namespace.
				await sandbox.podman(['rmi', '-af'], { reject: false, timeoutMs: 30_000 }).catch(() => undefined);
				await killSandboxProcesses(dir, record);
				await unmountUnder(dir);
				for (const sub of ['root', 'xdg', 'tmp', 'data']) await rm(path.join(dir, sub), { recursive: true, force: true });
				await makeUserDirs(dir, user);
			}
		}
		throw lastError;
	} catch (error) {
		await sandbox.dispose().catch(() => undefined);
		throw error;
	}
}

/** The sandbox directory and everything podman needs to exist in it, owned by the user. */
async function makeUserDirs(dir: string, user: RootlessUser): Promise<void> {
	for (const sub of ['.', 'tmp', 'tmpfiles', 'xdg', 'data', 'config', 'networks']) {
		const target = path.join(dir, sub);
		// XDG_RUNTIME_DIR must be 0700 and the user's, or podman refuses it.
		await mkdir(target, { recursive: true, mode: 0o700 });
		await chown(target, user.uid, user.gid);
	}
}

async function writeUserFile(file: string, content: string, user: RootlessUser): Promise<void> {
	await writeFile(file, content, { mode: 0o644 });
	await chown(file, user.uid, user.gid);
}

function storageConf(dir: string, driver: 'overlay' | 'vfs'): string {
	return `# conmon-tui rootless test sandbox (generated)
# Rootless podman takes its graph root from rootless_storage_path (graphroot is ignored) and
# its run root from $XDG_RUNTIME_DIR/containers (runroot is ignored); both are set to the
# same places anyway.
[storage]
driver = "${driver}"
graphroot = ${toml(path.join(dir, 'root'))}
rootless_storage_path = ${toml(path.join(dir, 'root'))}
runroot = ${toml(path.join(dir, 'xdg', 'containers'))}
`;
}

function makeSandbox(dir: string, user: RootlessUser, env: Record<string, string>): RootlessSandbox {
	let disposing: Promise<void> | undefined;
	const podman = async (args: string[], opts: PodmanOptions = {}): Promise<PodmanResult> => {
		if (disposing) throw new Error(`podman ${args.join(' ')}: rootless sandbox ${dir} is disposed`);
		return runPodmanAs(user, env, dir, args, opts);
	};
	return {
		dir,
		env,
		image: TEST_IMAGE,
		// The host's podman and Node; podman() below runs it as the user, which world.command does not.
		world: HOST_WORLD,
		user,
		podman,
		inspect: (id) => inspectContainer(podman, id),
		async pausePid(): Promise<number | undefined> {
			const pids = await pausePids(dir, user.uid);
			return pids[0];
		},
		dispose(): Promise<void> {
			disposing ??= disposeRootlessDir(dir, { ownerPid: process.pid, ownerStartTime: '', uid: user.uid, gid: user.gid, env }, (args, opts) =>
				runPodmanAs(user, env, dir, args, opts),
			);
			return disposing;
		},
	};
}

async function runPodmanAs(
	user: { uid: number; gid: number },
	env: Record<string, string>,
	dir: string,
	args: string[],
	opts: PodmanOptions,
): Promise<PodmanResult> {
	const result = await execa('podman', args, {
		// libuv drops the supplementary groups (setgroups(0)) before setgid/setuid.
		uid: user.uid,
		gid: user.gid,
		env,
		extendEnv: false,
		cwd: dir,
		timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		reject: false,
		stdin: 'ignore',
		stripFinalNewline: true,
	});
	return podmanOutcome(result, args, opts, ` (as UID ${user.uid})`, withoutSharedMountWarning(result.stderr));
}

/** Podman's warning on every rootless command here; it only clutters error messages. */
function withoutSharedMountWarning(stderr: string): string {
	return stderr
		.split('\n')
		.filter((line) => !line.includes('is not a shared mount'))
		.join('\n');
}

/**
 * Disposes rootless sandboxes left in os.tmpdir() by test processes that died without
 * cleaning up (their owner PID is gone or was reused). Sandboxes of live processes stay.
 */
export async function sweepStaleRootlessSandboxes(): Promise<string[]> {
	const swept: string[] = [];
	for (const entry of await readdir(os.tmpdir()).catch(() => [] as string[])) {
		if (!entry.startsWith(ROOTLESS_SANDBOX_PREFIX)) continue;
		const dir = path.join(os.tmpdir(), entry);
		const text = await readFile(path.join(dir, 'sandbox.json'), 'utf8').catch(() => undefined);
		if (text === undefined) continue;
		let record: SandboxRecord;
		try {
			record = JSON.parse(text) as SandboxRecord;
		} catch {
			continue;
		}
		if ((await processStartTime(record.ownerPid)) === record.ownerStartTime) continue;
		await disposeRootlessDir(dir, record, (args, opts) => runPodmanAs({ uid: record.uid, gid: record.gid }, record.env, dir, args, opts));
		swept.push(dir);
	}
	return swept;
}
