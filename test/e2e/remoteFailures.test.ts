import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { execa } from 'execa';
import { procReader } from '../../src/proc/read.js';
import { FarSession, FarSideError } from '../../src/remote/farSession.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { createFarSide, type FarSideSandbox } from '../helpers/farSideSandbox.js';
import { runPodman } from '../helpers/podmanSandbox.js';
import { TuiSession } from '../helpers/tuiSession.js';

/**
 * What goes wrong between conmon-tui and a far side, with real ssh against a real sshd
 * (farSideSandbox.ts): each failure is sorted and worded, with the ssh command to try by hand,
 * and nothing waits for a password or a yes/no (BatchMode=yes).
 */
const skip = await e2eSkipReason();

/** One scan through a fresh session; the FarSideError it fails with. */
async function failure(session: FarSession): Promise<FarSideError> {
	try {
		await session.scan();
	} catch (error) {
		assert.ok(error instanceof FarSideError, String(error));
		return error;
	} finally {
		session.close();
	}
	assert.fail('the scan should have failed');
}

describe('remote failures, with real ssh', { skip: skip ?? false }, () => {
	let far: FarSideSandbox;
	let knownHosts: string;
	let identity: string;

	before(async () => {
		far = await createFarSide();
		knownHosts = path.join(far.clientEnv['HOME'] ?? '', '.ssh', 'known_hosts');
		identity = path.join(path.dirname(far.clientEnv['HOME'] ?? ''), 'id');
	});

	after(async () => {
		await far?.dispose();
	});

	const target = (overrides: Partial<{ port: number; identity: string }> = {}) => ({
		user: 'root',
		host: '127.0.0.1',
		port: overrides.port ?? far.port,
		identity: overrides.identity ?? identity,
	});

	test('the real session answers a scan (the baseline the failures differ from)', async () => {
		const session = new FarSession(target(), { knownHostsFile: knownHosts });
		try {
			const processes = await session.scan();
			assert.ok(Array.isArray(processes), 'the far /proc is read');
			// In the far PID namespace sshd is PID 2 and the session's processes its children: all user space.
			assert.ok(
				processes.some((p) => p.comm === 'sshd' && p.pid === 2),
				'the far sshd (PID 2 there) is listed',
			);
			assert.ok(
				processes.some((p) => p.comm === 'sh' && p.argv.includes('-c')),
				"the far script's own sh is listed",
			);
			// A cgroup and namespaces asked for: not known yet, read there with the next scan.
			assert.equal(session.cgroup(2), undefined);
			assert.deepEqual(session.hostNamespaces(), {});
			await session.scan();
			assert.match(session.cgroup(2) ?? '', /^0::/m, "the far sshd's cgroup");
			const far = session.hostNamespaces();
			assert.match(far['pid'] ?? '', /^pid:\[\d+\]$/, "the far host's own namespaces: its shell's");
			// The far side has a PID namespace of its own: reading this machine's would say another.
			assert.notEqual(far['pid'], procReader().namespaces(process.pid)['pid']);
			assert.equal(far['pid'], session.namespaces(2)['pid'], 'the far sshd is in the same PID namespace as the far shell');
		} finally {
			session.close();
		}
	});

	test('host unreachable (nothing listens on the port)', async (t) => {
		const error = await failure(new FarSession(target({ port: 1 }), { knownHostsFile: knownHosts }));
		t.diagnostic(error.detail);
		assert.equal(error.failure, 'unreachable', error.detail);
		assert.deepEqual(error.tryCommand.slice(-4), ['root', '--', '127.0.0.1', 'true']);
	});

	test('key refused (a key the far side does not know)', async (t) => {
		const stranger = path.join(path.dirname(identity), 'stranger');
		await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger], { stdin: 'ignore' });
		const error = await failure(new FarSession(target({ identity: stranger }), { knownHostsFile: knownHosts }));
		t.diagnostic(error.detail);
		assert.equal(error.failure, 'refused-key', error.detail);
	});

	test('unknown host key: refused at once, never a yes/no question', async (t) => {
		const empty = path.join(path.dirname(knownHosts), 'empty_known_hosts');
		await writeFile(empty, '');
		const started = Date.now();
		const error = await failure(new FarSession(target(), { knownHostsFile: empty }));
		t.diagnostic(error.detail);
		assert.equal(error.failure, 'unknown-host-key', error.detail);
		assert.ok(Date.now() - started < 15_000, 'no wait for an answer');
	});

	test('the live view with an unreachable far host: one clear line, marked stale, never a hang', async () => {
		// A second connection to the same URI with a port nothing listens on.
		await runPodman(far.clientEnv, ['system', 'connection', 'add', '--identity', identity, 'nowhere', 'ssh://root@127.0.0.1:1/run/podman/podman.sock'], {
			timeoutMs: 30_000,
		});
		const tui = new TuiSession({ env: far.clientEnv, args: ['--connection', 'nowhere'] });
		try {
			await tui.waitFor(/nowhere · ssh:\/\/root@127\.0\.0\.1:1/, 30_000);
			await tui.waitFor(/far side unreachable \([^)]*Connection refused\); try by hand: ssh -T -o BatchMode=yes/, 30_000);
			await tui.waitFor(/stale since \d\d:\d\d/);
			tui.press('q');
			await tui.waitForExit(15_000);
		} finally {
			await tui.kill();
		}
	});
});
