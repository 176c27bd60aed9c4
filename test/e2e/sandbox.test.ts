/**
 * The podman test sandbox itself: isolation between sandboxes and from the machine's
 * default store, and complete cleanup by dispose().
 *
 * Skipped (with the reason) when podman is not usable here; a failure instead when
 * CI=true (see e2eSkipReason).
 */

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { execa } from 'execa';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import type { PodmanSandbox } from '../helpers/podmanSandbox.js';
import { createPodmanSandbox } from '../helpers/podmanSandbox.js';
import { waitFor } from '../helpers/waitFor.js';

const skipReason = await e2eSkipReason();
const skip = skipReason ?? false;

let sandboxA: PodmanSandbox | undefined;
let sandboxB: PodmanSandbox | undefined;

before(
	async () => {
		if (skipReason !== undefined) return;
		[sandboxA, sandboxB] = await Promise.all([createPodmanSandbox(), createPodmanSandbox()]);
	},
	{ timeout: 180_000 },
);

after(
	async () => {
		await Promise.all([sandboxA?.dispose(), sandboxB?.dispose()]);
	},
	{ timeout: 120_000 },
);

/** Environment for a podman that uses the machine's default store. */
function defaultStoreEnv(): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value === undefined) continue;
		if (/^(CONTAINERS_CONF|CONTAINERS_STORAGE_CONF|CONTAINERS_CONF_OVERRIDE|CONTAINER_HOST|CONTAINER_CONNECTION|STORAGE_DRIVER|STORAGE_OPTS)$/.test(key))
			continue;
		env[key] = value;
	}
	return env;
}

/** [state, starttime] of a live (non-zombie) process, else undefined. */
async function liveProcess(pid: number): Promise<{ state: string; startTime: string } | undefined> {
	const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
	if (!stat) return undefined;
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const state = fields[0] ?? '';
	if (state === 'Z' || state === 'X') return undefined;
	return { state, startTime: fields[19] ?? '' };
}

function uniqueName(prefix: string): string {
	return `${prefix}-${randomBytes(4).toString('hex')}`;
}

test('a container of sandbox A is not seen by sandbox B nor by the default store', { skip, timeout: 120_000 }, async () => {
	assert.ok(sandboxA && sandboxB);
	const name = uniqueName('iso');
	const run = await sandboxA.podman(['run', '-d', '--name', name, sandboxA.image, 'sleep', 'infinity']);
	const id = run.stdout.trim();
	assert.match(id, /^[0-9a-f]{64}$/);

	const inA = await sandboxA.podman(['ps', '-a', '-q', '--no-trunc']);
	assert.deepEqual(inA.stdout.split('\n').filter(Boolean), [id]);

	const inB = await sandboxB.podman(['ps', '-a', '-q', '--no-trunc']);
	assert.equal(inB.stdout.trim(), '', 'sandbox B lists no container');
	const inspectInB = await sandboxB.podman(['inspect', '--type', 'container', name], { reject: false });
	assert.notEqual(inspectInB.exitCode, 0, "sandbox B cannot inspect A's container");

	const inDefault = await execa('podman', ['ps', '-a', '-q', '--no-trunc'], {
		env: defaultStoreEnv(),
		extendEnv: false,
		timeout: 30_000,
		reject: false,
		stdin: 'ignore',
	});
	assert.equal(inDefault.exitCode, 0, `podman ps in the default store failed: ${inDefault.stderr}`);
	assert.ok(!inDefault.stdout.includes(id), 'the default store does not list the sandbox container');

	// The container's monitor belongs to sandbox A: its cmdline names A's directory.
	const info = await sandboxA.inspect(id);
	assert.equal(info.State.Status, 'running');
	assert.ok(info.State.Pid > 0, 'State.Pid is set');
	assert.ok((info.State.ConmonPid ?? 0) > 0, 'State.ConmonPid is set');
	const conmonCmdline = (await readFile(`/proc/${info.State.ConmonPid}/cmdline`, 'utf8')).split('\0');
	assert.ok(conmonCmdline.includes('--api-version'), 'a monitor conmon has --api-version');
	assert.ok(
		conmonCmdline.some((arg) => arg.startsWith(`${sandboxA!.dir}/`)),
		'conmon works in sandbox A',
	);
	assert.ok(!conmonCmdline.some((arg) => arg.startsWith(`${sandboxB!.dir}/`)));
});

test('dispose removes containers, conmon, mounts and the directory, and can be called twice', { skip, timeout: 120_000 }, async () => {
	const sandbox = await createPodmanSandbox();
	let disposed = false;
	try {
		const { stdout } = await sandbox.podman(['run', '-d', '--name', uniqueName('gone'), sandbox.image]);
		const id = stdout.trim();
		// An exec session leaves a second conmon for a while.
		const exec = sandbox.podman(['exec', id, 'sleep', '30'], { reject: false });
		const info = await sandbox.inspect(id);
		const conmonPid = info.State.ConmonPid ?? 0;
		const ctrPid = info.State.Pid;
		assert.ok(conmonPid > 0 && ctrPid > 0);
		const conmonBefore = await liveProcess(conmonPid);
		const ctrBefore = await liveProcess(ctrPid);
		assert.ok(conmonBefore && ctrBefore, 'conmon and the container process are alive');
		assert.ok(existsSync(sandbox.dir));

		await Promise.all([sandbox.dispose(), sandbox.dispose()]);
		await sandbox.dispose();
		disposed = true;
		await exec;

		assert.ok(!existsSync(sandbox.dir), 'the sandbox directory is gone');
		const mounts = await readFile('/proc/self/mounts', 'utf8');
		assert.ok(!mounts.includes(sandbox.dir), 'nothing is mounted under the sandbox directory');
		assert.ok(!existsSync(`/run/runc/${id}`), 'no runc state is left');
		// An exited conmon may linger as a zombie until PID 1 reaps it: that is not alive.
		for (const [pid, before] of [
			[conmonPid, conmonBefore],
			[ctrPid, ctrBefore],
		] as const) {
			await waitFor(
				`PID ${pid} to be gone`,
				async () => {
					const now = await liveProcess(pid);
					return now === undefined || now.startTime !== before.startTime ? true : undefined;
				},
				10_000,
			);
		}
		for (const entry of await readdir('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
			assert.ok(!cmdline.includes(`${sandbox.dir}/`), `process ${entry} still refers to the sandbox: ${cmdline.replaceAll('\0', ' ')}`);
		}
		await assert.rejects(sandbox.podman(['ps']), /disposed/);
	} finally {
		if (!disposed) await sandbox.dispose();
	}
});
