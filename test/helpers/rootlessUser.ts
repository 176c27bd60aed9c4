/**
 * The ordinary user that rootless podman end-to-end tests run as.
 *
 * The tests run as root (see podmanSandbox.ts); rootless podman needs a real unprivileged
 * user with subordinate UID/GID ranges and an XDG_RUNTIME_DIR. `ensureRootlessUser()` makes
 * that user (`conmontui`) once and idempotently; the account and its /etc/subuid and
 * /etc/subgid lines stay on the machine afterwards (they are cheap, and re-creating them on
 * every run would race other test processes).
 *
 * Measured with podman 4.3.1 on Debian 12 (cgroup v1 hybrid, no systemd, no logind):
 * - Debian's useradd already adds a 100000:65536 subuid/subgid range for a new ordinary user
 *   (SUB_UID_MIN/SUB_UID_COUNT in /etc/login.defs); a range is added here only when the user
 *   has none (other distributions, or an account made with an older useradd).
 * - Without logind nobody creates /run/user/UID, so it is made here (0700, owned by the user).
 *   The rootless sandbox points XDG_RUNTIME_DIR at a directory of its own anyway (see
 *   rootlessSandbox.ts); /run/user/UID is what any other process of the user gets.
 */

import { existsSync } from 'node:fs';
import { chmod, chown, lstat, mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { execa } from 'execa';
import { ciForbidsSkips } from './e2eSkipPolicy.js';
import { prepareRootfs } from './podmanSandbox.js';
import { createRootlessSandbox, sweepStaleRootlessSandboxes } from './rootlessSandbox.js';
import { delay, errorMessage, findOnPath } from './sandboxProcesses.js';

/** Name of the account rootless tests run as. */
export const ROOTLESS_USER_NAME = 'conmontui';

/** Where a subordinate range is put when the user has none and the files are empty. */
const DEFAULT_SUB_START = 200_000;
const SUB_COUNT = 65_536;

/** Serialises account creation between test processes (root-only directory, unlike /tmp). */
const LOCK_PATH = '/run/conmon-tui-rootless-user.lock';
const LOCK_TIMEOUT_MS = 60_000;
const COMMAND_TIMEOUT_MS = 30_000;

/** PATH of a process running as the user (runc lives in /usr/sbin on Debian). */
const USER_PATH = '/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin';

export interface RootlessUser {
	name: string;
	uid: number;
	gid: number;
	home: string;
	/**
	 * The complete environment of a process running as this user: HOME, USER, LOGNAME,
	 * XDG_RUNTIME_DIR (/run/user/UID) and PATH. Use it instead of root's process.env
	 * (spawn with `extendEnv: false`), so nothing of root's leaks in.
	 */
	env: Record<string, string>;
}

export type RootlessReadiness = { ok: true } | { ok: false; reason: string };

let userPromise: Promise<RootlessUser> | undefined;

/**
 * Creates, if needed, the ordinary user `conmontui` (home directory, a shell, no password),
 * its subordinate UID/GID ranges and its /run/user/UID, and returns it. Idempotent; safe when
 * several test processes call it at once (a lock file serialises them). Needs root.
 */
export function ensureRootlessUser(): Promise<RootlessUser> {
	userPromise ??= withLock(LOCK_PATH, () => makeUser(ROOTLESS_USER_NAME));
	// Do not cache a failure for ever: a later caller may have fixed the machine.
	userPromise.catch(() => {
		userPromise = undefined;
	});
	return userPromise;
}

async function makeUser(name: string): Promise<RootlessUser> {
	if (process.getuid?.() !== 0) throw new Error(`creating the user ${name} needs root`);
	let entry = await passwdEntry(name);
	if (!entry) {
		const shell = existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';
		// No password is set: useradd leaves the account locked ('!'), nobody can log in with one.
		const result = await execa('useradd', ['--create-home', '--shell', shell, '--user-group', '--comment', 'conmon-tui rootless podman tests', name], {
			reject: false,
			timeout: COMMAND_TIMEOUT_MS,
			stdin: 'ignore',
		});
		// 9: the name is taken, i.e. another process made the user first.
		if (result.exitCode !== 0 && result.exitCode !== 9) {
			throw new Error(`useradd ${name} failed (exit ${String(result.exitCode)}): ${result.stderr.trim() || result.message}`);
		}
		entry = await passwdEntry(name);
		if (!entry) throw new Error(`useradd ${name} succeeded but getent passwd does not know the user`);
	}
	const { uid, gid, home } = entry;
	if (uid === 0) throw new Error(`the user ${name} exists with UID 0; refusing to use it for rootless tests`);

	await ensureSubordinateRange('/etc/subuid', '--add-subuids', name, uid);
	await ensureSubordinateRange('/etc/subgid', '--add-subgids', name, uid);

	// No logind here: make /run/user/UID as pam_systemd would.
	const runtimeDir = `/run/user/${uid}`;
	await mkdir('/run/user', { recursive: true, mode: 0o755 });
	await mkdir(runtimeDir, { recursive: true, mode: 0o700 });
	const info = await lstat(runtimeDir);
	if (!info.isDirectory()) throw new Error(`${runtimeDir} exists and is not a directory`);
	if (info.uid !== uid || info.gid !== gid) await chown(runtimeDir, uid, gid);
	if ((info.mode & 0o777) !== 0o700) await chmod(runtimeDir, 0o700);

	return {
		name,
		uid,
		gid,
		home,
		env: {
			HOME: home,
			USER: name,
			LOGNAME: name,
			XDG_RUNTIME_DIR: runtimeDir,
			PATH: USER_PATH,
		},
	};
}

async function passwdEntry(name: string): Promise<{ uid: number; gid: number; home: string } | undefined> {
	const result = await execa('getent', ['passwd', name], { reject: false, timeout: COMMAND_TIMEOUT_MS, stdin: 'ignore' });
	// 2: no such user.
	if (result.exitCode === 2) return undefined;
	if (result.exitCode !== 0) throw new Error(`getent passwd ${name} failed (exit ${String(result.exitCode)}): ${result.stderr.trim() || result.message}`);
	const fields = result.stdout.trim().split(':');
	const uid = Number(fields[2]);
	const gid = Number(fields[3]);
	const home = fields[5] ?? '';
	if (!Number.isInteger(uid) || !Number.isInteger(gid) || !home) throw new Error(`getent passwd ${name}: unexpected output ${JSON.stringify(result.stdout)}`);
	return { uid, gid, home };
}

/**
 * Adds a subordinate range for the user to /etc/subuid or /etc/subgid, through usermod
 * (which locks the file), unless the user already has one (by name or by UID).
 */
async function ensureSubordinateRange(file: string, flag: '--add-subuids' | '--add-subgids', name: string, uid: number): Promise<void> {
	const lines = (await readFile(file, 'utf8').catch(() => ''))
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line && !line.startsWith('#'));
	let end = 0;
	for (const line of lines) {
		const [owner, startText, countText] = line.split(':');
		if (owner === name || owner === String(uid)) return;
		const rangeEnd = Number(startText) + Number(countText);
		if (Number.isFinite(rangeEnd)) end = Math.max(end, rangeEnd);
	}
	const start = Math.max(DEFAULT_SUB_START, end);
	const result = await execa('usermod', [flag, `${start}-${start + SUB_COUNT - 1}`, name], {
		reject: false,
		timeout: COMMAND_TIMEOUT_MS,
		stdin: 'ignore',
	});
	if (result.exitCode !== 0) {
		throw new Error(
			`usermod ${flag} ${start}-${start + SUB_COUNT - 1} ${name} failed (exit ${String(result.exitCode)}): ${result.stderr.trim() || result.message}`,
		);
	}
}

// ---------------------------------------------------------------------------------------
// A lock file between processes: created with O_EXCL, holding "PID starttime"; a lock whose
// holder is gone (or whose PID was reused) is stale and taken over.

async function withLock<T>(lockPath: string, body: () => Promise<T>): Promise<T> {
	const me = `${process.pid} ${(await startTime(process.pid)) ?? ''}\n`;
	const deadline = Date.now() + LOCK_TIMEOUT_MS;
	for (;;) {
		try {
			const handle = await open(lockPath, 'wx', 0o600);
			await handle.writeFile(me);
			await handle.close();
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const holder = await readFile(lockPath, 'utf8').catch(() => undefined);
		if (holder === '' && Date.now() - ((await stat(lockPath).catch(() => undefined))?.mtimeMs ?? Date.now()) > 10_000) {
			// Created but never written: its creator died between open and write.
			if ((await readFile(lockPath, 'utf8').catch(() => undefined)) === '') await rm(lockPath, { force: true });
			continue;
		}
		if (holder?.endsWith('\n')) {
			const [pidText, holderStart] = holder.trim().split(' ');
			const pid = Number(pidText);
			const alive = Number.isInteger(pid) && pid > 0 && (await startTime(pid)) === holderStart;
			if (!alive) {
				// Only remove the stale content we read, not a lock someone just took.
				if ((await readFile(lockPath, 'utf8').catch(() => undefined)) === holder) await rm(lockPath, { force: true });
				continue;
			}
		}
		if (Date.now() > deadline) throw new Error(`timed out after ${LOCK_TIMEOUT_MS} ms waiting for ${lockPath} (held by ${holder?.trim() ?? '?'})`);
		await delay(50);
	}
	try {
		return await body();
	} finally {
		if ((await readFile(lockPath, 'utf8').catch(() => undefined)) === me) await rm(lockPath, { force: true });
	}
}

async function startTime(pid: number): Promise<string | undefined> {
	const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
	if (!stat) return undefined;
	return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

// ---------------------------------------------------------------------------------------
// Readiness and the skip policy

let readinessPromise: Promise<RootlessReadiness> | undefined;

/**
 * Whether rootless podman end-to-end tests can run here: Linux, running as root (to create
 * the user), podman and uidmap (newuidmap/newgidmap) installed, user namespaces enabled, the
 * user `conmontui` present or creatable, and a throwaway rootless sandbox able to
 * `podman run --rm TEST_IMAGE true` as that user. Computed once per process.
 */
export function rootlessReadiness(): Promise<RootlessReadiness> {
	readinessPromise ??= checkReadiness();
	return readinessPromise;
}

async function checkReadiness(): Promise<RootlessReadiness> {
	if (process.platform !== 'linux') return { ok: false, reason: `rootless podman tests need Linux (this is ${process.platform})` };
	if (process.getuid?.() !== 0) return { ok: false, reason: 'not running as root (needed to create the rootless test user conmontui)' };
	// As root, the script installs podman, runc, busybox-static and uidmap when they are missing.
	try {
		await prepareRootfs();
	} catch (error) {
		return { ok: false, reason: `cannot prepare podman and the busybox rootfs: ${errorMessage(error)}` };
	}
	for (const tool of ['podman', 'newuidmap', 'newgidmap']) {
		if (!(await findOnPath(tool, ['/usr/bin', '/usr/sbin'])))
			return { ok: false, reason: `${tool} is not on PATH${tool === 'podman' ? '' : ' (Debian package uidmap)'}` };
	}
	const maxUserNamespaces = Number((await readFile('/proc/sys/user/max_user_namespaces', 'utf8').catch(() => '1')).trim());
	if (maxUserNamespaces === 0) return { ok: false, reason: 'user namespaces are disabled (/proc/sys/user/max_user_namespaces is 0)' };
	let user: RootlessUser;
	try {
		user = await ensureRootlessUser();
	} catch (error) {
		return { ok: false, reason: `cannot create the rootless test user ${ROOTLESS_USER_NAME}: ${errorMessage(error)}` };
	}
	// Clean up after earlier test processes that were killed before they could dispose.
	await sweepStaleRootlessSandboxes().catch(() => undefined);
	let sandbox: Awaited<ReturnType<typeof createRootlessSandbox>> | undefined;
	try {
		sandbox = await createRootlessSandbox(user);
		await sandbox.podman(['run', '--rm', sandbox.image, 'true'], { timeoutMs: 60_000 });
		return { ok: true };
	} catch (error) {
		return { ok: false, reason: `a throwaway rootless sandbox cannot run a container as ${user.name}: ${errorMessage(error)}` };
	} finally {
		await sandbox?.dispose().catch(() => undefined);
	}
}

/**
 * The skip policy of the rootless podman e2e tests, the same as e2eSkipReason's: undefined
 * when rootless podman is ready, else the reason to skip; under CI (see ciForbidsSkips) an
 * unready rootless podman is a failure: this throws with the reason.
 */
export async function rootlessSkipReason(): Promise<string | undefined> {
	const readiness = await rootlessReadiness();
	if (readiness.ok) return undefined;
	if (ciForbidsSkips()) {
		throw new Error(`rootless podman e2e tests must run in CI but rootless podman is not ready: ${readiness.reason}`);
	}
	return `rootless podman not ready: ${readiness.reason}`;
}

// ---------------------------------------------------------------------------------------
// Small helpers
