import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deadConmon, MAYBE_NEW, runningUnderConmon } from '../helpers/conmonRowPatterns.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { createPodmanSandbox, type PodmanSandbox } from '../helpers/podmanSandbox.js';
import { descendantPids, processState } from '../helpers/procCheck.js';
import { TuiSession } from '../helpers/tuiSession.js';

/**
 * The seed experiment driven from conmon-tui's own keys: r (podman run), k (kill),
 * s (start); then a failing podman command; then q, which must leave no child behind.
 */
const skip = await e2eSkipReason();

describe('seed experiment from the keys', { skip: skip ?? false }, () => {
	let sandbox: PodmanSandbox;
	let tui: TuiSession;

	before(async () => {
		sandbox = await createPodmanSandbox();
		tui = new TuiSession({ env: sandbox.env, args: ['--image', sandbox.image, '--command', 'sleep infinity'] });
		await tui.waitFor(/watching podman/);
	});

	after(async () => {
		await tui?.kill();
		await sandbox?.dispose();
	});

	let id = '';
	let firstConmon = 0;

	test('r runs `podman run -d IMAGE sleep infinity`, shows the command, and the new conmon', async () => {
		tui.press('r');
		const done = await tui.waitFor(/✓ \$ podman run -d localhost\/conmon-tui-test:latest sleep infinity {2}\(\d+ ms: ([0-9a-f]{12})\)/);
		const ids = (await sandbox.podman(['ps', '-aq', '--no-trunc'])).stdout.trim().split('\n');
		assert.equal(ids.length, 1, 'exactly one container was run');
		id = ids[0] ?? '';
		assert.equal(id.slice(0, 12), done[1]);
		const state = (await sandbox.inspect(id)).State;
		firstConmon = state.ConmonPid ?? 0;
		await tui.waitFor(new RegExp(runningUnderConmon(id, firstConmon, state.Pid)));
	});

	test('k kills it: `podman kill` is shown and conmon exits', async () => {
		tui.press('k');
		await tui.waitFor(new RegExp(`\\$ podman kill ${id.slice(0, 12)}`));
		await tui.waitFor(new RegExp(deadConmon(firstConmon, 137)));
		assert.equal((await sandbox.inspect(id)).State.Status, 'exited');
		assert.notEqual(processState(firstConmon), 'alive');
	});

	test('s starts it again: a new conmon PID, the old one named as its predecessor', async () => {
		tui.press('s');
		await tui.waitFor(new RegExp(`✓ \\$ podman start ${id.slice(0, 12)}`));
		const state = (await sandbox.inspect(id)).State;
		const secondConmon = state.ConmonPid ?? 0;
		assert.ok(secondConmon > 0 && secondConmon !== firstConmon);
		await tui.waitFor(
			new RegExp(
				`└─ conmon ${secondConmon} {2}\\(2nd start; before: ${firstConmon} exited [\\d:]+, (?:code 137|code unknown)\\)${MAYBE_NEW}\\n +└─ sleep infinity ${state.Pid}\\n`,
			),
		);
	});

	test("a podman command that fails shows podman's own message, and the program keeps running", async () => {
		tui.press('p');
		await tui.waitFor(new RegExp(`✓ \\$ podman pause ${id.slice(0, 12)}`));
		await tui.waitFor(/◐ \S+ .*Paused/);
		// podman refuses to start a paused container; its message must reach the screen.
		tui.press('s');
		await tui.waitFor(new RegExp(`✗ \\$ podman start ${id.slice(0, 12)}: Error: unable to start container[^\\n]*`));
		tui.press('p');
		await tui.waitFor(new RegExp(`✓ \\$ podman unpause ${id.slice(0, 12)}`));
		await tui.waitFor(/● \S+ .*Up/);
		assert.equal((await sandbox.inspect(id)).State.Status, 'running');
	});

	test('d on the container r ran removes it at once, without a question (this session started it)', async () => {
		tui.press('d');
		await tui.waitFor(new RegExp(`✓ \\$ podman rm -f ${id.slice(0, 12)}`));
		assert.doesNotMatch(tui.raw, /y\/n/, 'no question was asked');
		assert.equal((await sandbox.podman(['ps', '-aq'])).stdout.trim(), '', 'removed');
	});

	test('q quits: exit code 0, and every child (podman events, where it runs) is gone', async () => {
		const children = descendantPids(tui.pty.pid);
		// Following podman's events file itself, conmon-tui may have no child at all when idle:
		// then it must have said so; otherwise `podman events` is a child that must end.
		if (children.length === 0) assert.match(tui.raw, /events read from \//, 'no child, so events come from the file');
		tui.press('q');
		const { exitCode } = await tui.waitForExit();
		assert.equal(exitCode, 0);
		const deadline = Date.now() + 3_000;
		while (children.some((pid) => processState(pid) === 'alive') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		assert.deepEqual(
			children.filter((pid) => processState(pid) === 'alive'),
			[],
		);
	});
});
