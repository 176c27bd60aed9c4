import assert from 'node:assert/strict';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createPodmanSandbox } from '../helpers/podmanSandbox.js';
import { processArgv, processState } from '../helpers/procCheck.js';
import { createRootlessSandbox, type RootlessSandbox } from '../helpers/rootlessSandbox.js';
import { RootlessTuiSession } from '../helpers/rootlessTuiSession.js';
import { ensureRootlessUser, type RootlessUser, rootlessSkipReason } from '../helpers/rootlessUser.js';
import { seedKill, seedRun, seedStart } from '../helpers/seedExperiment.js';
import { TuiSession } from '../helpers/tuiSession.js';

/**
 * The seed experiment with ROOTLESS podman: conmon-tui runs as the ordinary user
 * `conmontui` in a real pty, watching a rootless sandbox of that user, while the podman CLI
 * (as the same user) runs, kills and starts a container. Checked against podman inspect and
 * /proc: the conmon and the container's process are the user's, inside the user namespace
 * of the sandbox's pause process.
 */
const skip = await rootlessSkipReason();

/** A field of /proc/PID/status, e.g. `Uid` → ['1001', '1001', '1001', '1001']. */
function statusField(pid: number, field: string): string[] {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const line = status.split('\n').find((l) => l.startsWith(`${field}:`));
	assert.ok(line, `/proc/${pid}/status has ${field}:`);
	return line
		.slice(field.length + 1)
		.trim()
		.split(/\s+/);
}

/** The user namespace of a process, e.g. `user:[4026535827]`. */
function userNamespace(pid: number): string {
	return readlinkSync(`/proc/${pid}/ns/user`);
}

/** PIDs of podman processes that run in this sandbox (their environment names its containers.conf). */
function sandboxPodmanPids(containersConf: string): number[] {
	const pids: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'podman') continue;
			if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(`CONTAINERS_CONF=${containersConf}`)) pids.push(Number(entry));
		} catch {
			// exited meanwhile
		}
	}
	return pids;
}

describe('rootless seed experiment from the podman CLI', { skip: skip ?? false }, () => {
	let user: RootlessUser;
	let sandbox: RootlessSandbox;
	let tui: RootlessTuiSession;

	before(async () => {
		user = await ensureRootlessUser();
		sandbox = await createRootlessSandbox(user);
		tui = new RootlessTuiSession({ user, env: sandbox.env, args: ['--image', sandbox.image] });
		await tui.waitFor(/watching podman \S+: 0 containers, 0 live conmons/);
		assert.equal(tui.uid(), user.uid, 'conmon-tui runs as the rootless user');
		assert.deepEqual(
			tui.supplementaryGroups().filter((g) => g !== user.gid),
			[],
			"and has none of root's groups",
		);
	});

	after(async () => {
		await tui?.kill();
		await sandbox?.dispose();
	});

	let id = '';
	let firstConmon = 0;

	test('podman run: the conmon podman reports appears, with the container process under it', async () => {
		({ id, conmon: firstConmon } = await seedRun({ sandbox, tui }, async (state) => {
			assert.equal(statusField(state.ConmonPid ?? 0, 'Uid')[0], String(user.uid), 'the rootless conmon runs as the user');
			// The container's root is the user on the host, PID 1 in its own PID namespace.
			assert.equal(statusField(state.Pid, 'Uid')[0], String(user.uid), 'container root is the user on the host');
			assert.deepEqual(statusField(state.Pid, 'NSpid'), [String(state.Pid), '1']);
			const uidMap = readFileSync(`/proc/${state.Pid}/uid_map`, 'utf8')
				.trim()
				.split('\n')
				.map((l) => l.trim().split(/\s+/));
			assert.deepEqual(uidMap[0], ['0', String(user.uid), '1'], 'UID 0 inside maps to the user');
			// The pause process holds the user namespace that conmon and the container share.
			const pause = await sandbox.pausePid();
			assert.ok(pause, 'the sandbox has a pause process');
			assert.deepEqual(processArgv(pause), ['catatonit', '-P']);
			assert.equal(userNamespace(state.ConmonPid ?? 0), userNamespace(pause));
			assert.equal(userNamespace(state.Pid), userNamespace(pause));
			assert.notEqual(userNamespace(pause), userNamespace(process.pid), "not the machine's user namespace");
		}));
	});

	test('podman kill: conmon exits, and the screen says so with the exit code', async () => {
		await seedKill({ sandbox, tui }, id, firstConmon);
	});

	test('podman start: a brand-new conmon with a new PID, and the old one still listed', async () => {
		await seedStart({ sandbox, tui }, id, firstConmon, (secondConmon) => {
			assert.equal(statusField(secondConmon, 'Uid')[0], String(user.uid));
		});
	});

	test('the rootless pause process is shown and explained', async () => {
		const pause = await sandbox.pausePid();
		await tui.waitFor(new RegExp(`catatonit -P ${pause} {2}rootless pause process: holds the user namespace`));
	});

	test("as root, --all-users lists the user's conmons under the user; without it they are counted", async () => {
		const state = (await sandbox.inspect(id)).State;
		// conmon-tui as root, on a private rootful store of its own: the user's containers are not podman's to list.
		const rootful = await createPodmanSandbox();
		try {
			const everyone = new TuiSession({ env: rootful.env, args: ['--all-users'] });
			try {
				// Other conmons may be on the machine: filter down to this container.
				await everyone.waitFor(/watching podman/);
				await everyone.filter(id.slice(0, 12));
				await everyone.waitFor(
					new RegExp(
						`\\? user ${user.name} \\(uid ${user.uid}\\): \\d+ conmons? of that user's podman\\n(.*\\n)*? +[├└]─ conmon ${state.ConmonPid} {2}container ${id.slice(0, 12)}`,
					),
				);
				// The user's pause process heads the user's group, named as theirs, not shown as root's own.
				const pause = await sandbox.pausePid();
				await everyone.waitFor(
					new RegExp(`\\? user ${user.name} \\(uid ${user.uid}\\)[^\\n]*\\n +├─ catatonit -P ${pause} {2}user ${user.name}'s rootless pause process`),
				);
				assert.doesNotMatch(await everyone.screen(), /this user's rootless containers/);
			} finally {
				await everyone.kill();
			}
			const counted = new TuiSession({ env: rootful.env });
			try {
				await counted.waitFor(/watching podman/);
				await counted.filter(id.slice(0, 12));
				await counted.waitFor(new RegExp(`\\? user ${user.name} \\(uid ${user.uid}\\): \\d+ conmons? of that user's podman — --all-users lists them`));
				assert.doesNotMatch(await counted.screen(), new RegExp(`conmon ${state.ConmonPid} `));
			} finally {
				await counted.kill();
			}
		} finally {
			await rootful.dispose();
		}
	});

	test('q quits: conmon-tui, running as the user, exits 0 and leaves no podman of its own behind', async () => {
		tui.press('q');
		const { exitCode } = await tui.waitForExit(10_000);
		assert.equal(exitCode, 0);
		assert.equal(processState(tui.pid), 'gone');
		// The container still runs under its conmon; only podman CLIs would be leftovers.
		assert.deepEqual(sandboxPodmanPids(sandbox.env['CONTAINERS_CONF'] ?? ''), []);
	});
});
