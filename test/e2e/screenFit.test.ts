import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { lessonMenuDigit } from '../../src/lessons/lessonKeys.js';
import { LESSONS } from '../../src/lessons/lessons.js';
import { type Language, setLanguage, t } from '../../src/messages/i18n.js';
import { footerText } from '../../src/present/keyHelp.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { createPodmanSandbox, type PodmanSandbox } from '../helpers/podmanSandbox.js';
import { parseCallLog, writePodmanWrapper } from '../helpers/podmanWrapper.js';
import { KEY, TuiSession } from '../helpers/tuiSession.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * The screen under real use, in a real pty against real podman: keys that arrive in one read,
 * every layout at 40×12 (both languages) drawn line by line with nothing drawn over anything,
 * and podman's long error readable whole at 80×24.
 */
const skip = await e2eSkipReason();

/** The screen's rows, without a round border's `│ ` … ` │` (the overlays draw one when tall enough). */
function rows(screen: string): string[] {
	return screen.split('\n').map((row) => row.replace(/^│ /, '').replace(/ *│$/, ''));
}

/**
 * Fails unless `text` (or, cut at the width, its start ending in …) is the start of one row:
 * a line of the layout drawn whole on its own row, not merged with another line's text.
 */
function assertLineOnRow(screen: string, text: string, what: string): void {
	const found = rows(screen).some((row) => {
		const trimmed = row.trimEnd();
		if (trimmed === text || trimmed.startsWith(`${text} `) || trimmed.startsWith(text)) return true;
		return trimmed.endsWith('…') && text.startsWith(trimmed.slice(0, -1));
	});
	assert.ok(found, `${what}: ${JSON.stringify(text)} is not the start of a row of:\n${screen}`);
}

describe('the screen under real use', { skip: skip ?? false }, () => {
	let sandbox: PodmanSandbox;
	const sessions: TuiSession[] = [];
	const dir = mkdtempSync(join(tmpdir(), 'conmon-tui-screen-'));

	before(async () => {
		sandbox = await createPodmanSandbox();
	});

	after(async () => {
		for (const session of sessions) await session.kill();
		await sandbox?.dispose();
		rmSync(dir, { recursive: true, force: true });
		setLanguage('en');
	});

	function open(lang: Language, columns: number, rows: number, env: Record<string, string> = {}, args: string[] = []): TuiSession {
		const session = new TuiSession({
			env: { ...sandbox.env, ...env },
			lang,
			columns,
			rows,
			args: ['--image', sandbox.image, '--command', 'sleep infinity', ...args],
		});
		sessions.push(session);
		return session;
	}

	for (const lang of ['en', 'ja'] as const) {
		test(`40×12 in ${lang} with no containers: the header, the empty tree's message and the footer, each on its row`, async () => {
			setLanguage(lang);
			const tui = open(lang, 40, 12);
			const screen = (await tui.waitFor(/conmon-tui[^\n]*\n(?:[^\n]*\n)*[^\n]*\S/))[0];
			assert.match((await tui.screen()).split('\n')[0] ?? '', /^conmon-tui /, `the header on the first row:\n${screen}`);
			await tui.waitFor(
				new RegExp(
					t('tree.noContainers')
						.slice(0, 8)
						.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
				),
			);
			const now = await tui.screen();
			assertLineOnRow(now, footerText(40), 'the footer');
			assert.equal(now.split('\n').at(-2)?.trimEnd(), footerText(40), 'the footer on the last line but one (the last is left free)');
			await tui.kill();
		});
	}

	test('keys in one write: `kx`, then four Backspaces in the filter', { timeout: 60_000 }, async () => {
		await sandbox.podman(['run', '-d', '--name', 'one', sandbox.image, 'sleep', 'infinity']);
		const callLog = join(dir, 'calls.log');
		const wrapper = writePodmanWrapper(dir, { callLog });
		// --yes: `one` was made outside the program, so k and x would ask first; this test is about the keys in one read.
		const tui = open('en', 120, 30, { CONMON_TUI_PODMAN: wrapper }, ['--yes']);
		await tui.waitFor(/● one /);
		tui.press('kx');
		// k runs podman kill; x, the second key of the same read, is a key too: it runs podman stop, or
		// (the kill still running) is refused with a message that says so. Before, both were dropped.
		const calls = await waitFor(
			'podman kill in the call log',
			() => {
				const list = parseCallLog(readFileSync(callLog, 'utf8')).filter((c) => ['kill', 'stop'].includes(c.args[0] ?? ''));
				return list.some((c) => c.args[0] === 'kill') ? list : undefined;
			},
			20_000,
		);
		const screen = await tui.screen();
		const stopped = calls.some((c) => c.args[0] === 'stop') || /one is already killing; wait for it/.test(screen) || /\$ podman stop/.test(screen);
		assert.ok(stopped, `x was a key too:\n${screen}\n${JSON.stringify(calls)}`);
		assert.equal(calls[0]?.args[0], 'kill', 'k first, then x');

		tui.press('/');
		await tui.waitFor(/^\/ /m);
		tui.press('onexyzw');
		await tui.waitFor(/^\/onexyzw /m);
		tui.press('\u007F\u007F\u007F\u007F');
		await tui.waitFor(/^\/one /m);
		tui.press(KEY.escape);
		await tui.kill();
	});

	test("80×24: podman's long error is on screen whole, wrapped above the footer", { timeout: 60_000 }, async () => {
		setLanguage('en');
		// `one` was killed above: podman refuses to kill an exited container, with a message longer than 80 columns.
		await waitFor('one exited', async () => ((await sandbox.inspect('one')).State.Status === 'exited' ? true : undefined), 20_000);
		const { Id: id } = await sandbox.inspect('one');
		const tui = open('en', 80, 24, {}, ['--yes']);
		await tui.waitFor(/○ one /);
		tui.press('k');
		await tui.waitFor(/container state improper/);
		const screen = await tui.screen();
		const joined = screen
			.split('\n')
			.map((row) => row.trimEnd())
			.join(' ');
		assert.ok(joined.includes(`Error: can only kill running containers. ${id} is in state exited: container state improper`), `the whole message:\n${screen}`);
		assert.equal(screen.split('\n').at(-2)?.trimEnd(), footerText(80), 'the footer still on its line');
		await tui.kill();
	});

	for (const lang of ['en', 'ja'] as const) {
		test(`40×12 in ${lang}: main view, ?, details and the lesson menu, every line whole on its own row`, { timeout: 60_000 }, async () => {
			setLanguage(lang);
			const tui = open(lang, 40, 12);
			await tui.waitFor(/[●○] one /);
			let screen = await tui.screen();
			assert.match(screen.split('\n')[0] ?? '', /^conmon-tui /, `the header:\n${screen}`);
			assertLineOnRow(screen, footerText(40), 'the footer');

			tui.press('?');
			await tui.waitFor(
				new RegExp(
					t('help.title')
						.slice(0, 4)
						.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
				),
			);
			screen = await tui.screen();
			for (const key of ['k ', 'r ', 's ', 'x ', 'Enter ', '? ', 'q  Ctrl-C']) {
				assert.ok(
					rows(screen).some((row) => row.startsWith(key)),
					`the help's ${key.trim()} on a row of its own:\n${screen}`,
				);
			}
			tui.press(KEY.escape);

			await tui.waitFor(/[●○] one /);
			tui.press(KEY.enter);
			const closeHint = t('details.container.closeHint', { id: '' }).slice(0, 10);
			await tui.waitFor(new RegExp(closeHint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
			screen = await tui.screen();
			assert.ok(
				rows(screen).some((row) => /^one {2}[0-9a-f]{12}/.test(row)),
				`the details' title on its row:\n${screen}`,
			);
			assertLineOnRow(screen, t('details.container.closeHint', { id: '' }).slice(0, 10), 'the way out');
			tui.press(KEY.escape);

			await tui.waitFor(/[●○] one /);
			tui.press('L');
			await tui.waitFor(/restart-policy/);
			// Ten lessons do not fit in 12 rows: the menu keeps the rows around the cursor. Walk it:
			// each lesson, once under the cursor, is on a row of its own, with its digit.
			for (const [i, lesson] of LESSONS.entries()) {
				if (i > 0) tui.press(KEY.down);
				const row = new RegExp(`^▸ ${lessonMenuDigit(i) ?? ' '} ${lesson.name} `, 'm');
				await tui.waitFor(row);
				screen = await tui.screen();
				assert.ok(
					rows(screen).some((r) => row.test(r)),
					`lesson ${lesson.name} on its row:\n${screen}`,
				);
			}
			await tui.kill();
		});

		test(`40×12 in ${lang}: a lesson step with its verdict, each line on its own row`, { timeout: 90_000 }, async () => {
			setLanguage(lang);
			const tui = open(lang, 40, 12, {}, ['lesson', 'lifecycle', '--lang', lang]);
			await tui.waitFor(/─ /);
			await tui.type(['r'], 150);
			// The pane's verdict: the ✓ row right above the lesson's keys (the status line below has its own ✓).
			const keysStart = t('lesson.ui.keys').slice(0, 6);
			const screen = await waitFor(
				'the verdict in the lesson pane',
				async () => {
					const now = await tui.screen();
					const keys = rows(now).findIndex((row) => row.startsWith(keysStart));
					return keys > 0 && rows(now)[keys - 1]?.startsWith('✓ ') ? now : undefined;
				},
				30_000,
			);
			// The verdict's row holds the verdict alone: no other line's text (the keys, the command) is drawn into it.
			const keysRow = rows(screen).findIndex((row) => row.startsWith(keysStart));
			const verdictRow = rows(screen)[keysRow - 1] ?? '';
			assert.doesNotMatch(verdictRow, /n next|次へ|podman run/, `only the verdict:\n${screen}`);
			await tui.type(['q'], 150);
			await tui.type(['y'], 150);
			await tui.waitForExit(30_000).catch(() => undefined);
		});
	}
});
