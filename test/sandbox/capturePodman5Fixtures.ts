/**
 * Captures test/fixtures/podman5/live/ from real podman 5 in the Debian 13 chroot (run as root:
 * `npm run build && node dist/test/sandbox/capturePodman5Fixtures.js [OUTDIR]`).
 *
 * In a fresh sandbox of the podman5 world (test/helpers/podmanWorld.ts) it plays the sequence of
 * ../podman5/README.md (run, kill, start, exec, exit on its own, rm) plus a pod with one member and
 * an exec session, and writes podman's JSON verbatim: ps, ps --pod, inspect (running, with an exec
 * session, exited, the pod's infra), pod ps and pod inspect, version, the events of it all, and the
 * conmon command lines of a container and an exec session (NUL-separated, as /proc has them).
 * Everything is removed afterwards.
 */

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { projectRoot } from '../helpers/fixtures.js';
import { createPodmanSandbox, type PodmanSandbox } from '../helpers/podmanSandbox.js';
import { delay } from '../helpers/sandboxProcesses.js';

process.env['CONMON_TUI_PODMAN_WORLD'] = 'podman5';
const outDir = path.resolve(process.argv[2] ?? path.join(projectRoot(), 'test', 'fixtures', 'podman5', 'live'));

const sandbox = await createPodmanSandbox();
try {
	await capture(sandbox);
} finally {
	await sandbox.dispose();
}

async function capture(sb: PodmanSandbox): Promise<void> {
	await mkdir(outDir, { recursive: true });
	const json = async (name: string, args: string[]): Promise<unknown> => {
		const { stdout } = await sb.podman(args);
		await writeFile(path.join(outDir, name), `${stdout}\n`);
		return JSON.parse(stdout) as unknown;
	};
	const since = new Date(Date.now() - 1000).toISOString();
	await json('version.json', ['version', '--format', 'json']);

	// The sequence of ../podman5/README.md, with a shorter sleep.
	const id = (await sb.podman(['run', '-d', '--name', 'ev5-ctr', sb.image, 'sleep', '6'])).stdout.trim();
	await sb.podman(['kill', id]);
	await sb.podman(['wait', id]);
	await sb.podman(['start', id]);
	await json('inspect-running.json', ['inspect', '--type', 'container', id]);
	const conmon = (await sb.inspect(id)).State.ConmonPid ?? 0;
	await writeFile(path.join(outDir, 'conmon-cmdline.bin'), await readFile(`/proc/${conmon}/cmdline`));
	// An exec session while it runs: its own conmon.
	const [file, args] = sb.world.command('podman', ['exec', id, 'sleep', '2']);
	const exec = execa(file, args, { env: { ...process.env, ...sb.env }, timeout: 30_000 });
	const execConmon = await waitForExecConmon(id, conmon);
	await writeFile(path.join(outDir, 'conmon-exec-cmdline.bin'), await readFile(`/proc/${execConmon}/cmdline`));
	await json('inspect-running-exec.json', ['inspect', '--type', 'container', id]);
	await exec;
	await json('ps.json', ['ps', '-a', '--format', 'json']);
	await sb.podman(['wait', id]);
	await json('inspect-exited.json', ['inspect', '--type', 'container', id]);
	await sb.podman(['rm', id]);

	// A pod: its infra (built from catatonit) and one member.
	await sb.podman(['pod', 'create', '--name', 'web']);
	await sb.podman(['run', '-d', '--pod', 'web', '--name', 'web-1', sb.image, 'sleep', 'infinity']);
	await json('ps-pod.json', ['ps', '-a', '--pod', '--format', 'json']);
	await json('pod-ps.json', ['pod', 'ps', '--format', 'json']);
	await json('pod-inspect.json', ['pod', 'inspect', 'web']);
	const infra = (await sb.podman(['pod', 'inspect', 'web', '--format', '{{.InfraContainerID}}'])).stdout.trim();
	await json('inspect-pod-infra.json', ['inspect', '--type', 'container', infra]);
	await sb.podman(['pod', 'stop', '-t', '0', 'web']);
	await sb.podman(['pod', 'rm', 'web']);

	const events = await sb.podman(['events', '--since', since, '--stream=false', '--format', 'json']);
	await writeFile(path.join(outDir, 'events.jsonl'), `${events.stdout}\n`);
}

/** The exec conmon of container `id`: a conmon naming it with `-e`, other than the main one. */
async function waitForExecConmon(id: string, main: number): Promise<number> {
	for (let tries = 0; tries < 100; tries++) {
		const { stdout } = await execa('pgrep', ['-x', 'conmon'], { reject: false });
		for (const pid of stdout
			.split('\n')
			.map(Number)
			.filter((p) => p > 0 && p !== main)) {
			const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
			if (argv.includes('-e') && argv.includes(id)) return pid;
		}
		await delay(50);
	}
	throw new Error(`no exec conmon of ${id} appeared`);
}
