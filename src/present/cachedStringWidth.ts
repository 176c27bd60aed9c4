import stringWidth from 'string-width';
import { ONE_COLUMN_EACH } from './graphemes.js';

/**
 * How many texts the cache remembers before it starts again: a screen holds about a hundred
 * distinct texts, and a frame re-measures the same ones; the bound keeps a long session's ever
 * new ages and times from piling up.
 */
const CACHE_LIMIT = 4096;

const widths = new Map<string, number>();

/** Ink's colours and attributes: SGR sequences, which take no column. */
const ESC = String.fromCharCode(0x1b);
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');

/**
 * The width string-width gives, without its grapheme segmenter when every character is in
 * ONE_COLUMN_EACH (a tree row with its guide, glyph and marker: string-width segments it
 * character by character). Any other escape or character: string-width itself.
 */
function measuredWidth(text: string): number {
	const plain = text.includes(ESC) ? text.replace(SGR, '') : text;
	if (!plain.includes(ESC) && !plain.includes('\u009B') && ONE_COLUMN_EACH.test(plain)) return plain.length;
	return stringWidth(text);
}

/**
 * string-width, remembered per text. Ink measures every text node's width again at every frame
 * (widest-line, from scratch, no cache), and a row with a box-drawing character or a glyph (└─ ● ▶)
 * takes string-width's slow path (a grapheme segmenter) for each of its characters: that was a
 * third of a frame's CPU. The bundle (scripts/bundle.mjs) hands this function to every module that
 * imports string-width, Ink's included; the answer is the same, remembered, and found without the
 * segmenter where every character is one column (measuredWidth).
 */
export default function cachedStringWidth(text: string, options?: Parameters<typeof stringWidth>[1]): number {
	// Options change the answer: those calls (none in Ink's drawing) are not cached.
	if (options !== undefined) return stringWidth(text, options);
	let width = widths.get(text);
	if (width === undefined) {
		width = measuredWidth(text);
		if (widths.size >= CACHE_LIMIT) widths.clear();
		widths.set(text, width);
	}
	return width;
}
