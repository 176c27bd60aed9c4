import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inkModuleBothWays, seededRandom } from '../helpers/patchedInk.js';

/**
 * The bundle returns a string of plain characters and SGR sequences from Ink's sanitizer at once,
 * without tokenizing it (scripts/inkPatches.mjs, sgrOnlyTextKept). This runs Ink's own sanitizer
 * and the one bundled with the bundle's plugins over seeded random strings made of every kind of
 * piece the tokenizer tells apart, and compares what each returns, byte for byte.
 */

type Sanitize = (text: string) => string;

const ESC = '\u001B';
/** Pieces: text (Japanese, emoji), SGR as chalk writes it and in other spellings, other CSI, OSC, C1 controls, broken escapes. */
const PIECES = [
	'web',
	' ',
	'日本',
	'👩‍💻',
	'─┬',
	`${ESC}[31m`,
	`${ESC}[1m`,
	`${ESC}[22m`,
	`${ESC}[39m`,
	`${ESC}[m`,
	`${ESC}[38;2;255;136;0m`,
	`${ESC}[38:5:22m`,
	`${ESC}[2J`,
	`${ESC}[?25l`,
	`${ESC}[31 m`,
	`${ESC}[31<m`,
	`${ESC}[`,
	ESC,
	`${ESC}${ESC}`,
	`${ESC}]8;;https://example.com${ESC}\\`,
	`${ESC}]0;title\u0007`,
	`${ESC}P1$r${ESC}\\`,
	`${ESC}c`,
	'\u009B31m',
	'\u009D0;title\u009C',
	'\u0085',
	'\u0007',
	'm',
	'[',
	'31',
];

const STRINGS = 20_000;

describe('the bundle’s patched Ink sanitizer', () => {
	let patched: Sanitize;
	let inks: Sanitize;
	let dispose: (() => Promise<void>) | undefined;

	before(async () => {
		({ patched, inks, dispose } = await inkModuleBothWays<Sanitize>('sanitize-ansi.js'));
	});

	after(async () => {
		await dispose?.();
	});

	test('is a different copy of the sanitizer from Ink’s own (the patch is applied)', () => {
		assert.notEqual(patched, inks);
		assert.match(patched.toString(), /notPlainOrSgr/);
	});

	test('a row as Ink’s Texts colour it comes back as it went in; a cursor move is still taken out', () => {
		const row = `▶ ${ESC}[2m├─ ${ESC}[22m${ESC}[7m${ESC}[32m●${ESC}[39m ${ESC}[1mweb${ESC}[22m${ESC}[27m`;
		assert.equal(patched(row), row);
		assert.equal(patched(`a${ESC}[2Jb${ESC}[31mc`), `ab${ESC}[31mc`);
		assert.equal(patched('a\u009B2Jb'), 'ab');
	});

	test(`returns what Ink’s own returns, ${STRINGS} seeded random strings`, () => {
		const random = seededRandom(20261202);
		let sgrOnly = 0;
		for (let n = 0; n < STRINGS; n++) {
			const count = 1 + Math.floor(random() * 8);
			let text = '';
			for (let i = 0; i < count; i++) text += PIECES[Math.floor(random() * PIECES.length)] ?? '';
			const expected = inks(text);
			if (expected === text) sgrOnly++;
			assert.equal(JSON.stringify(patched(text)), JSON.stringify(expected), `string ${n}: ${JSON.stringify(text)}`);
		}
		// Both paths were taken: strings Ink keeps whole (the fast path's) and strings it changes.
		assert.ok(sgrOnly > STRINGS / 20 && sgrOnly < STRINGS - STRINGS / 20, `${sgrOnly} of ${STRINGS} kept whole`);
	});
});
