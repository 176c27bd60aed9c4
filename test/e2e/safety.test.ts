import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { execa } from 'execa';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { createPodmanSandbox, type PodmanSandbox } from '../helpers/podmanSandbox.js';
import { parseCallLog, writePodmanWrapper } from '../helpers/podmanWrapper.js';
import { cliPath, KEY, languageEnvironment, TuiSession } from '../helpers/tuiSession.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * Safe in front of a class and on a shared box (issue 10), against real podman in a real pty:
 * a container's hostile command cannot drive the terminal, destructive keys ask about
 * containers the session did not start, --read-only runs nothing, NO_COLOR and TERM=dumb,
 * a symlinked --log, and a crash that still gives the terminal back.
 */
const skip = await e2eSkipReason();

const ESC = '\u001B';
const BEL = '\u0007';
/** OSC title, OSC 52 (clipboard), CSI clear screen, SGR red, C1 CSI (U+009B) and RIGHT-TO-LEFT OVERRIDE. */
const HOSTILE = `${ESC}]0;PWNED${BEL}${ESC}]52;c;UFdORUQ=${BEL}${ESC}[2J${ESC}[31mRED\u009b2J\u202eevil`;
// `; exit 0` keeps sh (with the bytes in its argv) as sleep's parent: a last command alone is exec'd.
const HOSTILE_COMMAND = ['sh', '-c', `: "${HOSTILE}"; sleep 1000; exit 0`];
/** Any control a terminal acts on, other than newline. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Podman verbs that change a container. */
const STATE_CHANGING = new Set(['run', 'create', 'start', 'stop', 'kill', 'restart', 'pause', 'unpause', 'rm']);

/** The SGR parameters a frame used that are colours (foreground, background, bright, 256/true colour). */
function colourCodes(raw: string): string[] {
	const codes: string[] = [];
	for (const match of raw.matchAll(/\u001B\[([0-9;]*)m/g)) {
		for (const param of (match[1] ?? '').split(';')) {
			const n = Number(param);
			if (param !== '' && ((n >= 30 && n <= 49) || (n >= 90 && n <= 107))) codes.push(match[0]);
		}
	}
	return codes;
}

describe('safe on a shared box, against real podman', { skip: skip ?? false }, () => {
	let sandbox: PodmanSandbox;
	let hostileId = '';
	const dir = mkdtempSync(join(tmpdir(), 'conmon-tui-safety-'));
	const sessions: TuiSession[] = [];
	const session = (options: ConstructorParameters<typeof TuiSession>[0]) => {
		const tui = new TuiSession(options);
		sessions.push(tui);
		return tui;
	};

	before(async () => {
		sandbox = await createPodmanSandbox();
		hostileId = (await sandbox.podman(['run', '-d', '--name', 'hostile', sandbox.image, ...HOSTILE_COMMAND])).stdout.trim();
	});

	after(async () => {
		for (const tui of sessions) await tui.kill();
		await sandbox?.dispose();
		rmSync(dir, { recursive: true, force: true });
	});

	test('a command holding OSC title, OSC 52, clear screen, SGR, C1 CSI and U+202E is drawn as escapes: the title is untouched, the screen not cleared', async () => {
		const tui = session({ env: sandbox.env, args: ['--image', sandbox.image] });
		const short = hostileId.slice(0, 12);
		// The container row (command column cut to width) and the sh process row below it, from /proc.
		await tui.waitFor(new RegExp(`● hostile +${short} .*sh -c ': "\\\\e\\]0;`));
		const screen = await tui.waitFor(/sh -c ': "\\e\]0;PWNED\\x07\\e\]52;c;UFdORUQ=\\x07\\e\[2J\\e\[31mRED\\x9b2J\\u202eevil"; sleep 1000; exit 0' \d+/);
		assert.ok(screen, 'the process row shows every escape, on one line');
		await tui.waitFor(/watching podman/);
		assert.deepEqual(
			tui.titles.filter((title) => title.includes('PWNED')),
			[],
			'the window title was never set by the container',
		);
		assert.ok(!tui.raw.includes('PWNED\u0007'), 'no OSC reached the terminal');
		assert.ok(!tui.raw.includes(`${ESC}]52;`), 'no OSC 52 reached the terminal');
		assert.ok(!tui.raw.includes(`${ESC}[31mRED`), 'no SGR from the container');
		assert.ok(!/[\u009b\u202e]/.test(tui.raw), 'no C1 CSI, no bidi override');
		// Not cleared: the header is still the first line, the footer the last.
		const lines = (await tui.screen()).split('\n');
		assert.match(lines[0] ?? '', /^conmon-tui /);
		assert.ok(
			lines.some((line) => /\? help +q quit/.test(line)),
			'the footer is still there',
		);

		// The details view shows the command too, escaped.
		tui.press(KEY.enter);
		await tui.waitFor(/conmon generations seen this session/);
		await tui.waitFor(/sh -c ': "\\e\]0;PWNED\\x07/);
		assert.deepEqual(
			tui.titles.filter((title) => title.includes('PWNED')),
			[],
		);
		await tui.type(['q', 'q']);
		assert.equal((await tui.waitForExit()).exitCode, 0);
	});

	test('hostile /proc: a comm faking `) R 1 (` with a newline, argv with newlines, empty elements and 100 KiB: parsed right, one line each, cut to width', async () => {
		// sh renames itself (comm, 15 bytes at most), then waits on sleep: sleep's parent is that sh.
		const script = 'printf "x) R 1 (\\n\\033]0;T\\007" > /proc/$$/comm; sleep 1000; exit 0';
		const big = 'y'.repeat(100 * 1024);
		const id = (await sandbox.podman(['run', '-d', '--name', 'oddproc', sandbox.image, 'sh', '-c', script, 'zero', '', 'a\nb', big])).stdout.trim();
		const shPid = (await sandbox.inspect(id)).State.Pid ?? 0;
		const comm = readFileSync(`/proc/${shPid}/comm`, 'utf8');
		assert.equal(comm, 'x) R 1 (\n\u001B]0;T\u0007\n', 'the kernel holds the hostile comm');
		const tui = session({ env: sandbox.env, args: ['--image', sandbox.image], columns: 120 });
		await tui.waitFor(/watching podman/, 60_000);
		await tui.filter('oddproc');
		// sh's row: its argv on one line (the newline escaped, the empty element a double space), cut to the width.
		const screen = await tui.waitFor(/└─ sh -c 'printf .* zero '' 'a\\nb' yyyy[^\n]*…\n +└─ sleep 1000 (\d+)/);
		const lines = (await tui.screen()).split('\n');
		assert.ok(
			lines.every((line) => line.length <= 120),
			'every line within the width',
		);
		// → to sleep's row (conmon, sh, sleep), Enter: its parent named by the escaped comm.
		await tui.type(['\u001B[C', '\u001B[C', '\u001B[C', KEY.enter]);
		await tui.waitFor(new RegExp(`${shPid} \\(x\\) R 1 \\(\\\\n\\\\e\\]0;T\\\\x07\\)`));
		assert.ok(screen);
		assert.deepEqual(tui.titles, [], 'no title was set');
		await tui.type([KEY.escape, 'q']);
		assert.equal((await tui.waitForExit()).exitCode, 0);
		await sandbox.podman(['rm', '-f', '-t', '0', id]);
	});

	test('--once prints no raw control byte; --once --json has none either and keeps the exact command', async () => {
		const run = (...args: string[]) =>
			execa(process.execPath, [cliPath(), '--once', ...args], { env: { ...sandbox.env, ...languageEnvironment('en') }, stdin: 'ignore', timeout: 60_000 });
		const text = await run();
		assert.equal(text.exitCode, 0);
		assert.ok(!RAW_CONTROL.test(text.stdout), `raw control in --once output: ${JSON.stringify(text.stdout.match(RAW_CONTROL))}`);
		assert.match(text.stdout, /sh -c ': "\\e\]0;PWNED\\x07\\e\]52;c;UFdORUQ=\\x07\\e\[2J\\e\[31mRED\\x9b2J\\u202eevil"; sleep 1000; exit 0' \d+/);
		const json = await run('--json');
		assert.ok(!RAW_CONTROL.test(json.stdout), 'raw control in --once --json output');
		const snapshot = JSON.parse(json.stdout) as { containers: { id: string; command: string[]; processes: { argv: string[] }[] }[] };
		const hostile = snapshot.containers.find((c) => c.id === hostileId);
		assert.deepEqual(hostile?.command, HOSTILE_COMMAND, 'exact data, not the escaped text');
		assert.ok(
			hostile?.processes.some((p) => p.argv[2] === HOSTILE_COMMAND[2]),
			'the /proc argv exactly',
		);
	});

	test('k on a container made outside the program asks, and n leaves it running; on one made by r it kills at once', async () => {
		const callLog = join(dir, 'confirm-calls.log');
		const wrapper = writePodmanWrapper(dir, { callLog });
		const outside = (await sandbox.podman(['run', '-d', '--name', 'outside', sandbox.image, 'sleep', 'infinity'])).stdout.trim();
		const tui = session({ env: { ...sandbox.env, CONMON_TUI_PODMAN: wrapper }, args: ['--image', sandbox.image, '--command', 'sleep infinity'] });
		await tui.waitFor(/watching podman/);
		await tui.filter('outside');
		await tui.waitFor(new RegExp(`▶ ● outside +${outside.slice(0, 12)}`));
		tui.press('k');
		await tui.waitFor(new RegExp(`kill outside \\(${outside.slice(0, 12)}\\)\\? y/n`));
		tui.press('n');
		await tui.waitFor(/kill canceled/);
		assert.equal((await sandbox.inspect(outside)).State.Status, 'running', 'n killed nothing');
		assert.ok(!parseCallLog(readFileSync(callLog, 'utf8')).some((call) => call.args[0] === 'kill'), 'no podman kill ran');

		// Escape clears the filter (alone: Escape and r in one chunk would read as Alt-r).
		await tui.type([KEY.escape]);
		await tui.waitFor(/● hostile /);
		tui.press('r');
		const done = await tui.waitFor(/✓ \$ \S+ run -d \S+ sleep infinity {2}\(\d+ ms: ([0-9a-f]{12})\)/);
		const ours = done[1] ?? '';
		await tui.waitFor(new RegExp(`▶ ● \\S+ +${ours}`));
		tui.press('k');
		await tui.waitFor(new RegExp(`✓ \\$ \\S+ kill ${ours}`));
		assert.doesNotMatch(await tui.screen(), /\? y\/n/, 'no question for a container this session ran');
		await waitFor('the container r ran to be killed', async () => ((await sandbox.inspect(ours)).State.Status === 'exited' ? true : undefined), 15_000);
		assert.equal((await sandbox.inspect(outside)).State.Status, 'running', 'the other container is untouched');
		tui.press('q');
		assert.equal((await tui.waitForExit()).exitCode, 0);
	});

	test('--read-only: no key runs a state-changing podman command; the footer and the status line say read-only', async () => {
		const callLog = join(dir, 'readonly-calls.log');
		const wrapper = writePodmanWrapper(dir, { callLog });
		const tui = session({ env: { ...sandbox.env, CONMON_TUI_PODMAN: wrapper }, args: ['--read-only', '--image', sandbox.image] });
		await tui.waitFor(/watching podman/);
		await tui.waitFor(/● hostile /);
		await tui.waitFor(/^READ-ONLY /m);
		await tui.type(['r', 's', 'x', 'k', 'R', 'p', 'd', 'y', 'L', 'y']);
		await tui.waitFor(/read-only: this session runs no commands/);
		tui.press('q');
		assert.equal((await tui.waitForExit()).exitCode, 0);
		const calls = parseCallLog(existsSync(callLog) ? readFileSync(callLog, 'utf8') : '');
		assert.ok(calls.length > 0, "the wrapper logged the read-only session's own queries");
		assert.deepEqual(
			calls.filter((call) => STATE_CHANGING.has(call.args[0] ?? '')).map((call) => call.args.join(' ')),
			[],
		);
		assert.equal((await sandbox.inspect(hostileId)).State.Status, 'running');
	});

	test('NO_COLOR=1: the frames hold no colour SGR at all, and the selection shows as ▶', async () => {
		const tui = session({ env: { ...sandbox.env, NO_COLOR: '1' }, args: ['--image', sandbox.image] });
		await tui.waitFor(/watching podman/);
		await tui.waitFor(/▶ ● \S+ /);
		// A key, so that a frame after the first is drawn too.
		tui.press(KEY.down);
		tui.press('?');
		await tui.waitFor(/Keys — Escape or \? closes/);
		assert.deepEqual(colourCodes(tui.raw), [], 'no colour SGR');
		assert.ok(colourCodes('\u001B[31mx\u001B[38;5;2my').length === 2, 'the check itself finds colours');
		await tui.type(['q', 'q']);
		assert.equal((await tui.waitForExit()).exitCode, 0);
	});

	test('TERM=dumb: the ▶ marker moves with the selection', async () => {
		await sandbox.podman(['run', '-d', '--name', 'zz-second', sandbox.image, 'sleep', 'infinity']);
		const tui = session({ env: sandbox.env, args: ['--image', sandbox.image], term: 'dumb' });
		await tui.waitFor(/● zz-second /);
		tui.press('\u001B[H'); // Home
		const first = await tui.waitFor(/^▶ [●○◐] (\S+) /m);
		tui.press(KEY.down);
		const second = await tui.waitFor(new RegExp(`^▶ [●○◐] (?!${first[1]} )(\\S+) `, 'm'));
		assert.notEqual(second[1], first[1]);
		const marked = (await tui.screen()).split('\n').filter((line) => line.startsWith('▶ '));
		assert.equal(marked.length, 1, `one marked row:\n${marked.join('\n')}`);
		assert.match(await tui.screen(), new RegExp(`^  [●○◐] ${first[1]} `, 'm'), 'the first row lost its marker');
		tui.press('q');
		assert.equal((await tui.waitForExit()).exitCode, 0);
	});

	test('--log onto a symbolic link is refused: exit 1, one line naming --log, the target untouched', async () => {
		const target = join(dir, 'victim');
		writeFileSync(target, 'do not touch\n');
		const link = join(dir, 'planted.log');
		symlinkSync(target, link);
		const result = await execa(process.execPath, [cliPath(), '--once', '--log', link], {
			env: { ...sandbox.env, ...languageEnvironment('en') },
			stdin: 'ignore',
			reject: false,
			timeout: 60_000,
		});
		assert.equal(result.exitCode, 1);
		assert.equal(result.stderr, `conmon-tui: --log ${link}: is a symbolic link; refusing to write through it (give the real file's path)`);
		assert.equal(readFileSync(target, 'utf8'), 'do not touch\n');
	});

	for (const fault of ['render', 'exception', 'rejection'] as const) {
		test(`a ${fault} fault gives the terminal back: main screen, cursor shown, one line, no stack, exit 1`, async () => {
			const tui = session({ env: { ...sandbox.env, CONMON_TUI_TEST_FAULT: fault }, args: ['--image', sandbox.image] });
			const { exitCode } = await tui.waitForExit(30_000);
			assert.equal(exitCode, 1);
			assert.ok(tui.raw.includes('\u001B[?1049h'), 'it had entered the alternate screen');
			assert.equal(await tui.bufferType(), 'normal', 'the alternate screen was left');
			assert.ok(tui.cursorShown(), 'the cursor is shown again');
			const screen = await tui.screen();
			const message = screen.split('\n').filter((line) => line.includes('conmon-tui:'));
			assert.deepEqual(message, [`conmon-tui: stopped after an unexpected error: test fault injected (CONMON_TUI_TEST_FAULT=${fault})`]);
			assert.doesNotMatch(tui.raw, /\n\s+at /, 'no stack trace');
		});
	}
});
