/**
 * Disposing of a rootless test sandbox (see rootlessSandbox.ts): its containers removed as the
 * user, what is left of its processes killed, its mounts undone, its directory deleted.
 */

import { existsSync } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { PodmanRunner } from './sandboxDisposal.js';
import { killAndWait, mountsUnder, selfAndAncestors, unmountUnder } from './sandboxProcesses.js';

/** Prefix of every rootless sandbox directory, under os.tmpdir(). */
export const ROOTLESS_SANDBOX_PREFIX = 'conmon-tui-rootless-';

/** What dispose() and the stale sweep need to know about a sandbox; written to <dir>/sandbox.json. */
export interface SandboxRecord {
	ownerPid: number;
	ownerStartTime: string;
	uid: number;
	gid: number;
	env: Record<string, string>;
}

/**
 * Removes every container of the sandbox (as the user), kills what is left of its processes
 * (pause process, conmons, containers, network helpers, podman CLIs: see
 * killSandboxProcesses), unmounts anything under it in root's mount namespace, and deletes
 * the directory. Never touches another sandbox, the user's default store or root's podman.
 */
export async function disposeRootlessDir(dir: string, record: SandboxRecord, podman: PodmanRunner): Promise<void> {
	const tmpRoot = path.resolve(os.tmpdir());
	if (path.dirname(path.resolve(dir)) !== tmpRoot || !path.basename(dir).startsWith(ROOTLESS_SANDBOX_PREFIX)) {
		throw new Error(`refusing to dispose ${dir}: not a ${ROOTLESS_SANDBOX_PREFIX}* directory in ${tmpRoot}`);
	}
	if (!existsSync(dir)) return;
	const conf = record.env['CONTAINERS_CONF'] ?? '';
	if (existsSync(conf) && existsSync(record.env['CONTAINERS_STORAGE_CONF'] ?? '')) {
		await podman(['pod', 'rm', '-a', '-f', '-t', '0'], { reject: false, timeoutMs: 60_000 }).catch(() => undefined);
		await podman(['rm', '-a', '-f', '-t', '0'], { reject: false, timeoutMs: 60_000 }).catch(() => undefined);
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
export async function pausePids(dir: string, uid: number): Promise<number[]> {
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
export async function killSandboxProcesses(dir: string, record: SandboxRecord): Promise<void> {
	const protectedPids = await selfAndAncestors();
	const rootUserNs = await readlink('/proc/self/ns/user').catch(() => '');
	const needles = [
		`CONTAINERS_CONF=${record.env['CONTAINERS_CONF'] ?? path.join(dir, 'containers.conf')}`,
		`XDG_RUNTIME_DIR=${record.env['XDG_RUNTIME_DIR'] ?? path.join(dir, 'xdg')}`,
	];
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
	await killAndWait(victims);
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
