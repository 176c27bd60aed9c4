import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { displayWidth, fitToWidth, truncateToWidth } from '../../src/displayWidth.js';

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
});
