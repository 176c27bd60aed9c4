import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { execa } from 'execa';
import { MAYBE_NEW } from '../helpers/conmonRowPatterns.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { cleanEnv, createPodmanSandbox, type PodmanSandbox } from '../helpers/podmanSandbox.js';
import { processArgv } from '../helpers/procCheck.js';
import { KEY, TuiSession } from '../helpers/tuiSession.js';

/**
 * `podman exec` shows its own conmon branch while it runs; the details view explains a conmon
 * and a container process with what /proc says (NSpid, parent).
 */
const skip = await e2eSkipReason();
const RIGHT = '\u001B[C';
const LEFT = '\u001B[D';

describe('exec sessions and the details view', { skip: skip ?? false }, () => {
	let sandbox: PodmanSandbox;
	let tui: TuiSession;
	let id = '';

	before(async () => {
		sandbox = await createPodmanSandbox();
		id = (await sandbox.podman(['run', '-d', '--name', 'host', sandbox.image, 'sleep', 'infinity'])).stdout.trim();
		tui = new TuiSession({ env: sandbox.env, args: ['--image', sandbox.image] });
		await tui.waitFor(/● host /);
	});

	after(async () => {
		await tui?.kill();
		await sandbox?.dispose();
	});

	test('podman exec: a second, separate conmon branch appears, and goes when the command ends', async () => {
		const main = (await sandbox.inspect(id)).State.ConmonPid;
		const [podman, args] = sandbox.world.command('podman', ['exec', id, 'sleep', '3']);
		const exec = execa(podman, args, { env: cleanEnv(sandbox.env), extendEnv: false, timeout: 30_000 });
		const branch = await tui.waitFor(
			new RegExp(`├─ conmon ${main}${MAYBE_NEW}\\n.*\\n {4}└─ conmon (\\d+) {2}exec session ([0-9a-f]{12})${MAYBE_NEW}\\n +└─ sleep 3 (\\d+)`),
		);
		const execConmon = Number(branch[1]);
		assert.notEqual(execConmon, main);
		const argv = processArgv(execConmon);
		assert.ok(argv.includes('-e') && argv.includes(id), '/proc: an exec conmon of this container');
		const execIds = (await sandbox.inspect(id)).ExecIDs;
		assert.ok(
			execIds.some((e) => e.startsWith(branch[2] ?? '-')),
			'the session podman lists',
		);
		await tui.waitFor(/exec session started in host/);
		await exec;
		await tui.waitFor(new RegExp(`exec conmon ${execConmon} exited for host`));
		await tui.waitFor(new RegExp(`└─ conmon ${main}${MAYBE_NEW}\\n +└─ sleep infinity`));
		assert.doesNotMatch(await tui.screen(), /exec session [0-9a-f]{12}\n/);
	});

	test('→ then Enter on conmon: its arguments explained and its parent', async () => {
		const state = (await sandbox.inspect(id)).State;
		tui.press(RIGHT);
		tui.press(KEY.enter);
		await tui.waitFor(new RegExp(`conmon ${state.ConmonPid} +host`));
		await tui.waitFor(/parent: PID 1 \([^)]*\): podman started a first conmon, which forked this one/);
		await tui.waitFor(new RegExp(`container +${id}`));
		await tui.waitFor(/exit directory +\S+\/exits/);
		await tui.waitFor(/conmon pidfile +\/\S+overlay-containers\//);
		// The details must be closed before the next test's →: a lone Escape followed at once by an arrow reads as Alt+arrow.
		await tui.type([KEY.escape], 150);
		await tui.waitFor(/─ (events|イベント) ─/);
	});

	test('→ again, Enter on the container process: host PID, PID 1 inside, parent conmon', async () => {
		const state = (await sandbox.inspect(id)).State;
		tui.press(RIGHT);
		tui.press(KEY.enter);
		await tui.waitFor(new RegExp(`host PID +${state.Pid}`));
		await tui.waitFor(new RegExp(`PID inside +1  \\(NSpid ${state.Pid} → 1\\)`));
		await tui.waitFor(new RegExp(`parent +${state.ConmonPid} \\(conmon\\)`));
		// One key at a time, as a person types: a lone Escape followed at once by an arrow reads as Alt+arrow.
		await tui.type([KEY.escape, LEFT, LEFT, KEY.enter], 150);
		await tui.waitFor(/podman says: state running/);
		tui.press(KEY.escape);
	});
});
