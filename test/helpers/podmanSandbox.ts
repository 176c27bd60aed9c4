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

import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { HOST_WORLD, type PodmanWorld, startWorld } from './podmanWorld.js';
import { disposeDir, SANDBOX_PREFIX } from './sandboxDisposal.js';
import { lastLines, processStartTime, toml, unmountUnder } from './sandboxProcesses.js';

export const TEST_IMAGE = 'localhost/conmon-tui-test:latest';

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
	/** Where this store's podman runs: the host's, or podman 5 in its chroot (see podmanWorld.ts). */
	world: PodmanWorld;
	/** Runs `podman ARGS` in this store (argv array, never a shell). */
	podman(args: string[], opts?: PodmanOptions): Promise<PodmanResult>;
	/** `podman inspect --type container ID`, first element. */
	inspect(id: string): Promise<PodmanInspect>;
	/** Removes every container, process, mount and file of this store. Safe to call twice. */
	dispose(): Promise<void>;
}

/** How long a sandbox's podman may take unless told otherwise (PodmanOptions.timeoutMs). */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Environment variables that would redirect podman away from the sandbox store. */
const HOSTILE_ENV = ['CONTAINER_HOST', 'CONTAINER_CONNECTION', 'CONTAINER_SSHKEY', 'CONTAINERS_CONF_OVERRIDE', 'STORAGE_DRIVER', 'STORAGE_OPTS'];

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
// The sandbox

let storageDriver: 'overlay' | 'vfs' | undefined;

/**
 * Creates a fresh sandbox with TEST_IMAGE imported, in the world this process runs in (podmanWorld.ts:
 * the host's podman, or podman 5 in its chroot, which is started the first time). Call dispose() when done.
 */
export async function createPodmanSandbox(): Promise<PodmanSandbox> {
	const hostTarball = await prepareRootfs();
	const world = await startWorld();
	// The directory is in /tmp, which the chroot shares with the host: the same paths on both sides.
	const dir = await mkdtemp(path.join(os.tmpdir(), SANDBOX_PREFIX));
	const env: Record<string, string> = {
		...world.env,
		CONTAINERS_CONF: path.join(dir, 'containers.conf'),
		CONTAINERS_STORAGE_CONF: path.join(dir, 'storage.conf'),
		// Big temporary files of image copies (podman import) go here, not to /var/tmp.
		TMPDIR: path.join(dir, 'tmpfiles'),
	};
	const sandbox = makeSandbox(dir, env, world);
	try {
		await mkdir(path.join(dir, 'tmp'), { recursive: true });
		await mkdir(path.join(dir, 'tmpfiles'), { recursive: true });
		await writeFile(path.join(dir, 'owner'), `${process.pid} ${(await processStartTime(process.pid)) ?? ''}\n`);
		await writeFile(path.join(dir, 'world'), `${world.name}\n`);
		// The chroot cannot see the host's cache: its podman imports a copy inside the sandbox.
		const tarball = world.name === 'host' ? hostTarball : path.join(dir, 'tmpfiles', 'rootfs.tar');
		if (tarball !== hostTarball) await copyFile(hostTarball, tarball);
		await writeFile(env['CONTAINERS_CONF']!, sandboxContainersConf(dir, 'rootful'));
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
				await world.unmountUnder(dir);
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

/**
 * containers.conf of a test sandbox: runc, the file events backend, every temporary file in the
 * sandbox. A rootful sandbox pins the rlimits, which the runtime cannot raise here; rootless
 * podman keeps the user's own.
 */
export function sandboxContainersConf(dir: string, kind: 'rootful' | 'rootless'): string {
	const header = kind === 'rootful' ? '# conmon-tui test sandbox (generated)' : '# conmon-tui rootless test sandbox (generated)';
	const ulimits = kind === 'rootful' ? 'default_ulimits = ["nofile=1024:20000", "nproc=32768:32768"]\n' : '';
	return `${header}
[containers]
${ulimits}netns = "none"
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

function makeSandbox(dir: string, env: Record<string, string>, world: PodmanWorld): PodmanSandbox {
	let disposing: Promise<void> | undefined;
	const podman = async (args: string[], opts: PodmanOptions = {}): Promise<PodmanResult> => {
		if (disposing) throw new Error(`podman ${args.join(' ')}: sandbox ${dir} is disposed`);
		return runPodman(env, args, opts, world);
	};
	return {
		dir,
		env,
		image: TEST_IMAGE,
		world,
		podman,
		inspect: (id) => inspectContainer(podman, id),
		dispose(): Promise<void> {
			disposing ??= disposeDir(
				dir,
				env,
				(args, opts) => runPodman(env, args, opts, world),
				(mounted) => world.unmountUnder(mounted),
			);
			return disposing;
		},
	};
}

/** `podman inspect` of one container, through a sandbox's podman. */
export async function inspectContainer(podman: PodmanSandbox['podman'], id: string): Promise<PodmanInspect> {
	const { stdout } = await podman(['inspect', '--type', 'container', id], { timeoutMs: 30_000 });
	const parsed: unknown = JSON.parse(stdout);
	const first = Array.isArray(parsed) ? (parsed[0] as unknown) : undefined;
	if (!first || typeof first !== 'object') throw new Error(`podman inspect ${id}: unexpected output ${stdout.slice(0, 200)}`);
	return first as PodmanInspect;
}

/**
 * What a sandbox's podman answered, from execa's result: thrown as one Error naming the command
 * (`who` ran it), why and stderr's last lines when it failed, unless `opts.reject` is false.
 */
export function podmanOutcome(
	result: { exitCode?: number | undefined; timedOut: boolean; stdout: string; stderr: string; message?: string | undefined },
	args: readonly string[],
	opts: PodmanOptions,
	who = '',
	stderrShown = result.stderr,
): PodmanResult {
	const exitCode = typeof result.exitCode === 'number' ? result.exitCode : -1;
	if (exitCode !== 0 && opts.reject !== false) {
		const why = result.timedOut ? `timed out after ${opts.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms` : `exit ${exitCode}`;
		throw new Error(`podman ${args.join(' ')}${who}: ${why}: ${lastLines(stderrShown, 5) || result.message}`);
	}
	return { stdout: result.stdout, stderr: result.stderr, exitCode };
}

/** Runs `podman ARGS` with this environment, in this world (default: the host's podman). */
export async function runPodman(env: Record<string, string>, args: string[], opts: PodmanOptions, world: PodmanWorld = HOST_WORLD): Promise<PodmanResult> {
	const [file, argv] = world.command('podman', args);
	const result = await execa(file, argv, {
		env: cleanEnv(env),
		extendEnv: false,
		timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		reject: false,
		stdin: 'ignore',
		stripFinalNewline: true,
	});
	return podmanOutcome(result, args, opts);
}

/** process.env minus anything that could send podman elsewhere, plus the sandbox env: for every podman a test starts, the program under test included. */
export function cleanEnv(env: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined && !HOSTILE_ENV.includes(key)) out[key] = value;
	}
	return { ...out, ...env };
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
		const env = {
			CONTAINERS_CONF: path.join(dir, 'containers.conf'),
			CONTAINERS_STORAGE_CONF: path.join(dir, 'storage.conf'),
			TMPDIR: path.join(dir, 'tmpfiles'),
		};
		// A store of podman 5 (its chroot is gone with the dead run) is not for the host's podman 4.3:
		// its processes are killed and its files removed, without podman.
		const world = (await readFile(path.join(dir, 'world'), 'utf8').catch(() => 'host')).trim();
		const podman =
			world === 'host' ? (args: string[], opts: PodmanOptions) => runPodman(env, args, opts) : async () => ({ stdout: '', stderr: '', exitCode: 1 });
		await disposeDir(dir, env, podman);
		swept.push(dir);
	}
	return swept;
}
