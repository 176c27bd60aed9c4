import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { displayWidth, fitToWidth, truncateToWidth, wrapToWidth } from '../../src/present/displayWidth.js';

describe('display width', () => {
	test('a Japanese character takes two columns', () => {
		assert.equal(displayWidth('コンテナ'), 8);
		assert.equal(displayWidth('conmon 起動'), 11);
	});

	test('truncation counts columns and never splits a wide character', () => {
		assert.equal(truncateToWidth('コンテナを実行', 6), 'コン…');
		assert.equal(displayWidth(truncateToWidth('コンテナを実行', 6)), 5);
		assert.equal(truncateToWidth('コンテナ', 8), 'コンテナ');
		assert.equal(truncateToWidth('abcdef', 4), 'abc…');
	});

	test('fitting pads to the exact width', () => {
		assert.equal(displayWidth(fitToWidth('名前', 7)), 7);
		assert.equal(displayWidth(fitToWidth('コンテナを実行', 7)), 7);
		assert.equal(fitToWidth('ab', 4), 'ab  ');
	});

	test('wrapping: Latin breaks at spaces, Japanese between characters, every line within the width', () => {
		assert.deepEqual(wrapToWidth('podman kill sends SIGKILL to the process', 16), ['podman kill', 'sends SIGKILL to', 'the process']);
		const japanese = 'podman kill はコンテナのプロセスに SIGKILL を送ります。conmon は子の死を見て終了コードを記録します。';
		const lines = wrapToWidth(japanese, 30);
		for (const line of lines) assert.ok(displayWidth(line) <= 30, `${line} fits`);
		assert.equal(displayWidth(lines[0] ?? ''), 30, 'the first line is filled, not broken at the last space');
		assert.equal(lines.join('').replaceAll(' ', ''), japanese.replaceAll(' ', ''), 'nothing is lost');
		assert.deepEqual(wrapToWidth('abcdefghij', 4), ['abcd', 'efgh', 'ij'], 'a word wider than the line is cut');
	});

	test('kinsoku: a line never starts with 。、」 and the like; the character before goes down with it', () => {
		// 10 columns hold five wide characters: the sixth, 。, would start the second line alone.
		assert.deepEqual(wrapToWidth('あいうえお。かきくけこ', 10), ['あいうえ', 'お。かきく', 'けこ']);
		assert.deepEqual(wrapToWidth('「再起動」します', 8), ['「再起', '動」しま', 'す']);
		for (const closing of ['』', '】', '〉', '》', '〕', '）', '」', '、', '。', 'ッ', 'ー', '々', '！', '？', '〜', '・']) {
			// Four wide characters fill 8 columns; the fifth must not start the next line alone.
			const lines = wrapToWidth(`あいうえ${closing}かき`, 8);
			assert.notEqual(lines[1]?.[0], closing, `${closing}: ${JSON.stringify(lines)}`);
			assert.equal(lines.join(''), `あいうえ${closing}かき`);
		}
		assert.deepEqual(wrapToWidth('あいうえ「かき', 10), ['あいうえ', '「かき'], 'an opening bracket goes down with what it opens');
		assert.deepEqual(wrapToWidth('あいう『か』', 8), ['あいう', '『か』']);
		for (const width of [7, 8, 9, 10, 11, 13, 17, 21]) {
			const text = '再起動ポリシーです。conmon が終了コードを記録し、podman が「再起動」させます。(-d なし) では【注意】も《見る》。';
			const lines = wrapToWidth(text, width);
			for (const line of lines) {
				assert.ok(displayWidth(line) <= width, `${width}: ${line} fits`);
				assert.doesNotMatch(line, /^[。、」）]/, `${width}: ${JSON.stringify(lines)}`);
				assert.doesNotMatch(line, /[「（]$/, `${width}: no line ends with an opening bracket: ${JSON.stringify(lines)}`);
			}
			assert.equal(lines.join('').replaceAll(' ', ''), text.replaceAll(' ', ''), `${width}: nothing is lost`);
		}
	});
});
