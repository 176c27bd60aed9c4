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
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { chown, copyFile, mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { prepareRootfs, TEST_IMAGE } from './podmanSandbox.js';
import type { PodmanInspect, PodmanOptions, PodmanResult, PodmanSandbox } from './podmanSandbox.js';
import type { RootlessUser } from './rootlessUser.js';
import { mountsUnder, processStartTime, selfAndAncestors, toml } from './sandboxProcesses.js';

/** Prefix of every rootless sandbox directory, under os.tmpdir() (distinct from the rootful one). */
export const ROOTLESS_SANDBOX_PREFIX = 'conmon-tui-rootless-';

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

/** What dispose() and the stale sweep need to know about a sandbox; written to <dir>/sandbox.json. */
interface SandboxRecord {
	ownerPid: number;
	ownerStartTime: string;
	uid: number;
	gid: number;
	env: Record<string, string>;
}

const DEFAULT_TIMEOUT_MS = 60_000;

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
		await writeUserFile(path.join(dir, 'containers.conf'), containersConf(dir), user);
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

function containersConf(dir: string): string {
	return `# conmon-tui rootless test sandbox (generated)
[containers]
netns = "none"
log_driver = "k8s-file"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = ${toml(path.join(dir, 'tmp', 'events', 'events.log'))}
tmp_dir = ${toml(path.join(dir, 'tmp'))}
image_copy_tmp_dir = ${toml(path.join(dir, 'tmpfiles'))}
lock_type = "file"

[network]
network_config_dir = ${toml(path.join(dir, 'networks'))}
`;
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
		user,
		podman,
		async inspect(id: string): Promise<PodmanInspect> {
			const { stdout } = await podman(['inspect', '--type', 'container', id], { timeoutMs: 30_000 });
			const parsed: unknown = JSON.parse(stdout);
			const first = Array.isArray(parsed) ? (parsed[0] as unknown) : undefined;
			if (!first || typeof first !== 'object') throw new Error(`podman inspect ${id}: unexpected output ${stdout.slice(0, 200)}`);
			return first as PodmanInspect;
		},
		async pausePid(): Promise<number | undefined> {
			const pids = await pausePids(dir, user.uid);
			return pids[0];
		},
		dispose(): Promise<void> {
			disposing ??= disposeDir(dir, { ownerPid: process.pid, ownerStartTime: '', uid: user.uid, gid: user.gid, env });
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
	const exitCode = typeof result.exitCode === 'number' ? result.exitCode : -1;
	if (exitCode !== 0 && opts.reject !== false) {
		const why = result.timedOut ? `timed out after ${opts.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms` : `exit ${exitCode}`;
		throw new Error(`podman ${args.join(' ')} (as UID ${user.uid}): ${why}: ${lastLines(withoutSharedMountWarning(result.stderr), 5) || result.message}`);
	}
	return { stdout: result.stdout, stderr: result.stderr, exitCode };
}

/** Podman's warning on every rootless command here; it only clutters error messages. */
function withoutSharedMountWarning(stderr: string): string {
	return stderr
		.split('\n')
		.filter((line) => !line.includes('is not a shared mount'))
		.join('\n');
}

// ---------------------------------------------------------------------------------------
// Disposal

/**
 * Removes every container of the sandbox (as the user), kills what is left of its processes
 * (pause process, conmons, containers, network helpers, podman CLIs: see
 * killSandboxProcesses), unmounts anything under it in root's mount namespace, and deletes
 * the directory. Never touches another sandbox, the user's default store or root's podman.
 */
async function disposeDir(dir: string, record: SandboxRecord): Promise<void> {
	const tmpRoot = path.resolve(os.tmpdir());
	if (path.dirname(path.resolve(dir)) !== tmpRoot || !path.basename(dir).startsWith(ROOTLESS_SANDBOX_PREFIX)) {
		throw new Error(`refusing to dispose ${dir}: not a ${ROOTLESS_SANDBOX_PREFIX}* directory in ${tmpRoot}`);
	}
	if (!existsSync(dir)) return;
	const conf = record.env['CONTAINERS_CONF'] ?? '';
	if (existsSync(conf) && existsSync(record.env['CONTAINERS_STORAGE_CONF'] ?? '')) {
		const as = { uid: record.uid, gid: record.gid };
		await runPodmanAs(as, record.env, dir, ['pod', 'rm', '-a', '-f', '-t', '0'], { reject: false, timeoutMs: 60_000 }).catch(() => undefined);
		await runPodmanAs(as, record.env, dir, ['rm', '-a', '-f', '-t', '0'], { reject: false, timeoutMs: 60_000 }).catch(() => undefined);
	}
	await killSandboxProcesses(dir, record);
	await unmountUnder(dir);
	const leftMounts = await mountsUnder(dir);
	if (leftMounts.length > 0) throw new Error(`cannot dispose ${dir}: still mounted: ${leftMounts.join(', ')}`);
	// --one-file-system: never descend into anything that is (still) a mount point.
	await execa('rm', ['-rf', '--one-file-system', dir], { timeout: 60_000, stdin: 'ignore' });
}

/**
 * PIDs of the sandbox's pause process(es): from podman 4's <tmp_dir>/pause.pid and podman
 * 5's $XDG_RUNTIME_DIR/libpod/tmp/pause.pid, kept only when that PID is alive, runs as the
 * user and is in a user namespace other than the machine's.
 */
async function pausePids(dir: string, uid: number): Promise<number[]> {
	const pids: number[] = [];
	// Root's own user namespace (PID 1's link may not be readable, e.g. under a VM's init).
	const rootUserNs = await readlink('/proc/self/ns/user').catch(() => '');
	for (const file of [path.join(dir, 'tmp', 'pause.pid'), path.join(dir, 'xdg', 'libpod', 'tmp', 'pause.pid')]) {
		const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
		if (!Number.isInteger(pid) || pid <= 0) continue;
		const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
		const realUid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? -1);
		const state = /^State:\s+(\S)/m.exec(status)?.[1];
		const userNs = await readlink(`/proc/${pid}/ns/user`).catch(() => '');
		if (realUid === uid && state !== 'Z' && userNs && rootUserNs && userNs !== rootUserNs) pids.push(pid);
	}
	return [...new Set(pids)];
}

/**
 * Kills every process of this sandbox: processes of the user whose command line names the
 * sandbox directory (conmon, `podman container cleanup`, slirp4netns) or whose environment
 * selects its containers.conf or XDG_RUNTIME_DIR (podman, catatonit, rootlessport), the
 * pause process named by its pause.pid, and then every process in the user namespaces of
 * those (the containers' processes, whatever UID they map to). Each sandbox has a user
 * namespace of its own (see the file comment), so other sandboxes of the same user survive.
 */
async function killSandboxProcesses(dir: string, record: SandboxRecord): Promise<void> {
	const protectedPids = await selfAndAncestors();
	const rootUserNs = await readlink('/proc/self/ns/user').catch(() => '');
	const needles = [`CONTAINERS_CONF=${record.env['CONTAINERS_CONF'] ?? path.join(dir, 'containers.conf')}`, `XDG_RUNTIME_DIR=${record.env['XDG_RUNTIME_DIR'] ?? path.join(dir, 'xdg')}`];
	const members = new Set<number>(await pausePids(dir, record.uid));
	const processes = await listProcesses();
	for (const proc of processes) {
		if (protectedPids.has(proc.pid) || proc.uid !== record.uid) continue;
		let match = proc.cmdline.includes(`${dir}/`) || proc.cmdline.endsWith(` ${dir}`);
		if (!match) {
			const environ = (await readFile(`/proc/${proc.pid}/environ`, 'latin1').catch(() => '')).split('\0');
			match = needles.some((needle) => environ.includes(needle));
		}
		if (match) members.add(proc.pid);
	}
	const userNamespaces = new Set<string>();
	for (const pid of members) {
		const ns = processes.find((p) => p.pid === pid)?.userNs ?? (await readlink(`/proc/${pid}/ns/user`).catch(() => ''));
		// Never root's own namespace: that would be every process of the machine.
		if (ns && rootUserNs && ns !== rootUserNs) userNamespaces.add(ns);
	}
	const victims = new Set(members);
	for (const proc of processes) {
		if (userNamespaces.has(proc.userNs)) victims.add(proc.pid);
	}
	for (const pid of protectedPids) victims.delete(pid);
	for (const pid of victims) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// Already gone.
		}
	}
	// Wait (briefly) until they are gone or zombies.
	const deadline = Date.now() + 3000;
	for (const pid of victims) {
		while (Date.now() < deadline) {
			const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
			const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
			if (!stat || state === 'Z' || state === 'X') break;
			await delay(20);
		}
	}
}

interface ProcInfo {
	pid: number;
	uid: number;
	cmdline: string;
	userNs: string;
}

async function listProcesses(): Promise<ProcInfo[]> {
	const out: ProcInfo[] = [];
	for (const entry of await readdir('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const pid = Number(entry);
		const [status, cmdline, userNs] = await Promise.all([
			readFile(`/proc/${pid}/status`, 'utf8').catch(() => ''),
			readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''),
			readlink(`/proc/${pid}/ns/user`).catch(() => ''),
		]);
		if (!status) continue;
		out.push({ pid, uid: Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? -1), cmdline: cmdline.replaceAll('\0', ' '), userNs });
	}
	return out;
}




/** Rootless mounts live in the pause process's namespace; this is for anything else. */
async function unmountUnder(dir: string): Promise<void> {
	for (let round = 0; round < 5; round++) {
		const mounts = await mountsUnder(dir);
		if (mounts.length === 0) return;
		mounts.sort((a, b) => b.length - a.length);
		for (const mountPoint of mounts) {
			const plain = await execa('umount', [mountPoint], { reject: false, timeout: 15_000, stdin: 'ignore' });
			if (plain.exitCode !== 0) await execa('umount', ['-l', mountPoint], { reject: false, timeout: 15_000, stdin: 'ignore' });
		}
	}
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
		await disposeDir(dir, record);
		swept.push(dir);
	}
	return swept;
}

// ---------------------------------------------------------------------------------------
// Small helpers

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function lastLines(text: string, n: number): string {
	return text.trim().split('\n').slice(-n).join(' | ').trim();
}
