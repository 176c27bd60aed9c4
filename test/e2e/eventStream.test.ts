import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { readLogLines } from '../helpers/logFileLines.js';
import type { PodmanSandbox } from '../helpers/podmanSandbox.js';
import { descendantPids, processArgv, processState } from '../helpers/procCheck.js';
import { sandboxSuite } from '../helpers/sandboxSuite.js';
import type { TuiSession } from '../helpers/tuiSession.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * The `podman events` stream dies (killed) or hangs (stopped): conmon-tui restarts it,
 * resumes with --since, drops the replayed duplicates, and misses nothing meanwhile.
 * The sandbox logs events to a file, which conmon-tui would read itself (eventFile.test.ts
 * covers that source and its loss): CONMON_TUI_EVENTS=podman keeps `podman events` here.
 */
const skip = await e2eSkipReason();

describe('podman events stream faults (CONMON_TUI_EVENTS=podman)', { skip: skip ?? false }, () => {
	const suite = sandboxSuite('stream');
	const { dir } = suite;
	let sandbox: PodmanSandbox;
	let tui: TuiSession;
	const logFile = join(dir, 'events.jsonl');

	const eventsPid = () => descendantPids(tui.pty.pid).find((pid) => processArgv(pid).includes('events'));
	const log = () => readLogLines(logFile);

	before(async () => {
		sandbox = suite.sandbox;
		tui = suite.start({ env: { CONMON_TUI_EVENTS: 'podman' }, args: ['--image', sandbox.image, '--log', logFile] });
		await tui.waitFor(/watching podman/);
	});

	test('killed: the loss and the recovery are said, and later events still arrive', async () => {
		const first = eventsPid();
		assert.ok(first, 'a podman events child runs');
		process.kill(first, 'SIGKILL');
		await tui.waitFor(/podman events stream lost/);
		await tui.waitFor(/podman events stream recovered/);
		const second = eventsPid();
		assert.ok(second && second !== first, 'a new podman events process');
		const id = (await sandbox.podman(['run', '-d', '--name', 'after-kill', sandbox.image])).stdout.trim();
		await tui.waitFor(/container after-kill \(\w+\) started/);
		await waitFor(
			'the start event in the --log file',
			() => log().some((l) => l.kind === 'podman-event' && l.status === 'start' && l.containerId === id) || undefined,
		);
	});

	test('hung: a stalled stream is noticed from /proc, restarted, and what it missed is replayed once', async () => {
		const stalled = eventsPid();
		assert.ok(stalled);
		process.kill(stalled, 'SIGSTOP');
		try {
			// While podman events is frozen, a container dies and another is born.
			await sandbox.podman(['kill', 'after-kill']);
			const id = (await sandbox.podman(['run', '-d', '--name', 'while-hung', sandbox.image])).stdout.trim();
			// /proc shows the conmon change at once; the events must still come, via the restarted stream.
			await tui.waitFor(/stream stalled/, 20_000);
			await tui.waitFor(/container after-kill \(\w+\) died \(exit code 137\)/, 20_000);
			await tui.waitFor(/container while-hung \(\w+\) started/, 20_000);
			await tui.waitFor(/● while-hung /);
			await tui.waitFor(/○ after-kill .*Exited \(137\)/);
			assert.notEqual(processState(stalled), 'alive', 'the stalled process was ended');
			await waitFor('the replayed start in the --log file', () => log().some((l) => l.status === 'start' && l.containerId === id) || undefined);
		} finally {
			try {
				process.kill(stalled, 'SIGCONT');
			} catch {
				// already gone
			}
		}
		// Replays after both resumes (--since) were deduplicated: every event is logged once.
		const seen = new Map<string, number>();
		for (const line of log().filter((l) => l.kind === 'podman-event')) {
			const key = line.text ?? '';
			seen.set(key, (seen.get(key) ?? 0) + 1);
		}
		assert.deepEqual(
			[...seen].filter(([, n]) => n > 1),
			[],
			'no event logged twice',
		);
	});
});
