/**
 * A real far side on this machine, for the remote end-to-end tests: this machine's podman in its
 * own PID and mount namespaces (`unshare --pid --fork --mount-proc --mount`, catatonit as its
 * PID 1), serving a private store (podmanSandbox.ts) on `unix:///run/podman/podman.sock` (a tmpfs
 * on /run inside: podman 4.3's `system connection add` rewrites any other socket path), and
 * Debian's sshd on 127.0.0.1 on a free port, with a host key and a client key made for the test.
 * The client side is private too: `podman system connection add` writes into a temporary
 * CONTAINERS_CONF / XDG_CONFIG_HOME, and ssh's known_hosts is in a temporary HOME. PIDs inside
 * differ from this machine's, so a reader that looked at the local /proc by mistake shows wrong ones.
 *
 * dispose(): removes the far containers through the connection, kills the namespace's PID 1
 * (the kernel then kills everything in it, and its mounts go with the mount namespace), disposes
 * of the store and removes the temporary files.
 */
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { createPodmanSandbox, type PodmanInspect, type PodmanResult, type PodmanSandbox, projectRoot, runPodman } from './podmanSandbox.js';
import { delay, killAndWait } from './sandboxProcesses.js';

export const FAR_CONNECTION = 'far';

export interface FarSideSandbox {
	/** The connection's name in the client's config (FAR_CONNECTION unless asked otherwise). */
	connection: string;
	/** The store the far podman serves (its image is imported). */
	store: PodmanSandbox;
	/** The environment of a podman *client* of the far side (and of conmon-tui): private connections, HOME, ulimits. */
	clientEnv: Record<string, string>;
	/** `podman --connection NAME ARGS` with the client environment. */
	podman(args: string[], opts?: { reject?: boolean; timeoutMs?: number }): Promise<PodmanResult>;
	/** `podman --connection NAME container inspect ID`. */
	inspect(id: string): Promise<PodmanInspect>;
	/** This machine's PID of the far `podman system service` (to stop it), and of the namespace's PID 1. */
	servicePid(): Promise<number | undefined>;
	/** This machine's PID of the far namespace's PID 1 (catatonit): every far process is below it. */
	namespaceRoot(): Promise<number | undefined>;
	/**
	 * Adds a connection `name` to the same far podman whose ssh logins see no /proc (an empty tmpfs
	 * over it, in a mount namespace of the login's own: a key with a forced command in
	 * authorized_keys). podman's own channel to its socket is not a login, so podman answers as
	 * before; only a far reader finds nothing to read.
	 */
	addProcHiddenConnection(name: string): Promise<void>;
	/** Starts the far podman service again after a test stopped it. */
	startService(): Promise<void>;
	port: number;
	/** The client's private key file (the connection's Identity). */
	identity: string;
	dispose(): Promise<void>;
}

/** A port nothing listens on (for a moment): the one the kernel hands out, closed at once. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

/** PID 1 inside: mounts /run, starts the podman service and sshd (arguments: $1 sshd, $2 port, $3 dir). */
const FAR_INIT = `
set -e
mount -t tmpfs -o mode=755 tmpfs /run
mkdir -p /run/podman /run/sshd
podman system service -t 0 unix:///run/podman/podman.sock >"$3/service.log" 2>&1 &
echo $! >"$3/service.pid"
exec "$1" -D -e -p "$2" -o ListenAddress=127.0.0.1 -h "$3/hostkey" -o AuthorizedKeysFile="$3/authorized_keys" \\
	-o StrictModes=no -o PidFile=none -o UsePAM=no -o PermitRootLogin=prohibit-password -o PasswordAuthentication=no \\
	-o AcceptEnv=none -o ClientAliveInterval=0 2>"$3/sshd.log"
`;

/** Restarts the service inside the namespace (nsenter into PID 1's namespaces). */
const RESTART_SERVICE = `
podman system service -t 0 unix:///run/podman/podman.sock >>"$1/service.log" 2>&1 &
echo $! >"$1/service.pid"
`;

/** The forced command of a login that sees no /proc: an empty read-only tmpfs over it, then the command asked for. */
const PROC_HIDDEN_LOGIN = `#!/bin/sh
exec unshare --mount --propagation private sh -c 'mount -t tmpfs -o ro,size=4k tmpfs /proc && exec sh -c "$SSH_ORIGINAL_COMMAND"'
`;

/** Prepares sshd (test/sandbox/prepare-sshd.sh) and returns its path. */
async function prepareSshd(): Promise<string> {
	const result = await execa('bash', [path.join(projectRoot(), 'test', 'sandbox', 'prepare-sshd.sh')], {
		reject: false,
		timeout: 10 * 60_000,
		stdin: 'ignore',
	});
	const sshd = result.stdout.trim().split('\n').pop() ?? '';
	if (result.exitCode !== 0 || !sshd) throw new Error(`prepare-sshd.sh failed: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
	return sshd;
}

/**
 * Creates the far side and a private client of it; `dispose()` when done. `connection` names it in
 * the client's config (two far sides at once need two names: see remoteHosts.test.ts).
 */
export async function createFarSide({ connection = FAR_CONNECTION }: { connection?: string } = {}): Promise<FarSideSandbox> {
	const sshd = await prepareSshd();
	const store = await createPodmanSandbox();
	const dir = await mkdtemp(path.join(os.tmpdir(), 'conmon-tui-far-'));
	let init: (Promise<unknown> & { pid?: number | undefined }) | undefined;
	const port = await freePort();
	const home = path.join(dir, 'home');
	const clientEnv: Record<string, string> = {
		HOME: home,
		XDG_CONFIG_HOME: path.join(dir, 'config'),
		XDG_DATA_HOME: path.join(dir, 'data'),
		CONTAINERS_CONF: path.join(dir, 'client.conf'),
	};
	let connected = false;
	const podman = (args: string[], opts: { reject?: boolean; timeoutMs?: number } = {}) =>
		runPodman(clientEnv, ['--connection', connection, ...args], { reject: opts.reject ?? true, timeoutMs: opts.timeoutMs ?? 60_000 });
	const readPid = async (file: string) => Number((await readFile(path.join(dir, file), 'utf8').catch(() => '')).trim()) || undefined;
	const far: FarSideSandbox = {
		connection,
		store,
		clientEnv,
		port,
		identity: path.join(dir, 'id'),
		podman,
		async inspect(id) {
			const { stdout } = await podman(['container', 'inspect', id]);
			return (JSON.parse(stdout) as PodmanInspect[])[0] as PodmanInspect;
		},
		async servicePid() {
			// service.pid holds the PID inside; find this machine's PID by NSpid among the namespace's
			// processes: below its PID 1, since another far side (another test run) has the same PIDs inside.
			const inside = await readPid('service.pid');
			const root = await namespaceRoot();
			if (inside === undefined || root === undefined) return undefined;
			for (const name of await readdir('/proc')) {
				if (!/^\d+$/.test(name)) continue;
				const status = await readFile(`/proc/${name}/status`, 'utf8').catch(() => '');
				const nsPid = /^NSpid:\s+(.*)$/m.exec(status)?.[1]?.trim().split(/\s+/).map(Number) ?? [];
				if (
					nsPid.length === 2 &&
					nsPid[1] === inside &&
					(await below(Number(name), root)) &&
					(await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '')).includes('service')
				)
					return Number(name);
			}
			return undefined;
		},
		namespaceRoot,
		async addProcHiddenConnection(name) {
			const key = path.join(dir, `id-${name}`);
			const login = path.join(dir, `login-${name}.sh`);
			await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `conmon-tui-far-${name}`, '-f', key], { stdin: 'ignore' });
			await writeFile(login, PROC_HIDDEN_LOGIN, { mode: 0o755 });
			// sshd reads authorized_keys at each login: the new key works at once.
			await appendFile(path.join(dir, 'authorized_keys'), `command="${login}" ${(await readFile(`${key}.pub`, 'utf8')).trim()}\n`);
			await runPodman(clientEnv, ['system', 'connection', 'add', '--identity', key, name, `ssh://root@127.0.0.1:${port}/run/podman/podman.sock`], {
				timeoutMs: 30_000,
			});
		},
		async startService() {
			const root = await namespaceRoot();
			if (root === undefined) throw new Error('the far namespace is gone');
			await execa('nsenter', ['-t', String(root), '-p', '-m', '--', 'sh', '-c', RESTART_SERVICE, 'sh', dir], {
				env: { ...process.env, ...store.env, CONTAINERS_CONF: path.join(dir, 'service.conf'), XDG_RUNTIME_DIR: '' },
				stdin: 'ignore',
				timeout: 30_000,
			});
			await waitForService();
		},
		async dispose() {
			if (connected) await podman(['rm', '-f', '-a', '-t', '0'], { reject: false, timeoutMs: 30_000 }).catch(() => undefined);
			// The namespace's PID 1 first: the kernel then kills every process inside, and its mounts go with it.
			const root = await namespaceRoot();
			if (root !== undefined) await killAndWait([root]);
			if (init?.pid !== undefined) await killAndWait([init.pid]);
			await init?.catch(() => undefined);
			await store.dispose();
			await rm(dir, { recursive: true, force: true });
		},
	};
	/** The namespace's PID 1 (catatonit) as this machine sees it: the child of `unshare`. */
	async function namespaceRoot(): Promise<number | undefined> {
		const unshare = init?.pid;
		if (unshare === undefined) return undefined;
		const children = await readFile(`/proc/${unshare}/task/${unshare}/children`, 'utf8').catch(() => '');
		return Number(children.trim().split(/\s+/)[0]) || undefined;
	}
	/** Whether `pid` descends from `root`, by the PPid lines of this machine's /proc. */
	async function below(pid: number, root: number): Promise<boolean> {
		for (let p = pid; p > 1; ) {
			if (p === root) return true;
			const status = await readFile(`/proc/${p}/status`, 'utf8').catch(() => '');
			p = Number(/^PPid:\s+(\d+)$/m.exec(status)?.[1] ?? 0);
		}
		return false;
	}
	async function waitForService(): Promise<void> {
		const deadline = Date.now() + 30_000;
		let last = '';
		while (Date.now() < deadline) {
			const result = await podman(['version', '--format', '{{.Server.Version}}'], { reject: false, timeoutMs: 15_000 });
			if (result.exitCode === 0) return;
			last = result.stderr;
			await delay(300);
		}
		throw new Error(`the far podman does not answer over ssh: ${last.trim().split('\n').slice(-2).join(' | ')}`);
	}
	try {
		await mkdir(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
		await mkdir(clientEnv['XDG_CONFIG_HOME']!, { recursive: true });
		// The remote client sends its own default rlimits, which this machine's runtime cannot raise.
		await writeFile(clientEnv['CONTAINERS_CONF']!, '[containers]\ndefault_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]\n');
		// The service's own containers.conf: the store's, but a container created through podman 4.3's
		// API got nofile with soft and hard swapped here (HostConfig.Ulimits Soft 20000, Hard 1024 from
		// "nofile=1024:20000": runc's "error setting rlimit type 7: invalid argument"), so both are equal.
		const storeConf = await readFile(store.env['CONTAINERS_CONF']!, 'utf8');
		await writeFile(path.join(dir, 'service.conf'), storeConf.replace('"nofile=1024:20000"', '"nofile=20000:20000"'));
		await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'conmon-tui-far-host', '-f', path.join(dir, 'hostkey')], { stdin: 'ignore' });
		await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'conmon-tui-far-client', '-f', path.join(dir, 'id')], { stdin: 'ignore' });
		await writeFile(path.join(dir, 'authorized_keys'), await readFile(path.join(dir, 'id.pub')));
		const hostPub = (await readFile(path.join(dir, 'hostkey.pub'), 'utf8')).trim().split(' ').slice(0, 2).join(' ');
		await writeFile(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${port} ${hostPub}\n`);
		init = execa(
			'unshare',
			[
				'--pid',
				'--fork',
				'--kill-child',
				'--mount-proc',
				'--mount',
				'--propagation',
				'private',
				'--',
				'/usr/bin/catatonit',
				'--',
				'sh',
				'-c',
				FAR_INIT,
				'sh',
				sshd,
				String(port),
				dir,
			],
			{
				env: { ...process.env, ...store.env, CONTAINERS_CONF: path.join(dir, 'service.conf'), XDG_RUNTIME_DIR: '' },
				stdin: 'ignore',
				stdout: 'ignore',
				stderr: 'pipe',
				reject: false,
				cleanup: true,
			},
		);
		await runPodman(
			clientEnv,
			['system', 'connection', 'add', '--identity', path.join(dir, 'id'), connection, `ssh://root@127.0.0.1:${port}/run/podman/podman.sock`],
			{
				timeoutMs: 30_000,
			},
		);
		connected = true;
		await waitForService();
		return far;
	} catch (error) {
		const logs = await Promise.all(['sshd.log', 'service.log'].map((f) => readFile(path.join(dir, f), 'utf8').catch(() => '')));
		await far.dispose().catch(() => undefined);
		throw new Error(`${error instanceof Error ? error.message : String(error)} | ${logs.join(' | ').slice(-600)}`);
	}
}
