import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { TERM_FRIENDLY_COMMAND } from '../helpers/churn.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import type { PodmanSandbox } from '../helpers/podmanSandbox.js';
import { parseCallLog, writePodmanWrapper } from '../helpers/podmanWrapper.js';
import { descendantPids, processArgv } from '../helpers/procCheck.js';
import { sandboxSuite } from '../helpers/sandboxSuite.js';
import { KEY, type TuiSession } from '../helpers/tuiSession.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * 50 keys in one second, actions among them, on two containers: no action runs twice at
 * once on a container, nothing crashes, and the screen ends as podman says.
 */
const skip = await e2eSkipReason();

/** A fixed pseudo-random sequence, so that a failure can be replayed. */
function mashSequence(length: number, seed = 7): string[] {
	const keys = ['k', 's', 'x', 'R', 'p', 'p', 's', 'k', KEY.down, KEY.up, 'r', '?', 'j'];
	let state = seed;
	return Array.from({ length }, () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return keys[state % keys.length] ?? 'k';
	});
}

const ACTIONS = new Set(['kill', 'start', 'stop', 'restart', 'pause', 'unpause', 'rm']);

describe('keys mashed', { skip: skip ?? false }, () => {
	const suite = sandboxSuite('mash');
	const { dir } = suite;
	let sandbox: PodmanSandbox;
	let tui: TuiSession;
	const callLog = join(dir, 'calls.log');

	before(async () => {
		sandbox = suite.sandbox;
		for (const name of ['one', 'two']) await sandbox.podman(['run', '-d', '--name', name, sandbox.image, ...TERM_FRIENDLY_COMMAND]);
		const wrapper = writePodmanWrapper(dir, { callLog });
		tui = suite.start({
			env: { CONMON_TUI_PODMAN: wrapper },
			// --yes: the containers were made outside the program, and this test is about the commands, not the questions.
			args: ['--yes', '--image', sandbox.image, '--command', TERM_FRIENDLY_COMMAND.map((w) => `'${w}'`).join(' ')],
		});
		await tui.waitFor(/● two /);
	});

	test('50 keys in a second', { timeout: 120_000 }, async () => {
		const keys = mashSequence(50);
		for (const key of keys) {
			tui.press(key);
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		tui.press(KEY.escape);
		// Settled: no podman command of conmon-tui's is running any more (podman events aside).
		await waitFor(
			'podman commands to finish',
			() => {
				const running = descendantPids(tui.pty.pid).filter((pid) => {
					const argv = processArgv(pid);
					const podman = argv.some((a) => a.endsWith('podman-wrapper') || a.endsWith('podman'));
					return podman && !argv.includes('events');
				});
				return running.length === 0 || undefined;
			},
			90_000,
			200,
		);

		// No action ran twice at once on one container.
		const calls = parseCallLog(readFileSync(callLog, 'utf8')).filter((c) => ACTIONS.has(c.args[0] ?? ''));
		assert.ok(calls.length > 0, 'some actions ran');
		for (const a of calls) {
			for (const b of calls) {
				if (a === b || a.args.at(-1) !== b.args.at(-1)) continue;
				assert.ok(a.end <= b.start || b.end <= a.start, `overlapping on one container: ${a.args.join(' ')} and ${b.args.join(' ')}`);
			}
		}

		// Whatever the mash left open (help, details, the lesson menu, a question, a filter) is closed
		// by Escape, one at a time and on its own: an Escape followed at once by more bytes is read
		// as the start of another key.
		for (let i = 0; i < 3; i++) await tui.type([KEY.escape], 300);
		// Still alive, and every container's row shows podman's state and conmon (Home: the top of
		// the list, in case other stores' conmons on this machine make it longer than the screen).
		await tui.type(['\u001B[H']);
		const listed = JSON.parse((await sandbox.podman(['ps', '-a', '--format', 'json'])).stdout) as { Id: string; Names: string[] }[];
		for (const { Id, Names } of listed) {
			const state = (await sandbox.inspect(Id)).State;
			const glyph = state.Status === 'running' ? '●' : state.Status === 'paused' ? '◐' : '○';
			const conmon = state.ConmonPid ? `\\n {4}(└|├)─ conmon ${state.ConmonPid}\\b` : '';
			await tui.waitFor(new RegExp(`${glyph} ${Names[0]} +${Id.slice(0, 12)}[^\\n]*${conmon}`), 15_000);
		}
		await tui.waitFor(new RegExp(`${listed.length} containers`));
	});
});
