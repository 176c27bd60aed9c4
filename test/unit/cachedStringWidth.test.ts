import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import stringWidth from 'string-width';
import cachedStringWidth from '../../src/present/cachedStringWidth.js';

describe('the bundle’s string width', () => {
	test('the same widths as string-width: rows with colours, wide, combined and escaped text', () => {
		const texts = [
			'',
			'plain ascii',
			'\u001B[32m● \u001B[39m\u001B[1mweb\u001B[22m  └─ conmon 1234  Up 5s …',
			'▶ \u001B[7m\u001B[2m├─\u001B[22m sleep infinity\u001B[27m',
			'コンテナ 起動 ● web',
			'\u001B[31mコンテナ\u001B[39m',
			'e\u0301 combined',
			'⚠\uFE0F warning emoji',
			'👍 thumbs',
			'soft\u00ADhyphen',
			'\u001B]8;;http://x\u0007link\u001B]8;;\u0007',
			'\u009B31mcsi',
			'tab\there',
		];
		for (const text of texts) assert.equal(cachedStringWidth(text), stringWidth(text), JSON.stringify(text));
	});
});
