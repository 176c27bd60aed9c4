/**
 * The podman 5 world of the end-to-end tests (see podmanWorld.ts): a Debian 13 (trixie) chroot with
 * podman 5.4, conmon 2.1.12, runc, catatonit and Node 20.19, built once by
 * test/sandbox/prepare-podman5-chroot.sh and cached under ~/.cache/conmon-tui/podman5-trixie.
 *
 * Per test process, a holder process is started in a private mount namespace (`unshare --mount
 * --propagation private`) that mounts, in that namespace only: the chroot onto itself (containers/
 * storage remounts `/` when it unpacks a layer: "remount /, flags: 0x44000: invalid argument"
 * otherwise), proc, sys and dev (rbind), a tmpfs on /run, and the host's /tmp on the chroot's /tmp
 * (non-recursive), so that a sandbox directory, a --log file or the program's copy have the same path
 * on both sides. Then it chroots and waits for this process to end. Every podman, conmon and the
 * program under test enter it with `nsenter --target HOLDER --mount --root --wd`: they share the
 * host's PID namespace (the tests compare their PIDs with the host's /proc), but none of their mounts
 * is ever seen by the host. When the holder and everything in its namespace have ended, the kernel
 * drops every mount of it: a crashed test process leaves none behind (the sandbox sweep kills the
 * conmons of a dead run, see sweepStaleSandboxes).
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { projectRoot } from './fixtures.js';
import type { PodmanWorld } from './podmanWorld.js';
import { cliPath } from './programPath.js';
import { lastLines, processStartTime } from './sandboxProcesses.js';

/** Prefix of the directory (in os.tmpdir()) holding the copy of the built program the chroot runs. */
export const CHROOT_PROGRAM_PREFIX = 'conmon-tui-p5-program-';

/**
 * The holder: mounts, chroots, then lives as long as the test process (its PID is $0) does.
 * `set -e`: a mount that fails ends it before "ready", with the reason on stderr.
 */
const HOLDER_SCRIPT = `set -e
root=$1
mount --bind "$root" "$root"
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
mount -t tmpfs -o mode=0755 tmpfs "$root/run"
mount --bind /tmp "$root/tmp"
echo ready
exec chroot "$root" /bin/sh -c 'while kill -0 "$0" 2>/dev/null; do sleep 1; done' "$2"
`;

let chrootPromise: Promise<string> | undefined;

/** Runs test/sandbox/prepare-podman5-chroot.sh once per process (builds the chroot the first time) and returns its path. */
export function preparePodman5Chroot(): Promise<string> {
	chrootPromise ??= (async () => {
		const script = path.join(projectRoot(), 'test', 'sandbox', 'prepare-podman5-chroot.sh');
		// apt-get (debootstrap) and debootstrap itself download from the mirror the first time.
		const result = await execa('bash', [script], { reject: false, timeout: 20 * 60_000, stdin: 'ignore' });
		const root = result.stdout.trim().split('\n').pop()?.trim() ?? '';
		if (result.exitCode !== 0 || !root || !existsSync(path.join(root, '.conmon-tui-complete'))) {
			const why = lastLines(`${result.stderr}\n${result.stdout}`, 5) || result.message;
			throw new Error(`prepare-podman5-chroot.sh failed (exit ${String(result.exitCode)}): ${why}`);
		}
		return root;
	})();
	chrootPromise.catch(() => {
		chrootPromise = undefined;
	});
	return chrootPromise;
}

/** Builds (or finds cached) the chroot, starts its holder and copies the built program where the chroot sees it. */
export async function startPodman5Chroot(): Promise<PodmanWorld> {
	if (path.resolve(os.tmpdir()) !== '/tmp') throw new Error(`the podman5 world shares /tmp with the chroot, but os.tmpdir() is ${os.tmpdir()}`);
	const root = await preparePodman5Chroot();
	const holder = await startHolder(root);
	await sweepStalePrograms();
	const programDir = mkdtempSync(path.join(os.tmpdir(), CHROOT_PROGRAM_PREFIX));
	await writeFile(path.join(programDir, 'owner'), `${process.pid} ${(await processStartTime(process.pid)) ?? ''}\n`);
	// At exit (however the test process ends normally): the holder goes, and with it every mount.
	process.once('exit', () => {
		holder.kill('SIGKILL');
		rmSync(programDir, { recursive: true, force: true });
	});
	// The bundle reads its version from ../../package.json.
	await cp(path.dirname(cliPath()), path.join(programDir, 'dist', 'bundle'), { recursive: true });
	await cp(path.join(projectRoot(), 'package.json'), path.join(programDir, 'package.json'));
	const program = path.join(programDir, 'dist', 'bundle', 'cli.js');
	const pid = String(holder.pid);
	const enter = (file: string, args: readonly string[]): [string, string[]] => ['nsenter', ['--target', pid, '--mount', '--root', '--wd', file, ...args]];
	return {
		name: 'podman5',
		env: { PODMAN_IGNORE_CGROUPSV1_WARNING: '1' },
		command: enter,
		program: (args) => enter('node', [program, ...args]),
		unmountUnder: (dir) => unmountInNamespace(pid, enter, dir),
	};
}

async function startHolder(root: string): Promise<ChildProcess> {
	const holder = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', HOLDER_SCRIPT, 'holder', root, String(process.pid)], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	const ready = await new Promise<boolean>((resolve) => {
		const timer = setTimeout(() => resolve(false), 30_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString('utf8');
			if (/^ready$/m.test(output)) {
				clearTimeout(timer);
				resolve(true);
			}
		};
		holder.stdout?.on('data', onData);
		holder.stderr?.on('data', onData);
		holder.once('exit', () => {
			clearTimeout(timer);
			resolve(false);
		});
	});
	if (!ready) {
		holder.kill('SIGKILL');
		throw new Error(`cannot mount the podman 5 chroot ${root}: ${lastLines(output, 5) || 'no answer within 30 s'}`);
	}
	// The holder must not keep the test process alive, nor its pipes.
	holder.stdout?.destroy();
	holder.stderr?.destroy();
	holder.unref();
	return holder;
}

/** The holder's mount table lists mount points as the chroot sees them: unmount, deepest first, what is at or under dir. */
async function unmountInNamespace(pid: string, enter: PodmanWorld['command'], dir: string): Promise<void> {
	for (let round = 0; round < 5; round++) {
		const table = await readFile(`/proc/${pid}/mounts`, 'utf8').catch(() => '');
		const mounts = table
			.split('\n')
			.map((line) => (line.split(' ')[1] ?? '').replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8))))
			.filter((point) => point === dir || point.startsWith(`${dir}/`))
			.sort((a, b) => b.length - a.length);
		if (mounts.length === 0) return;
		for (const point of mounts) {
			const [file, args] = enter('umount', ['-l', point]);
			await execa(file, args, { reject: false, timeout: 15_000, stdin: 'ignore' });
		}
	}
}

/** Removes the program copies of test processes that ended without their exit handler (killed). */
async function sweepStalePrograms(): Promise<void> {
	for (const entry of await readdir(os.tmpdir()).catch(() => [] as string[])) {
		if (!entry.startsWith(CHROOT_PROGRAM_PREFIX)) continue;
		const dir = path.join(os.tmpdir(), entry);
		const [pid, startTime] = (await readFile(path.join(dir, 'owner'), 'utf8').catch(() => '')).trim().split(' ');
		// No owner yet: being created right now.
		if (!pid || (await processStartTime(Number(pid))) === startTime) continue;
		await rm(dir, { recursive: true, force: true });
	}
}
