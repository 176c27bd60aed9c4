import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { setLanguage } from '../../src/messages/i18n.js';
import type { Container } from '../../src/model/container.js';
import { displayWidth } from '../../src/present/displayWidth.js';
import { containerStatus, ordinal } from '../../src/present/format.js';
import { footerText } from '../../src/present/keyHelp.js';
import { containerColumnWidths } from '../../src/present/treeColumns.js';
import { makeContainer } from '../helpers/fixtureState.js';

const NOW = Date.parse('2026-11-29T16:58:15Z');

function container(name: string, image: string, command: string[], over: Partial<Container> = {}): Container {
	return makeContainer({
		id: `${name}-id`.padEnd(64, '0'),
		name,
		image,
		command,
		exitCode: undefined,
		createdAt: NOW - 60_000,
		startedAt: NOW - 4_000,
		restartCount: undefined,
		...over,
	});
}

afterEach(() => setLanguage('en'));

describe('ordinals and statuses in both languages', () => {
	test('English ordinals follow English rules; Japanese counts with 回目', () => {
		assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal), [
			'1st',
			'2nd',
			'3rd',
			'4th',
			'11th',
			'12th',
			'13th',
			'21st',
			'22nd',
			'23rd',
			'101st',
			'111th',
		]);
		setLanguage('ja');
		assert.deepEqual([1, 2, 11].map(ordinal), ['1 回目', '2 回目', '11 回目']);
	});

	test("a container's status, like podman ps in English, in Japanese words otherwise", () => {
		const exited = container('a', 'i', ['c'], { state: 'exited', exitCode: 0, finishedAt: NOW - 5_000 });
		assert.equal(containerStatus(container('a', 'i', ['c']), NOW), 'Up 4s');
		assert.equal(containerStatus(exited, NOW), 'Exited (0) 5s ago');
		assert.equal(containerStatus(container('a', 'i', ['c'], { state: 'created' }), NOW), 'Created');
		setLanguage('ja');
		assert.equal(containerStatus(container('a', 'i', ['c']), NOW), '実行中 4 秒');
		assert.equal(containerStatus(exited, NOW), '5 秒前に終了 (0)', 'the age in Japanese units, before what happened');
		const anHourAgo = container('a', 'i', ['c'], { state: 'exited', exitCode: 137, finishedAt: NOW - 3_900_000 });
		assert.equal(containerStatus(anHourAgo, NOW), '1 時間 05 分前に終了 (137)');
	});
});

describe('layout by display width', () => {
	test('column widths count terminal columns, not characters', () => {
		const widths = containerColumnWidths([container('ウェブ', 'イメージ', ['起動'])], NOW, 200);
		assert.deepEqual(widths, { name: 6, image: 8, command: 4 });
	});

	test('in a narrow terminal the command, then the image, give up columns so that the status fits', () => {
		const wide = container('ウェブサーバー', 'とても長い名前のウェブサーバーのイメージ', ['ウェブサーバーを起動する', '--設定']);
		const natural = containerColumnWidths([wide], NOW, 500);
		assert.deepEqual(natural, { name: 14, image: 30, command: 24 }, 'capped');
		const at80 = containerColumnWidths([wide], NOW, 80);
		const statusWidth = displayWidth(containerStatus(wide, NOW));
		assert.equal(2 + at80.name + 2 + 12 + 2 + at80.image + 2 + at80.command + 2 + statusWidth, 80, 'the row fills the terminal exactly');
		assert.ok(at80.command < natural.command, 'the command gave up columns');
		assert.deepEqual([at80.name, at80.image], [natural.name, natural.image], 'it alone made room');
		const at60 = containerColumnWidths([wide], NOW, 60);
		assert.deepEqual([at60.command, at60.name], [8, natural.name], 'then the image: the command is at its narrowest');
		assert.ok(at60.image < natural.image);
	});

	test('the Japanese footer fits any width and keeps help and quit', () => {
		setLanguage('ja');
		for (const width of [120, 80, 60, 40, 20]) {
			const text = footerText(width);
			assert.ok(displayWidth(text) <= width, `${width}: ${text}`);
			assert.match(text, /\? ヘルプ +q 終了$/, `${width}: ${text}`);
		}
	});
});
