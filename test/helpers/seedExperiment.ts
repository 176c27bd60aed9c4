import assert from 'node:assert/strict';
import { deadConmon, runningUnderConmon, secondStart } from './conmonRowPatterns.js';
import type { PodmanInspectState, PodmanSandbox } from './podmanSandbox.js';
import { processArgv, processState } from './procCheck.js';
import { KEY, type TuiSession } from './tuiSession.js';

/**
 * The seed experiment's three steps, driven from the podman CLI while conmon-tui only watches:
 * run → kill → start, the screen checked against podman inspect and /proc. The rootful and the
 * rootless test run the same steps on their own sandbox, each adding its own /proc checks.
 */
export interface SeedBench {
	sandbox: Pick<PodmanSandbox, 'podman' | 'inspect' | 'image'>;
	tui: Pick<TuiSession, 'waitFor' | 'press'>;
}

/**
 * podman run: the conmon podman reports appears, with the container process under it.
 * `check` runs once podman and /proc agree on the conmon, before the screen is read.
 */
export async function seedRun(bench: SeedBench, check?: (state: PodmanInspectState) => Promise<void>): Promise<{ id: string; conmon: number }> {
	const { sandbox, tui } = bench;
	const id = (await sandbox.podman(['run', '-d', sandbox.image, 'sleep', 'infinity'])).stdout.trim();
	const state = (await sandbox.inspect(id)).State;
	const conmon = state.ConmonPid ?? 0;
	assert.ok(conmon > 0, 'podman reports a conmon PID');
	// /proc agrees: that PID is a conmon monitoring this container.
	const argv = processArgv(conmon);
	assert.match(argv[0] ?? '', /conmon$/);
	assert.ok(argv.includes(id), 'conmon cmdline names the container');
	assert.equal(processState(state.Pid), 'alive');
	await check?.(state);
	await tui.waitFor(new RegExp(runningUnderConmon(id, conmon, state.Pid)));
	await tui.waitFor(new RegExp(`conmon ${conmon} appeared for \\S+ \\(${id.slice(0, 12)}\\)`));
	return { id, conmon };
}

/** podman kill: conmon exits, and the screen says so with the exit code. */
export async function seedKill(bench: SeedBench, id: string, conmon: number): Promise<void> {
	const { sandbox, tui } = bench;
	await sandbox.podman(['kill', id]);
	await tui.waitFor(new RegExp(deadConmon(conmon, 137)));
	assert.notEqual(processState(conmon), 'alive', '/proc agrees that conmon is dead');
	await tui.waitFor(/died \(exit code 137\)/);
	await tui.waitFor(new RegExp(`conmon ${conmon} exited`));
}

/**
 * podman start: a brand-new conmon with a new PID, the old one still listed, and the details
 * view lists both generations. `check` runs on the new conmon's PID before the screen is read.
 */
export async function seedStart(bench: SeedBench, id: string, firstConmon: number, check?: (secondConmon: number) => void): Promise<void> {
	const { sandbox, tui } = bench;
	await sandbox.podman(['start', id]);
	const state = (await sandbox.inspect(id)).State;
	const secondConmon = state.ConmonPid ?? 0;
	assert.ok(secondConmon > 0);
	assert.notEqual(secondConmon, firstConmon, 'a new conmon, not the old one');
	assert.equal(processState(secondConmon), 'alive');
	check?.(secondConmon);
	await tui.waitFor(new RegExp(secondStart(secondConmon, firstConmon, state.Pid)));

	tui.press(KEY.enter);
	const details = await tui.waitFor(/conmon generations seen this session \(2\)[\s\S]*2nd +(\d+) +[\s\S]*1st +(\d+) /);
	assert.equal(Number(details[1]), secondConmon);
	assert.equal(Number(details[2]), firstConmon);
	tui.press(KEY.escape);
	await tui.waitFor(/└─ conmon \d+ {2}\(2nd start/);
}
