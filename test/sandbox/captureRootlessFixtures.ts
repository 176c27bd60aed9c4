/**
 * Captures test/fixtures/rootless/ from real rootless podman (run as root:
 * `npx tsc -p tsconfig.json && node dist/test/sandbox/captureRootlessFixtures.js [OUTDIR]`).
 *
 * In a fresh rootless sandbox of the user `conmontui` (see test/helpers/rootlessSandbox.ts)
 * it runs two containers, one with `netns = "none"` and one with
 * `--network slirp4netns -p 127.0.0.1::80` (so a slirp4netns and a rootlessport process
 * exist), and writes podman's JSON and the /proc files of conmon, the container's process,
 * the pause process and the network helpers. Everything is removed afterwards.
 *
 * slirp4netns opens /dev/net/tun, which is root's and 0600 on these machines. Instead of
 * changing the machine's device, a tun node owned by the user is bind-mounted over
 * /dev/net/tun inside the sandbox's own mount namespace (the pause process's), which
 * disappears with the sandbox. Only done when the user cannot open /dev/net/tun anyway.
 */

import { constants as fsConstants } from 'node:fs';
import { chown, mkdir, readdir, readFile, readlink, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { projectRoot } from '../helpers/fixtures.js';
import { createRootlessSandbox, type RootlessSandbox } from '../helpers/rootlessSandbox.js';
import { ensureRootlessUser } from '../helpers/rootlessUser.js';

const outDir = path.resolve(process.argv[2] ?? path.join(projectRoot(), 'test', 'fixtures', 'rootless'));

const user = await ensureRootlessUser();
const sandbox = await createRootlessSandbox(user);
try {
	await capture(sandbox);
} finally {
	await sandbox.dispose();
}

async function capture(sb: RootlessSandbox): Promise<void> {
	await mkdir(outDir, { recursive: true });
	const pause = await sb.pausePid();
	if (!pause) throw new Error('the sandbox has no pause process');
	await giveUserTun(sb, pause);

	const running = (await sb.podman(['run', '-d', '--name', 'rl-running', sb.image, 'sleep', 'infinity'])).stdout.trim();
	const slirp = (
		await sb.podman(['run', '-d', '--name', 'rl-slirp', '--network', 'slirp4netns', '-p', '127.0.0.1::80', sb.image, 'sleep', 'infinity'])
	).stdout.trim();
	await new Promise((resolve) => setTimeout(resolve, 1000));

	const json = async (name: string, args: string[]): Promise<unknown> => {
		const { stdout } = await sb.podman(args);
		// Verbatim podman output, plus a trailing newline.
		await writeFile(path.join(outDir, name), `${stdout}\n`);
		return JSON.parse(stdout) as unknown;
	};
	await json('ps.json', ['ps', '-a', '--format', 'json']);
	const [runningInspect] = (await json('inspect-running.json', ['inspect', '--type', 'container', running])) as InspectLike[];
	const [slirpInspect] = (await json('inspect-slirp.json', ['inspect', '--type', 'container', slirp])) as InspectLike[];
	await json('info.json', ['info', '--format', 'json']);
	if (!runningInspect || !slirpInspect) throw new Error('podman inspect returned nothing');

	const conmonPid = runningInspect.State.ConmonPid ?? 0;
	const containerPid = runningInspect.State.Pid;
	const sandboxKey = slirpInspect.NetworkSettings.SandboxKey;
	const copy = async (pid: number, file: string, name: string): Promise<void> => {
		await writeFile(path.join(outDir, name), await readFile(`/proc/${pid}/${file}`));
	};
	await copy(conmonPid, 'cmdline', 'conmon-cmdline.bin');
	await copy(conmonPid, 'status', 'conmon-status.txt');
	await copy(conmonPid, 'stat', 'conmon-stat.txt');
	await copy(containerPid, 'status', 'container-status.txt');
	await copy(containerPid, 'uid_map', 'container-uid_map.txt');
	await copy(containerPid, 'gid_map', 'container-gid_map.txt');
	await copy(pause, 'cmdline', 'catatonit-cmdline.bin');
	await copy(pause, 'status', 'catatonit-status.txt');
	await copy(pause, 'stat', 'catatonit-stat.txt');

	// The network helpers: slirp4netns names the netns path; rootlessport is found by comm
	// in the sandbox's user namespace.
	const userNs = await readlink(`/proc/${pause}/ns/user`);
	const helpers: Record<string, number> = {};
	for (const entry of await readdir('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const pid = Number(entry);
		const ns = await readlink(`/proc/${pid}/ns/user`).catch(() => '');
		if (ns !== userNs) continue;
		const comm = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
		const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
		if (comm === 'slirp4netns' && sandboxKey && argv.includes(sandboxKey)) helpers['slirp4netns'] = pid;
		if (comm === 'rootlessport') helpers['rootlessport'] = pid;
		if (argv[0] === 'rootlessport-child') helpers['rootlessport-child'] = pid;
	}
	for (const [name, pid] of Object.entries(helpers)) {
		await copy(pid, 'cmdline', `${name}-cmdline.bin`);
		await copy(pid, 'stat', `${name}-stat.txt`);
	}

	const procStat = await readFile('/proc/stat', 'utf8');
	const clockTicks = Number((await execa('getconf', ['CLK_TCK'], { timeout: 10_000 })).stdout.trim());
	const meta = {
		capturedAt: new Date().toISOString(),
		sandboxDir: sb.dir,
		user: { name: user.name, uid: user.uid, gid: user.gid },
		podmanVersion: (await sb.podman(['version', '--format', '{{.Client.Version}}'])).stdout.trim(),
		running: { id: running, name: 'rl-running', conmonPid, containerPid },
		slirp: {
			id: slirp,
			name: 'rl-slirp',
			conmonPid: slirpInspect.State.ConmonPid ?? 0,
			containerPid: slirpInspect.State.Pid,
			sandboxKey,
			slirp4netnsPid: helpers['slirp4netns'],
			rootlessportPid: helpers['rootlessport'],
			rootlessportChildPid: helpers['rootlessport-child'],
		},
		pausePid: pause,
		pauseUserNamespace: userNs,
		rootUserNamespace: await readlink('/proc/self/ns/user'),
		clockTicksPerSecond: clockTicks,
		btime: Number(/^btime (\d+)$/m.exec(procStat)?.[1] ?? 0),
	};
	await writeFile(path.join(outDir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
	process.stdout.write(`${JSON.stringify(meta, null, 2)}\n`);
}

interface InspectLike {
	State: { Pid: number; ConmonPid?: number };
	NetworkSettings: { SandboxKey: string };
}

/** Makes /dev/net/tun usable by the user inside the sandbox's mount namespace only. */
async function giveUserTun(sb: RootlessSandbox, pause: number): Promise<void> {
	const tun = await stat('/dev/net/tun');
	if (tun.mode & fsConstants.S_IROTH && tun.mode & fsConstants.S_IWOTH) return;
	const node = path.join(sb.dir, 'tun');
	await execa('mknod', ['-m', '0600', node, 'c', String(Math.floor(tun.rdev / 256)), String(tun.rdev % 256)], { timeout: 10_000 });
	await chown(node, sb.user.uid, sb.user.gid);
	await execa('nsenter', ['--target', String(pause), '--mount', 'mount', '--bind', node, '/dev/net/tun'], { timeout: 10_000 });
}
