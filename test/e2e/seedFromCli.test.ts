import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deadConmon, runningUnderConmon, secondStart } from '../helpers/conmonRowPatterns.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { createPodmanSandbox, type PodmanSandbox } from '../helpers/podmanSandbox.js';
import { processArgv, processState } from '../helpers/procCheck.js';
import { KEY, TuiSession } from '../helpers/tuiSession.js';

/**
 * The seed experiment driven from the podman CLI while conmon-tui only watches:
 * run → kill → start, checking the screen against podman inspect and /proc.
 */
const skip = await e2eSkipReason();

describe('seed experiment from the podman CLI', { skip: skip ?? false }, () => {
	let sandbox: PodmanSandbox;
	let tui: TuiSession;

	before(async () => {
		sandbox = await createPodmanSandbox();
		tui = new TuiSession({ env: sandbox.env, args: ['--image', sandbox.image] });
		await tui.waitFor(/watching podman \S+: 0 containers, 0 live conmons/);
	});

	after(async () => {
		await tui?.kill();
		await sandbox?.dispose();
	});

	let id = '';
	let firstConmon = 0;

	test('podman run: the conmon podman reports appears, with the container process under it', async () => {
		id = (await sandbox.podman(['run', '-d', sandbox.image, 'sleep', 'infinity'])).stdout.trim();
		const state = (await sandbox.inspect(id)).State;
		firstConmon = state.ConmonPid ?? 0;
		assert.ok(firstConmon > 0, 'podman reports a conmon PID');
		// /proc agrees: that PID is a conmon monitoring this container.
		const argv = processArgv(firstConmon);
		assert.match(argv[0] ?? '', /conmon$/);
		assert.ok(argv.includes(id), 'conmon cmdline names the container');
		assert.equal(processState(state.Pid), 'alive');
		await tui.waitFor(new RegExp(runningUnderConmon(id, firstConmon, state.Pid)));
		await tui.waitFor(new RegExp(`conmon ${firstConmon} appeared for \\S+ \\(${id.slice(0, 12)}\\)`));
	});

	test('podman kill: conmon exits, and the screen says so with the exit code', async () => {
		await sandbox.podman(['kill', id]);
		await tui.waitFor(new RegExp(deadConmon(firstConmon, 137)));
		assert.notEqual(processState(firstConmon), 'alive', '/proc agrees that conmon is dead');
		await tui.waitFor(/died \(exit code 137\)/);
		await tui.waitFor(new RegExp(`conmon ${firstConmon} exited`));
	});

	test('podman start: a brand-new conmon with a new PID, and the old one still listed', async () => {
		await sandbox.podman(['start', id]);
		const state = (await sandbox.inspect(id)).State;
		const secondConmon = state.ConmonPid ?? 0;
		assert.ok(secondConmon > 0);
		assert.notEqual(secondConmon, firstConmon, 'a new conmon, not the old one');
		assert.equal(processState(secondConmon), 'alive');
		await tui.waitFor(new RegExp(secondStart(secondConmon, firstConmon, state.Pid)));

		// The details view lists both generations.
		tui.press(KEY.enter);
		const details = await tui.waitFor(/conmon generations seen this session \(2\)[\s\S]*2nd +(\d+) +[\s\S]*1st +(\d+) /);
		assert.equal(Number(details[1]), secondConmon);
		assert.equal(Number(details[2]), firstConmon);
		tui.press(KEY.escape);
		await tui.waitFor(/└─ conmon \d+ {2}\(2nd start/);
	});
});
