import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inkModuleBothWays } from '../helpers/patchedInk.js';

/**
 * The bundle bounds Ink's memory of measured texts (scripts/inkPatches.mjs, measuredTextsBounded).
 * This measures texts with Ink's own measure-text and with the one bundled with the bundle's
 * plugins, and compares the sizes; a size object handed back again is one remembered.
 */

type MeasureText = (text: string) => { width: number; height: number };

/** More distinct texts than the bound. */
const TEXTS = 3_000;

describe('the bundle’s patched Ink measure-text', () => {
	let patched: MeasureText;
	let inks: MeasureText;
	let dispose: (() => Promise<void>) | undefined;

	before(async () => {
		({ patched, inks, dispose } = await inkModuleBothWays<MeasureText>('measure-text.js'));
	});

	after(async () => {
		await dispose?.();
	});

	test('gives the sizes Ink gives: empty, one line, several lines, wide characters, escapes', () => {
		const texts = ['', 'web', '▶ \u001B[2m├─ \u001B[22m\u001B[32m● \u001B[39mウェブ', 'a\nbb\nccc', '日本\n\n👩‍💻 x'];
		for (let i = 0; i < TEXTS; i++) texts.push(`${'─'.repeat(i % 7)}row ${i}\n${'日'.repeat(i % 5)}`);
		for (const text of texts) assert.deepEqual(patched(text), inks(text), JSON.stringify(text));
	});

	test('forgets the texts of long ago, where Ink keeps every one', () => {
		const first = 'the first tree of the session\n  ├─ conmon';
		const patchedFirst = patched(first);
		const inksFirst = inks(first);
		assert.equal(patched(first), patchedFirst, 'remembered while recent');
		for (let i = 0; i < TEXTS; i++) {
			patched(`a later tree ${i}`);
			inks(`a later tree ${i}`);
		}
		assert.equal(inks(first), inksFirst, 'Ink still holds it');
		assert.notEqual(patched(first), patchedFirst, 'measured again: it was let go');
		assert.deepEqual(patched(first), patchedFirst);
	});
});
