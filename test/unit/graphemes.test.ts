import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tokenize } from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import { graphemeSegments, ONE_COLUMN_EACH, OWN_CLUSTER_EACH } from '../../src/present/graphemes.js';
import { bundleModule, inkPatches, seededRandom } from '../helpers/patchedInk.js';

const icu = new Intl.Segmenter();
const icuClusters = (text: string): Intl.SegmentData[] => [...icu.segment(text)];

/** Every BMP character below the CJK blocks that is segmented without ICU. */
function ownClusterCharacters(): string[] {
	const found: string[] = [];
	for (let code = 0; code <= 0x2fff; code++) {
		const char = String.fromCodePoint(code);
		if (OWN_CLUSTER_EACH.test(char)) found.push(char);
	}
	return found;
}

/** Pieces that ICU joins or splits its own way: CR LF, combining marks, emoji sequences, flags, jamo, Japanese. */
const HARD_PIECES = [
	'\r\n',
	'\r',
	'e\u0301',
	'n\u0303',
	'👍',
	'👍🏽',
	'👩‍💻',
	'🇯🇵',
	'⚠\uFE0F',
	'1\uFE0F\u20E3',
	'\u1100\u1161\u11A8',
	'가',
	'ア',
	'ｶﾞ',
	'日本',
	'\u200D',
	'\u00AD',
];
/** Pieces the fast path keeps: a tree row's characters, escapes. */
const ROW_PIECES = [
	'a',
	'web',
	' ',
	'├─',
	'└─',
	'│',
	'●',
	'▶',
	'★',
	'✝',
	'…',
	'⚠',
	'\u001B[32m',
	'\u001B[39m',
	'\u001B[7m',
	'\u0007',
	'\u009B',
	'\n',
	'é',
	'·',
];

/** The libraries that make a segmenter, as the test loads them: from node_modules, and bundled with the patch. */
type Libraries = { stringWidth: typeof stringWidth; sliceAnsi: typeof sliceAnsi; tokenize: typeof tokenize; wrapAnsi: typeof wrapAnsi };

describe('grapheme clusters without ICU', () => {
	test('every character of the one-column fast path is one column and its own cluster', () => {
		let checked = 0;
		for (let code = 0; code <= 0x2fff; code++) {
			const char = String.fromCodePoint(code);
			if (!ONE_COLUMN_EACH.test(char)) continue;
			checked++;
			assert.equal(stringWidth(char), 1, `U+${code.toString(16)} is one column`);
			assert.ok(OWN_CLUSTER_EACH.test(char), `U+${code.toString(16)} is segmented without ICU`);
		}
		assert.ok(checked > 500, `the fast path covers the tree's glyphs (${checked} characters)`);
	});

	test('every character segmented without ICU is a cluster of its own beside any other, as ICU says', () => {
		const chars = ownClusterCharacters();
		assert.ok(chars.includes('\u001B') && chars.includes('─') && !chars.includes('\r'), 'escapes and box drawing in, CR out');
		// Cluster boundaries between such characters depend on the pair only (UAX #29: the rules
		// that look further need a ZWJ or a regional indicator, neither of which is in the set).
		for (const char of chars) {
			const text = chars.map((other) => char + other).join('');
			assert.equal(icuClusters(text).length, text.length, `U+${char.codePointAt(0)?.toString(16)} joins no neighbour`);
		}
	});

	test('the same clusters, indices and containing() as ICU for rows, escapes and hard text', () => {
		const random = seededRandom(2026);
		for (let round = 0; round < 3000; round++) {
			const pieces = random() < 0.5 ? ROW_PIECES : [...ROW_PIECES, ...HARD_PIECES];
			const length = Math.floor(random() * 12);
			const text = Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join('');
			const ours = graphemeSegments(text);
			const label = JSON.stringify(text);
			assert.deepEqual([...ours], icuClusters(text), label);
			const theirs = icu.segment(text);
			for (const index of [-1, 0, 0.5, Number.NaN, 1, Math.floor(text.length / 2), text.length - 1, text.length, text.length + 3]) {
				assert.deepEqual(ours.containing(index), theirs.containing(index), `${label} containing(${index})`);
			}
			assert.deepEqual(ours.containing(), theirs.containing(), `${label} containing()`);
		}
	});

	test('the bundled Ink tokenizer, string-width, slice-ansi and wrap-ansi make no segmenter for a row, and answer as themselves', async () => {
		const scratch = await mkdtemp(path.join(tmpdir(), 'conmon-tui-graphemes-'));
		const made: unknown[] = [];
		const OriginalSegmenter = Intl.Segmenter;
		// The global, writable as the standard has it (TypeScript's lib says read-only).
		const intl = Intl as { Segmenter: typeof Intl.Segmenter };
		try {
			// Each library by its own file: `string-width` by name is the bundle's cached one (rememberedStringWidth).
			const file = (specifier: string): string => fileURLToPath(import.meta.resolve(specifier));
			const source = [
				`export { default as stringWidth } from ${JSON.stringify(file('string-width'))};`,
				`export { default as sliceAnsi } from ${JSON.stringify(file('slice-ansi'))};`,
				`export { tokenize } from ${JSON.stringify(file('@alcalzone/ansi-tokenize'))};`,
				// Ink's wrap-ansi, with its own string-width (7, not 8).
				`export { default as wrapAnsi } from ${JSON.stringify(file('wrap-ansi'))};`,
			].join('\n');
			const { graphemesWhenNeeded } = await inkPatches();
			const bundled = await bundleModule(scratch, source, [graphemesWhenNeeded]);
			// Counted from before the bundle loads: a library making its segmenter as it loads counts.
			intl.Segmenter = class extends OriginalSegmenter {
				constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
					super(...args);
					made.push(args);
				}
			};
			const libraries = (await import(bundled)) as Libraries;
			const row = '▶ \u001B[7m\u001B[2m├─\u001B[22m ● web  conmon 4242  Up 5s ★ new …\u001B[27m';
			const answers = (lib: Libraries, text: string) => ({
				width: lib.stringWidth(text),
				cut: lib.sliceAnsi(text, 2, 12),
				tokens: lib.tokenize(text),
				wrapped: lib.wrapAnsi(text, 9, { hard: true }),
			});
			const own: Libraries = { stringWidth, sliceAnsi, tokenize, wrapAnsi };
			assert.deepEqual(answers(libraries, row), answers(own, row));
			assert.equal(made.length, 0, 'no segmenter made for a row');
			const japanese = 'コンテナ e\u0301 👩‍💻 \u001B[31m停止\u001B[39m';
			assert.deepEqual(answers(libraries, japanese), answers(own, japanese));
			assert.equal(made.length, 1, 'one segmenter, made when a text needed it, shared by all');
		} finally {
			intl.Segmenter = OriginalSegmenter;
			await rm(scratch, { recursive: true, force: true });
		}
	});
});
