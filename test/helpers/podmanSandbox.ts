/**
 * A private, throwaway podman store for end-to-end tests.
 *
 * Every sandbox lives in its own temporary directory and is selected purely through the
 * environment (`CONTAINERS_CONF`, `CONTAINERS_STORAGE_CONF`, `TMPDIR`), so any podman process
 * started with `sandbox.env` — including the program under test and the conmon/cleanup
 * processes podman forks — sees only that store. Nothing here ever runs podman without that
 * environment, so the machine's own containers are never listed, changed or removed.
 *
 * What the generated containers.conf pins, and why (measured with podman 4.3.1 as root on
 * Debian 12, cgroup v1 hybrid, no systemd):
 * - runtime = "runc": crun fails on this cgroup layout.
 * - default_ulimits: the runtime cannot raise rlimits (no CAP_SYS_RESOURCE).
 * - cgroup_manager = "cgroupfs": there is no systemd.
 * - netns = "none": no netavark/iptables work, so `run` takes ~0.2 s and nothing is
 *   written to the machine's network state.
 * - lock_type = "file": locks live in <dir>/tmp/locks instead of the machine-wide
 *   /dev/shm/libpod_lock segment that every store would otherwise share.
 * - events_logger = "file" with an explicit events_logfile_path inside the sandbox.
 * - network_config_dir inside the sandbox, so nothing touches /etc/containers/networks.
 *
 * `dispose()` deliberately does not run `podman system reset`: in podman 4.x/5.x that
 * command also removes the user's podman *machines* and connections
 * (~/.config/containers/podman/machine...) and, in 5.x, the machine-wide blob-info cache.
 * It does the store-local equivalent instead (see `dispose`).
 *
 * Known writes outside the sandbox directory: runc keeps its state in /run/runc/<ctrID>
 * while a container exists (IDs are random, so stores cannot collide; dispose deletes any
 * left over for its own containers), and c/image keeps a digest cache in
 * /var/lib/containers/cache/blob-info-cache-v1.boltdb (written by `podman import`).
 */
import { execa } from 'execa';
import { constants as fsConstants, existsSync } from 'node:fs';
import { access, mkdir, mkdtemp, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { mountsUnder, processStartTime, selfAndAncestors, toml } from './sandboxProcesses.js';

export const TEST_IMAGE = 'localhost/conmon-tui-test:latest';

/** Prefix of every sandbox directory, under os.tmpdir(). */
export const SANDBOX_PREFIX = 'conmon-tui-test-';

export type PodmanReadiness = { ok: true } | { ok: false; reason: string };

export interface PodmanResult {
	stdout: string;
	stderr: string;
	exitCode: number;
}

export interface PodmanOptions {
	/** Default 60 s. */
	timeoutMs?: number;
	/** Throw when podman exits non-zero (default true). */
	reject?: boolean;
}

/** The part of `podman inspect` (container) the tests rely on. Podman 4.3.1 field names. */
export interface PodmanInspectState {
	/** created, running, paused, exited, stopping, ... */
	Status: string;
	Running: boolean;
	Paused: boolean;
	Restarting: boolean;
	OOMKilled: boolean;
	Dead: boolean;
	/** Host PID of the container's PID 1; 0 when not running. */
	Pid: number;
	/** Host PID of the container's conmon; omitted once the container has exited. */
	ConmonPid?: number;
	ExitCode: number;
	Error: string;
	/** RFC 3339 with nanoseconds, e.g. 2026-11-29T17:38:19.113578683Z; 0001-01-01T00:00:00Z when never. */
	StartedAt: string;
	FinishedAt: string;
	[key: string]: unknown;
}

export interface PodmanInspect {
	Id: string;
	/** Without a leading slash (unlike docker). */
	Name: string;
	/** Image ID (sha256 hex, no prefix). */
	Image: string;
	/** e.g. localhost/conmon-tui-test:latest */
	ImageName: string;
	Created: string;
	Path: string;
	Args: string[];
	State: PodmanInspectState;
	/** Exec session IDs of the container (sessions not yet cleaned up). */
	ExecIDs: string[];
	ConmonPidFile: string;
	PidFile: string;
	RestartCount: number;
	[key: string]: unknown;
}

export interface PodmanSandbox {
	/** The sandbox directory; everything of the store lives under it. */
	dir: string;
	/**
	 * Environment that points podman at this store only. Pass it (merged over process.env,
	 * execa's default) to every process that must see the sandbox.
	 */
	env: Record<string, string>;
	/** TEST_IMAGE, already imported into this store. */
	image: string;
	/** Runs `podman ARGS` in this store (argv array, never a shell). */
	podman(args: string[], opts?: PodmanOptions): Promise<PodmanResult>;
	/** `podman inspect --type container ID`, first element. */
	inspect(id: string): Promise<PodmanInspect>;
	/** Removes every container, process, mount and file of this store. Safe to call twice. */
	dispose(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** Environment variables that would redirect podman away from the sandbox store. */
const HOSTILE_ENV = [
	'CONTAINER_HOST',
	'CONTAINER_CONNECTION',
	'CONTAINER_SSHKEY',
	'CONTAINERS_CONF_OVERRIDE',
	'STORAGE_DRIVER',
	'STORAGE_OPTS',
];

// ---------------------------------------------------------------------------------------
// Locating the project and preparing the rootfs tarball

let projectRootCache: string | undefined;

/**
 * The project root: the nearest ancestor of this file holding package.json and the sandbox
 * script. Works from test/helpers/*.ts and from the compiled dist/test/helpers/*.js.
 */
export function projectRoot(): string {
	if (projectRootCache) return projectRootCache;
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'test', 'sandbox', 'prepare-podman.sh'))) {
			projectRootCache = dir;
			return dir;
		}
		const parent = path.dirname(dir);
		if (parent === dir) {
			throw new Error(`cannot find the project root (package.json + test/sandbox/prepare-podman.sh) above ${fileURLToPath(import.meta.url)}`);
		}
		dir = parent;
	}
}

let rootfsPromise: Promise<string> | undefined;

/** Runs test/sandbox/prepare-podman.sh once per process and returns the tarball path. */
export function prepareRootfs(): Promise<string> {
	rootfsPromise ??= (async () => {
		const script = path.join(projectRoot(), 'test', 'sandbox', 'prepare-podman.sh');
		const result = await execa('bash', [script], {
			reject: false,
			// apt-get may have to install packages the first time.
			timeout: 15 * 60_000,
			stdin: 'ignore',
		});
		if (result.exitCode !== 0) {
			const why = lastLines(`${result.stderr}\n${result.stdout}`, 5) || result.message;
			throw new Error(`prepare-podman.sh failed (exit ${String(result.exitCode)}): ${why}`);
		}
		const tarball = result.stdout.trim().split('\n').pop()?.trim() ?? '';
		if (!tarball || !existsSync(tarball)) {
			throw new Error(`prepare-podman.sh did not print an existing tarball path (got ${JSON.stringify(tarball)})`);
		}
		return tarball;
	})();
	// Do not cache a failure for ever: a later caller may have fixed the machine.
	rootfsPromise.catch(() => {
		rootfsPromise = undefined;
	});
	return rootfsPromise;
}

// ---------------------------------------------------------------------------------------
// Readiness and the skip policy

let readinessPromise: Promise<PodmanReadiness> | undefined;

/**
 * Whether podman end-to-end tests can run here: podman on PATH, running as root (rootless
 * is not supported yet), the rootfs tarball prepared, and a throwaway sandbox able to
 * `podman run --rm TEST_IMAGE true`. Computed once per process.
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

/**
 * For use inside a node:test test: returns true when podman is ready; otherwise skips the
 * test with the reason and returns false (or throws in CI, see e2eSkipReason).
 */
export async function requirePodman(t: TestContext): Promise<boolean> {
	const reason = await e2eSkipReason();
	if (reason === undefined) return true;
	t.skip(reason);
	return false;
}

// ---------------------------------------------------------------------------------------
// The sandbox

let storageDriver: 'overlay' | 'vfs' | undefined;

/** Creates a fresh sandbox with TEST_IMAGE imported. Call dispose() when done. */
export async function createPodmanSandbox(): Promise<PodmanSandbox> {
	const tarball = await prepareRootfs();
	const dir = await mkdtemp(path.join(os.tmpdir(), SANDBOX_PREFIX));
	const env: Record<string, string> = {
		CONTAINERS_CONF: path.join(dir, 'containers.conf'),
		CONTAINERS_STORAGE_CONF: path.join(dir, 'storage.conf'),
		// Big temporary files of image copies (podman import) go here, not to /var/tmp.
		TMPDIR: path.join(dir, 'tmpfiles'),
	};
	const sandbox = makeSandbox(dir, env);
	try {
		await mkdir(path.join(dir, 'tmp'), { recursive: true });
		await mkdir(path.join(dir, 'tmpfiles'), { recursive: true });
		await writeFile(path.join(dir, 'owner'), `${process.pid} ${(await processStartTime(process.pid)) ?? ''}\n`);
		await writeFile(env['CONTAINERS_CONF']!, containersConf(dir));
		const drivers: Array<'overlay' | 'vfs'> = storageDriver ? [storageDriver] : ['overlay', 'vfs'];
		let lastError: unknown;
		for (const driver of drivers) {
			await writeFile(env['CONTAINERS_STORAGE_CONF']!, storageConf(dir, driver));
			try {
				await sandbox.podman(['import', '--change', 'CMD=["/bin/sleep","infinity"]', tarball, TEST_IMAGE], { timeoutMs: 120_000 });
				storageDriver = driver;
				return sandbox;
			} catch (error) {
				lastError = error;
				// Start the next attempt from an empty store.
				await sandbox.podman(['rmi', '-af'], { reject: false, timeoutMs: 30_000 }).catch(() => undefined);
				await unmountUnder(dir);
				await rm(path.join(dir, 'root'), { recursive: true, force: true });
				await rm(path.join(dir, 'run'), { recursive: true, force: true });
			}
		}
		throw lastError;
	} catch (error) {
		await sandbox.dispose().catch(() => undefined);
		throw error;
	}
}

function containersConf(dir: string): string {
	return `# conmon-tui test sandbox (generated)
[containers]
default_ulimits = ["nofile=1024:20000", "nproc=32768:32768"]
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
	return `# conmon-tui test sandbox (generated)
[storage]
driver = "${driver}"
graphroot = ${toml(path.join(dir, 'root'))}
runroot = ${toml(path.join(dir, 'run'))}
`;
}


function makeSandbox(dir: string, env: Record<string, string>): PodmanSandbox {
	let disposing: Promise<void> | undefined;
	const podman = async (args: string[], opts: PodmanOptions = {}): Promise<PodmanResult> => {
		if (disposing) throw new Error(`podman ${args.join(' ')}: sandbox ${dir} is disposed`);
		return runPodman(env, args, opts);
	};
	return {
		dir,
		env,
		image: TEST_IMAGE,
		podman,
		async inspect(id: string): Promise<PodmanInspect> {
			const { stdout } = await podman(['inspect', '--type', 'container', id], { timeoutMs: 30_000 });
			const parsed: unknown = JSON.parse(stdout);
			const first = Array.isArray(parsed) ? (parsed[0] as unknown) : undefined;
			if (!first || typeof first !== 'object') throw new Error(`podman inspect ${id}: unexpected output ${stdout.slice(0, 200)}`);
			return first as PodmanInspect;
		},
		dispose(): Promise<void> {
			disposing ??= disposeDir(dir, env);
			return disposing;
		},
	};
}

async function runPodman(env: Record<string, string>, args: string[], opts: PodmanOptions): Promise<PodmanResult> {
	const result = await execa('podman', args, {
		env: cleanEnv(env),
		extendEnv: false,
		timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		reject: false,
		stdin: 'ignore',
		stripFinalNewline: true,
	});
	const exitCode = typeof result.exitCode === 'number' ? result.exitCode : -1;
	if (exitCode !== 0 && opts.reject !== false) {
		const why = result.timedOut ? `timed out after ${opts.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms` : `exit ${exitCode}`;
		throw new Error(`podman ${args.join(' ')}: ${why}: ${lastLines(result.stderr, 5) || result.message}`);
	}
	return { stdout: result.stdout, stderr: result.stderr, exitCode };
}

/** process.env minus anything that could send podman elsewhere, plus the sandbox env. */
function cleanEnv(env: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined && !HOSTILE_ENV.includes(key)) out[key] = value;
	}
	return { ...out, ...env };
}

/**
 * The store-local equivalent of `podman system reset`, then removal of the directory.
 * Only ever acts on: podman commands run with this sandbox's env, processes whose cmdline
 * mentions the sandbox dir (conmon, `podman container cleanup`, ...), podman processes whose
 * environment selects this sandbox's containers.conf, processes in the cgroups of this
 * store's containers, and mounts under the sandbox dir.
 */
async function disposeDir(dir: string, env: Record<string, string>): Promise<void> {
	const tmpRoot = path.resolve(os.tmpdir());
	if (path.dirname(path.resolve(dir)) !== tmpRoot || !path.basename(dir).startsWith(SANDBOX_PREFIX)) {
		throw new Error(`refusing to dispose ${dir}: not a ${SANDBOX_PREFIX}* directory in ${tmpRoot}`);
	}
	if (!existsSync(dir)) return;
	const haveConf = existsSync(env['CONTAINERS_CONF'] ?? '') && existsSync(env['CONTAINERS_STORAGE_CONF'] ?? '');
	let ids: string[] = [];
	if (haveConf) {
		const listed = await runPodman(env, ['ps', '-a', '-q', '--no-trunc'], { reject: false, timeoutMs: 30_000 }).catch(() => undefined);
		ids = (listed?.stdout ?? '').split('\n').map((s) => s.trim()).filter((s) => /^[0-9a-f]{64}$/.test(s));
		await runPodman(env, ['pod', 'rm', '-a', '-f', '-t', '0'], { reject: false, timeoutMs: 60_000 }).catch(() => undefined);
		await runPodman(env, ['rm', '-a', '-f', '-t', '0'], { reject: false, timeoutMs: 60_000 }).catch(() => undefined);
	}
	ids.push(...(await containerIdsOnDisk(dir)));
	ids = [...new Set(ids)];

	await killLeftovers(dir, env['CONTAINERS_CONF'] ?? path.join(dir, 'containers.conf'), ids);
	await deleteRuncState(ids);
	await removeCgroups(ids);
	await unmountUnder(dir);
	const leftMounts = await mountsUnder(dir);
	if (leftMounts.length > 0) {
		throw new Error(`cannot dispose ${dir}: still mounted: ${leftMounts.join(', ')}`);
	}
	// --one-file-system: never descend into anything that is (still) a mount point.
	await execa('rm', ['-rf', '--one-file-system', dir], { timeout: 60_000, stdin: 'ignore' });
}

/** Container IDs that have storage in the sandbox (in case podman could not list them). */
async function containerIdsOnDisk(dir: string): Promise<string[]> {
	const ids: string[] = [];
	for (const sub of ['root', 'run']) {
		for (const driver of ['overlay-containers', 'vfs-containers']) {
			const entries = await readdir(path.join(dir, sub, driver)).catch(() => [] as string[]);
			ids.push(...entries.filter((e) => /^[0-9a-f]{64}$/.test(e)));
		}
	}
	return ids;
}

interface ProcInfo {
	pid: number;
	comm: string;
	cmdline: string;
}

async function killLeftovers(dir: string, containersConfPath: string, ids: string[]): Promise<void> {
	const protectedPids = await selfAndAncestors();
	const cgroupNeedles = ids.map((id) => `libpod-${id}`);
	const victims: number[] = [];
	for (const proc of await listProcesses()) {
		if (protectedPids.has(proc.pid)) continue;
		let match = proc.cmdline.includes(`${dir}/`) || proc.cmdline.endsWith(` ${dir}`);
		if (!match && proc.comm === 'podman') {
			const environ = await readFile(`/proc/${proc.pid}/environ`, 'latin1').catch(() => '');
			match = environ.split('\0').includes(`CONTAINERS_CONF=${containersConfPath}`);
		}
		if (!match && cgroupNeedles.length > 0) {
			const cgroup = await readFile(`/proc/${proc.pid}/cgroup`, 'utf8').catch(() => '');
			match = cgroupNeedles.some((needle) => cgroup.includes(needle));
		}
		if (match) victims.push(proc.pid);
	}
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

async function listProcesses(): Promise<ProcInfo[]> {
	const out: ProcInfo[] = [];
	for (const entry of await readdir('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const pid = Number(entry);
		const [comm, cmdline] = await Promise.all([
			readFile(`/proc/${pid}/comm`, 'utf8').catch(() => ''),
			readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''),
		]);
		out.push({ pid, comm: comm.trim(), cmdline: cmdline.replaceAll('\0', ' ') });
	}
	return out;
}



/** runc keeps state in /run/runc/<id>; delete what is left of this store's containers. */
async function deleteRuncState(ids: string[]): Promise<void> {
	for (const id of ids) {
		if (!existsSync(path.join('/run/runc', id))) continue;
		await execa('runc', ['delete', '--force', id], { reject: false, timeout: 15_000, stdin: 'ignore' }).catch(() => undefined);
		await rm(path.join('/run/runc', id), { recursive: true, force: true }).catch(() => undefined);
	}
}

/** cgroupfs leaves /sys/fs/cgroup/<ctrl>/libpod_parent/libpod-<id> behind if runc did not delete. */
async function removeCgroups(ids: string[]): Promise<void> {
	if (ids.length === 0) return;
	const roots = ['/sys/fs/cgroup'];
	for (const entry of await readdir('/sys/fs/cgroup').catch(() => [] as string[])) roots.push(path.join('/sys/fs/cgroup', entry));
	for (const root of roots) {
		for (const id of ids) {
			const cg = path.join(root, 'libpod_parent', `libpod-${id}`);
			if (existsSync(cg)) await rmdir(cg).catch(() => undefined);
		}
	}
}


async function unmountUnder(dir: string): Promise<void> {
	for (let round = 0; round < 5; round++) {
		const mounts = await mountsUnder(dir);
		if (mounts.length === 0) return;
		// Deepest first; a path can be mounted more than once.
		mounts.sort((a, b) => b.length - a.length);
		for (const mountPoint of mounts) {
			const plain = await execa('umount', [mountPoint], { reject: false, timeout: 15_000, stdin: 'ignore' });
			if (plain.exitCode !== 0) {
				await execa('umount', ['-l', mountPoint], { reject: false, timeout: 15_000, stdin: 'ignore' });
			}
		}
	}
}

/**
 * Disposes sandboxes left in os.tmpdir() by test processes that died without cleaning up
 * (their owner PID is gone or was reused). Sandboxes of live processes are left alone.
 */
export async function sweepStaleSandboxes(): Promise<string[]> {
	const swept: string[] = [];
	for (const entry of await readdir(os.tmpdir()).catch(() => [] as string[])) {
		if (!entry.startsWith(SANDBOX_PREFIX)) continue;
		const dir = path.join(os.tmpdir(), entry);
		const owner = await readFile(path.join(dir, 'owner'), 'utf8').catch(() => undefined);
		if (owner === undefined) continue;
		const [pidText, startTime] = owner.trim().split(' ');
		const pid = Number(pidText);
		if (Number.isInteger(pid) && pid > 0 && (await processStartTime(pid)) === startTime) continue;
		await disposeDir(dir, {
			CONTAINERS_CONF: path.join(dir, 'containers.conf'),
			CONTAINERS_STORAGE_CONF: path.join(dir, 'storage.conf'),
			TMPDIR: path.join(dir, 'tmpfiles'),
		});
		swept.push(dir);
	}
	return swept;
}

// ---------------------------------------------------------------------------------------
// Small helpers

/** Polls `check` every `intervalMs` until it returns a value other than undefined. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000, intervalMs = 25): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await delay(intervalMs);
	}
}

/** The first executable `name` on $PATH, if any. */
async function findOnPath(name: string): Promise<string | undefined> {
	for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
		if (!dir) continue;
		const candidate = path.join(dir, name);
		try {
			await access(candidate, fsConstants.X_OK);
			return candidate;
		} catch {
			// Not here.
		}
	}
	return undefined;
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function lastLines(text: string, n: number): string {
	return text.trim().split('\n').slice(-n).join(' | ').trim();
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
