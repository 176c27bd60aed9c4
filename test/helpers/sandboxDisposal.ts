/**
 * Disposing of a test sandbox (see podmanSandbox.ts): the store-local equivalent of `podman
 * system reset`, then removal of the directory, acting only on what belongs to that sandbox.
 */

import { existsSync } from 'node:fs';
import { readdir, readFile, rm, rmdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { PodmanOptions, PodmanResult } from './podmanSandbox.js';
import { killAndWait, mountsUnder, selfAndAncestors, unmountUnder } from './sandboxProcesses.js';

/** Prefix of every sandbox directory, under os.tmpdir(). */
export const SANDBOX_PREFIX = 'conmon-tui-test-';

/** Runs podman with the sandbox's environment. */
export type PodmanRunner = (args: string[], opts: PodmanOptions) => Promise<PodmanResult>;

/**
 * The store-local equivalent of `podman system reset`, then removal of the directory.
 * Only ever acts on: podman commands run with this sandbox's env, processes whose cmdline
 * mentions the sandbox dir (conmon, `podman container cleanup`, ...), podman processes whose
 * environment selects this sandbox's containers.conf, processes in the cgroups of this
 * store's containers, and mounts under the sandbox dir.
 */
export async function disposeDir(
	dir: string,
	env: Record<string, string>,
	podman: PodmanRunner,
	/** Unmounts what the sandbox's world mounted under dir where the host cannot see it (the podman 5 chroot's namespace). */
	unmountInWorld: (dir: string) => Promise<void> = async () => undefined,
): Promise<void> {
	const tmpRoot = path.resolve(os.tmpdir());
	if (path.dirname(path.resolve(dir)) !== tmpRoot || !path.basename(dir).startsWith(SANDBOX_PREFIX)) {
		throw new Error(`refusing to dispose ${dir}: not a ${SANDBOX_PREFIX}* directory in ${tmpRoot}`);
	}
	if (!existsSync(dir)) return;
	const haveConf = existsSync(env['CONTAINERS_CONF'] ?? '') && existsSync(env['CONTAINERS_STORAGE_CONF'] ?? '');
	let ids: string[] = [];
	if (haveConf) {
		const listed = await podman(['ps', '-a', '-q', '--no-trunc'], { reject: false, timeoutMs: 30_000 }).catch(() => undefined);
		ids = (listed?.stdout ?? '')
			.split('\n')
			.map((s) => s.trim())
			.filter((s) => /^[0-9a-f]{64}$/.test(s));
		await podman(['pod', 'rm', '-a', '-f', '-t', '0'], { reject: false, timeoutMs: 60_000 }).catch(() => undefined);
		await podman(['rm', '-a', '-f', '-t', '0'], { reject: false, timeoutMs: 60_000 }).catch(() => undefined);
	}
	ids.push(...(await containerIdsOnDisk(dir)));
	ids = [...new Set(ids)];

	await killLeftovers(dir, env['CONTAINERS_CONF'] ?? path.join(dir, 'containers.conf'), ids);
	await deleteRuncState(ids);
	await removeCgroups(ids);
	await unmountInWorld(dir);
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
	await killAndWait(victims);
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
