import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { execa } from 'execa';
import { setLanguage, t } from '../../src/messages/i18n.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { createFarSide, type FarSideSandbox } from '../helpers/farSideSandbox.js';
import { cleanEnv } from '../helpers/podmanSandbox.js';
import { delay } from '../helpers/sandboxProcesses.js';
import { cliPath, TuiSession } from '../helpers/tuiSession.js';

/**
 * A far host whose /proc cannot be read, for real: the far side of the remote tests
 * (farSideSandbox.ts) with a second connection whose ssh logins see an empty /proc (a forced
 * command mounts a tmpfs over it), while podman answers through its own channel as before.
 * The screen must say so once, show podman's view alone and mark the conmon facts unknown —
 * never a conmon PID from this machine's /proc (where that far conmon has another PID).
 */
const skip = await e2eSkipReason();
const HIDDEN = 'hidden';

describe('a far host whose /proc cannot be read', { skip: skip ?? false }, () => {
	let far: FarSideSandbox;
	let tui: TuiSession | undefined;
	let id = '';
	let farConmon = 0;

	before(async () => {
		setLanguage('en');
		far = await createFarSide();
		await far.addProcHiddenConnection(HIDDEN);
		id = (await far.podman(['run', '-d', far.store.image, 'sleep', 'infinity'])).stdout.trim();
		farConmon = (await far.inspect(id)).State.ConmonPid ?? 0;
		assert.ok(farConmon > 0);
	});

	after(async () => {
		await tui?.kill();
		await far?.dispose();
	});

	test("the screen: said once, '/proc unknown' and '? conmons' in the header, the conmon unknown with podman's PID as podman's", async () => {
		tui = new TuiSession({
			env: far.clientEnv,
			args: ['--connection', HIDDEN, '--image', far.store.image, '--command', 'sleep infinity'],
			columns: 120,
			rows: 30,
		});
		await tui.waitFor(/watching podman \S+: 1 container, \? live conmons/, 30_000);
		await tui.waitFor(new RegExp(`${HIDDEN} · ssh://root@127\\.0\\.0\\.1:${far.port} {2}/proc unknown {2}1 container · 1 running · \\? conmons`));
		await tui.waitFor(
			new RegExp(`${id.slice(0, 12)} .*Up[^\\n]*\\n {4}└─ ${t('tree.noConmon.procUnknownPodmanSays', { pid: farConmon }).replace(/[()]/g, '\\$&')}\\n`),
		);
		// Two safety scans later (every 5 s), still said once.
		await delay(11_000);
		const screen = await tui.screen();
		const said = screen.split('\n').filter((line) => line.includes(t('far.procUnreadable').slice(0, 40)));
		// Once in the event log, and on the status line.
		assert.equal(said.length, 2, screen);
		assert.doesNotMatch(screen, /└─ conmon \d+/, 'no conmon PID guessed');
		assert.doesNotMatch(screen, /stale since/, 'an unreadable /proc is not a lost session');
	});

	test('keys still act through podman: r runs a far container, and its conmon too is unknown, not found nor guessed', async () => {
		assert.ok(tui);
		tui.press('r');
		const done = await tui.waitFor(/✓ \$ podman --connection hidden run -d \S+ sleep infinity {2}\(\d+ ms: ([0-9a-f]{12})\)/, 30_000);
		const conmon = (await far.inspect(done[1] ?? '')).State.ConmonPid ?? 0;
		await tui.waitFor(new RegExp(`${done[1]} .*Up[^\\n]*\\n {4}└─ conmon unknown: /proc cannot be read there \\(podman says conmon PID ${conmon}\\)`), 20_000);
		await tui.waitFor(/2 containers · 2 running · \? conmons/);
		tui.press('q');
		await tui.waitForExit(15_000);
		tui = undefined;
	});

	test('--once and --once --json: podman view alone, conmonPid null, podman’s ConmonPid as podman’s', async () => {
		const run = (args: string[]) =>
			execa(process.execPath, [cliPath(), '--connection', HIDDEN, '--once', ...args], {
				env: cleanEnv(far.clientEnv),
				extendEnv: false,
				reject: false,
				timeout: 60_000,
			});
		const json = await run(['--json']);
		assert.equal(json.exitCode, 0, json.stderr);
		const snapshot = JSON.parse(json.stdout) as { containers: { id: string; conmonPid: number | null; podmanConmonPid: number | null }[] };
		const mine = snapshot.containers.find((c) => c.id === id);
		assert.ok(mine);
		assert.equal(mine.conmonPid, null, 'no conmon seen in a /proc that cannot be read');
		assert.equal(mine.podmanConmonPid, farConmon, "podman's ConmonPid, as podman's");
		assert.equal(json.stderr, `conmon-tui: ${t('far.procUnreadable')}`, 'said once, on stderr');
		const text = await run([]);
		assert.equal(text.exitCode, 0, text.stderr);
		assert.match(text.stdout, new RegExp(`└─ conmon unknown: /proc cannot be read there \\(podman says conmon PID ${farConmon}\\)`));
	});
});
