/**
 * The screen in Japanese: every text from the Japanese catalogue, and a layout measured in
 * terminal columns (a kana or kanji takes two), so that Japanese names and images still line up
 * in columns and no line is wider than the terminal.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).
import '../helpers/forceColor.js';

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { setLanguage, t } from '../../src/messages/i18n.js';
import { displayWidth } from '../../src/present/displayWidth.js';
import { keyHelp } from '../../src/present/keyHelp.js';
import { footerLine, renderApp } from '../helpers/appHarness.js';
import {
	at,
	byId,
	containerId,
	type FixtureState,
	fixtureState,
	makeConmonProcess,
	makeContainer,
	makeGeneration,
	makeProcess,
} from '../helpers/fixtureState.js';
import { ENTER, screenLines, sendInput, sendInputAndWaitForContent, waitForContent } from '../helpers/inkTesting.js';

const ARROW_RIGHT = '\u001B[C';
const WEB_SERVER_ID = containerId('ウェブサーバー');

beforeEach(() => setLanguage('ja'));
afterEach(() => {
	cleanup();
	setLanguage('en');
});

/**
 * The fixture's three containers and a fourth with a Japanese name, a long Japanese image and a
 * long Japanese command: the widest of every column, so it sets the column widths.
 */
function japaneseState(): FixtureState {
	const state = fixtureState();
	const web = makeContainer({
		id: WEB_SERVER_ID,
		name: 'ウェブサーバー',
		image: 'registry.example/チーム/とても長い名前のウェブサーバーのイメージ:最新版',
		command: ['ウェブサーバーを起動する', '--設定', '/etc/設定ファイル.conf'],
		state: 'running',
		pid: 5005,
		podmanConmonPid: 5000,
		createdAt: at(16, 55, 0),
		startedAt: at(16, 55, 1),
	});
	const generation = makeGeneration(5000, at(16, 55, 1), { containerPid: 5005, nameAtStart: 'ウェブサーバー' });
	return {
		...state,
		containers: { ...state.containers, ...byId([web]) },
		history: { ...state.history, generations: { ...state.history.generations, [WEB_SERVER_ID]: [generation] } },
		processes: [...state.processes, makeConmonProcess(generation, WEB_SERVER_ID, 'ウェブサーバー'), makeProcess(5005, 5000, ['ウェブサーバーを起動する'])],
		selectedId: WEB_SERVER_ID,
	};
}

/** Fails unless every line of the screen fits in `columns` terminal columns. */
function assertFits(lines: readonly string[], columns: number): void {
	for (const line of lines) assert.ok(displayWidth(line) <= columns, `${displayWidth(line)} columns, more than ${columns}: ${line}`);
}

/** The terminal column at which `text` starts on `line`. */
function columnOf(line: string, text: string): number {
	const index = line.indexOf(text);
	assert.ok(index >= 0, `${text} not on: ${line}`);
	return displayWidth(line.slice(0, index));
}

/** The footer with its two keys that are never dropped, in Japanese. */
function assertFooter(line: string): void {
	assert.match(line, new RegExp(`\\? ${t('help.footer.help').slice(2)} +q ${t('help.footer.quit').slice(2)}$`), `footer: ${line}`);
}

describe('the App in Japanese', () => {
	test('at 80×24 every line fits, the container columns line up, and the footer keeps help and quit', async () => {
		const state = japaneseState();
		const { rendered } = await renderApp(state, { columns: 80, rows: 24 });
		await waitForContent(rendered, 'ウェブサーバー');
		const lines = screenLines(rendered);
		assertFits(lines, 80);
		assert.match(lines[0] ?? '', /コンテナ 4 · 実行中 3 · conmon 3/, 'the header counts in Japanese');
		const rows = Object.values(state.containers).map((c) => {
			const row = lines.find((line) => /^[▶ ] [●○◐] /.test(line) && line.includes(c.id.slice(0, 12)));
			assert.ok(row, `a row for ${c.name} in:\n${lines.join('\n')}`);
			return row;
		});
		const idColumns = new Set(Object.values(state.containers).map((c, i) => columnOf(rows[i] ?? '', c.id.slice(0, 12))));
		assert.equal(idColumns.size, 1, `IDs start in one column:\n${rows.join('\n')}`);
		const statusColumns = new Set(rows.map((row) => displayWidth(row.slice(0, row.search(/実行中 |\d+ (?:秒|分|時間|日)/)))));
		assert.equal(statusColumns.size, 1, `statuses start in one column:\n${rows.join('\n')}`);
		assert.ok(
			rows.some((row) => /実行中 [\d 秒分時間日]+$/.test(row)) && rows.some((row) => /\d[\d 秒分時間日]*前に終了 \(1\)$/.test(row)),
			`statuses in Japanese, whole:\n${rows.join('\n')}`,
		);
		assert.ok(
			lines.some((line) => /conmon 3990 {2}\(2 回目の起動。前回: 3805 は \d\d:57:03 に終了・コード 0\)/.test(line)),
			'the conmon row in Japanese, with the code',
		);
		assertFooter(footerLine(rendered));
	});

	test('at 40×12 every line fits and the footer keeps help and quit', async () => {
		const { rendered } = await renderApp(japaneseState(), { columns: 40, rows: 12 });
		await waitForContent(rendered, 'ウェブサーバー');
		const lines = screenLines(rendered);
		assertFits(lines, 40);
		assert.equal(lines.length, 11, 'one line less than the terminal');
		assertFooter(footerLine(rendered));
	});

	test('the too-small message is in Japanese and fits', async () => {
		const { rendered } = await renderApp(japaneseState(), { columns: 39, rows: 12 });
		await waitForContent(rendered, '端末が小さすぎます');
		assertFits(screenLines(rendered), 39);
	});
});

describe('overlays in Japanese', () => {
	test('the help lists every key with its Japanese text, descriptions in one column', async () => {
		const { rendered } = await renderApp(japaneseState(), { columns: 100, rows: 24 });
		await sendInputAndWaitForContent(rendered, '?', t('help.title'));
		const lines = screenLines(rendered);
		assertFits(lines, 100);
		const starts = new Set(
			keyHelp().map(({ keys, does }) => {
				const line = lines.find((l) => l.includes(does));
				assert.ok(line, `"${does}" (${keys}) in the help:\n${lines.join('\n')}`);
				return columnOf(line, does);
			}),
		);
		assert.equal(starts.size, 1, 'every description starts in the same column');
		assert.ok(
			lines.some((line) => line.includes('キーが実行する podman コマンドは')),
			`the closing note:\n${lines.join('\n')}`,
		);
		assertFooter(footerLine(rendered));
	});

	test("a container's details: podman's view, /proc's, and the generations table with aligned columns", async () => {
		const { rendered } = await renderApp(japaneseState(), { columns: 80, rows: 24 });
		await sendInputAndWaitForContent(rendered, ENTER, 'このセッションで見た conmon の世代');
		const lines = screenLines(rendered);
		assertFits(lines, 80);
		assert.ok(lines.some((line) => line.includes('podman の情報: 状態 running、PID 5005、conmon PID 5000')));
		assert.ok(lines.some((line) => line.includes('/proc の情報: conmon 5000、コンテナの PID 5005')));
		const heading = lines.find((line) => line.includes('コンテナ PID')) ?? '';
		const row = lines.find((line) => line.includes('1 回目')) ?? '';
		assert.equal(columnOf(row, '5000'), columnOf(heading, 'conmon'), `the conmon column lines up:\n${heading}\n${row}`);
		assert.equal(columnOf(row, '5005'), columnOf(heading, 'コンテナ PID'), `the container PID column lines up:\n${heading}\n${row}`);
	});

	test("a conmon's details: its arguments explained, the labels in one column", async () => {
		const { rendered } = await renderApp(japaneseState(), { columns: 100, rows: 30 });
		await sendInput(rendered, ARROW_RIGHT);
		await sendInputAndWaitForContent(rendered, ENTER, 'このコンテナの 1 回目の起動');
		const lines = screenLines(rendered);
		assertFits(lines, 100);
		assert.ok(lines.some((line) => line.includes('親: PID 1')));
		const runtime = lines.find((line) => line.includes('ランタイム')) ?? '';
		const pidfile = lines.find((line) => line.includes('コンテナの pidfile')) ?? '';
		assert.equal(columnOf(runtime, '/usr/bin/crun'), columnOf(pidfile, '/run/user/'), `values in one column:\n${runtime}\n${pidfile}`);
		assert.ok(lines.some((line) => line.includes('OCI ランタイム。conmon がその create を実行し')));
	});
});
