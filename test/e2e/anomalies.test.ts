import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { execa } from 'execa';
import { MAYBE_NEW } from '../helpers/conmonRowPatterns.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { readLogLines } from '../helpers/logFileLines.js';
import { createPodmanSandbox, type PodmanSandbox } from '../helpers/podmanSandbox.js';
import { writePodmanWrapper } from '../helpers/podmanWrapper.js';
import { processState } from '../helpers/procCheck.js';
import { cliPath, KEY, TuiSession } from '../helpers/tuiSession.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * Faults produced for real: a conmon killed by hand, a conmon of another store, a hung
 * podman, and containers changed behind the tool's back.
 */
const skip = await e2eSkipReason();

describe('anomalies and changes behind the back', { skip: skip ?? false }, () => {
	let sandbox: PodmanSandbox;
	let other: PodmanSandbox;
	let tui: TuiSession;
	const dir = mkdtempSync(join(tmpdir(), 'conmon-tui-anomalies-'));
	const logFile = join(dir, 'events.jsonl');

	before(async () => {
		[sandbox, other] = await Promise.all([createPodmanSandbox(), createPodmanSandbox()]);
		// podman kill hangs through this wrapper; everything else is real podman.
		const wrapper = writePodmanWrapper(dir, { hangOn: ['kill'] });
		tui = new TuiSession({
			env: { ...sandbox.env, CONMON_TUI_PODMAN: wrapper },
			args: ['--image', sandbox.image, '--timeout', '2', '--yes', '--log', logFile],
		});
		await tui.waitFor(/watching podman/);
	});

	after(async () => {
		await tui?.kill();
		await Promise.all([sandbox?.dispose(), other?.dispose()]);
		rmSync(dir, { recursive: true, force: true });
	});

	test('conmon killed with kill -9: the container runs on unmonitored, and the tree says so', async () => {
		const id = (await sandbox.podman(['run', '-d', '--name', 'orphaned', sandbox.image])).stdout.trim();
		const before = (await sandbox.inspect(id)).State;
		await tui.waitFor(new RegExp(`└─ conmon ${before.ConmonPid}${MAYBE_NEW}\\n`));
		process.kill(before.ConmonPid ?? 0, 'SIGKILL');
		await tui.waitFor(new RegExp(`⚠ no conmon: container PID ${before.Pid} runs unmonitored`));
		await tui.waitFor(new RegExp(`└─ (/bin/)?sleep infinity ${before.Pid}`));
		const after = (await sandbox.inspect(id)).State;
		assert.equal(after.Status, 'running', 'podman still thinks it runs');
		assert.equal(after.ConmonPid, before.ConmonPid, 'with a stale conmon PID');
		assert.equal(processState(before.Pid), 'alive');
		tui.press(KEY.enter);
		await tui.waitFor(new RegExp(`PID ${before.Pid} runs with no conmon`));
		tui.press(KEY.escape);

		// Flagged in every mode, not only in the live view (and not only in the orphan lesson).
		const once = (...args: string[]) => execa(process.execPath, [cliPath(), '--once', '--lang', 'en', ...args], { env: sandbox.env });
		assert.match((await once()).stdout, new RegExp(`⚠ no conmon: container PID ${before.Pid} runs unmonitored`));
		const json = JSON.parse((await once('--json')).stdout) as { containers: { id: string; unmonitoredPid: number | null; conmonPid: number | null }[] };
		const listed = json.containers.find((c) => c.id === id);
		assert.equal(listed?.unmonitoredPid, before.Pid, '--once --json names the unmonitored process');
		assert.equal(listed?.conmonPid, null, 'and no live conmon');

		await sandbox.podman(['rm', '-f', '-t', '0', id]);
		await tui.waitFor(/container orphaned \(\w+\) removed/);
	});

	test('a conmon of another store is shown in its own group, not dropped', async () => {
		const id = (await other.podman(['run', '-d', '--name', 'stranger', other.image])).stdout.trim();
		const conmon = (await other.inspect(id)).State.ConmonPid;
		// The machine may hold other stores' conmons too: narrow the screen down to this one.
		await tui.filter('stranger');
		await tui.waitFor(
			new RegExp(`\\? \\d+ conmons? of containers this podman does not list[\\s\\S]*conmon ${conmon} {2}container ${id.slice(0, 12)} \\(stranger\\)`),
		);
		assert.doesNotMatch(await tui.screen(), /● stranger/);
		// The event pane counts other stores' conmons on a line per scan (on a shared machine they would
		// flood it); --log keeps each one whole.
		await tui.waitFor(/\d+ conmons? of containers this podman does not list appeared/);
		assert.doesNotMatch(await tui.screen(), new RegExp(`conmon ${conmon} appeared`));
		// Up to 10 s: --log holds each line 1 s.
		const record = await waitFor("the stranger's conmon in --log", () =>
			existsSync(logFile)
				? readLogLines(logFile).find((r) => r.kind === 'conmon' && r.status === 'appeared' && r.containerId === id && r.pid === conmon)
				: undefined,
		);
		assert.match(record.text ?? '', new RegExp(`^conmon ${conmon} appeared for stranger `));
		assert.equal(record.counted, true, 'marked as counted, not drawn');
		await other.podman(['rm', '-f', '-t', '0', id]);
		await tui.waitFor(new RegExp(`^(?![\\s\\S]*conmon ${conmon} {2}container)`));
		await tui.type([KEY.escape]);
	});

	test('renamed, recreated with the same name, removed while selected', async () => {
		const first = (await sandbox.podman(['run', '-d', '--name', 'alpha', sandbox.image])).stdout.trim();
		await sandbox.podman(['run', '-d', '--name', 'beta', sandbox.image]);
		await tui.waitFor(/● beta /);
		await sandbox.podman(['rename', 'alpha', 'gamma']);
		await tui.waitFor(new RegExp(`● gamma +${first.slice(0, 12)}`));
		assert.doesNotMatch(await tui.screen(), /● alpha /);

		// Same name, new container: a new row with its own first conmon, not the old one's history.
		await sandbox.podman(['rm', '-f', '-t', '0', 'beta']);
		const second = (await sandbox.podman(['run', '-d', '--name', 'beta', sandbox.image])).stdout.trim();
		const conmon = (await sandbox.inspect(second)).State.ConmonPid;
		await tui.waitFor(new RegExp(`● beta +${second.slice(0, 12)} .*\\n {4}└─ conmon ${conmon}${MAYBE_NEW}\\n`));

		// Select beta, then remove it behind the tool's back: the cursor moves to gamma. Rows are in order
		// of creation by the second, then ID: beta is last unless it was created in gamma's second with a
		// lower ID. End or Home (idempotent), pressed again if a loaded pty split its escape sequence across reads.
		const screen = await tui.screen();
		const edge = screen.indexOf('● beta ') > screen.indexOf('● gamma ') ? '\u001B[F' : '\u001B[H';
		await waitForSelected(tui, /beta/, () => tui.press(edge));
		await sandbox.podman(['rm', '-f', '-t', '0', 'beta']);
		await tui.waitFor(/container beta \(\w+\) removed/);
		await waitForSelected(tui, /gamma/);
	});

	test('a podman that hangs is stopped at --timeout; the error is shown and the keys still work', async () => {
		tui.press('k');
		await tui.waitFor(/✗ \$ \S*podman-wrapper kill \w+: podman did not answer within 2 s/, 15_000);
		tui.press('?');
		await tui.waitFor(/Keys — Escape or \? closes/);
		tui.press(KEY.escape);
		await tui.waitFor(/● gamma /);
	});
});

/** Waits until the selected row matches; `press`, when given, is the key that selects it, sent at once and again every second. */
async function waitForSelected(tui: TuiSession, pattern: RegExp, press?: () => void): Promise<void> {
	const deadline = Date.now() + 10_000;
	let row: string | undefined;
	let pressedAt = 0;
	while (Date.now() < deadline) {
		if (press && Date.now() - pressedAt >= 1_000) {
			press();
			pressedAt = Date.now();
		}
		row = await tui.selectedRow();
		if (row && pattern.test(row)) return;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`selected row ${JSON.stringify(row)} never matched ${pattern}`);
}
