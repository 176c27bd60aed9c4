import stringWidth from 'string-width';
import { graphemeSegments } from './graphemes.js';

/**
 * Columns in the terminal, not UTF-16 code units: a Japanese character takes two columns, an
 * emoji two, a combining mark none. Every layout computation uses this, never `.length`.
 */
export function displayWidth(text: string): number {
	return stringWidth(text);
}

/** Cuts `text` to at most `width` columns, ending in … when something was cut. */
export function truncateToWidth(text: string, width: number): string {
	if (displayWidth(text) <= width) return text;
	if (width <= 0) return '';
	let out = '';
	let used = 0;
	for (const char of segments(text)) {
		const w = displayWidth(char);
		if (used + w > width - 1) break;
		out += char;
		used += w;
	}
	return `${out}…`;
}

/** Pads `text` with spaces to exactly `width` columns, cutting it with … when it is wider. */
export function fitToWidth(text: string, width: number): string {
	const cut = truncateToWidth(text, width);
	return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
}

/**
 * Characters that never start a line in Japanese (kinsoku shori, the basic rule of JIS X 4051):
 * closing punctuation, brackets and quotes, hyphens and the wave dash, ?!, the prolonged sound
 * mark, iteration marks, small kana (their half-width forms too), leaders.
 */
const NO_LINE_START =
	/^[、。，．､｡・･：；？！‼⁇⁈⁉）」』】〕〉》｝］〙〗〟’”｠»｣)\]}‐゠–〜ーｰヽヾゝゞ々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰ-ㇿｧ-ｯ…‥]$/u;

/** Characters that never end a line (the same rule): opening brackets and quotes, which go down with what they open. */
const NO_LINE_END = /^[（「『【〔〈《｛［〘〖〝‘“｟«｢([{]$/u;

/**
 * Wraps text into lines of at most `width` columns. Latin words break at spaces, as a terminal
 * reader expects; Japanese (and other wide) text breaks between any two of its characters, as
 * Japanese is set — a whole Japanese sentence is not one unbreakable "word" — except before a
 * character that must not start a line (。、」…): the character before it goes down with it, so
 * that no line begins with a lone 。; and an opening bracket (「（) never ends a line. A word wider
 * than the line is cut.
 */
export function wrapToWidth(text: string, width: number): string[] {
	const lines: string[] = [];
	let pieces: string[] = [];
	const joined = (): string => pieces.join('');
	for (const token of wrapTokens(text)) {
		if (displayWidth(joined() + token) <= width) {
			pieces.push(token);
			continue;
		}
		const last = pieces.at(-1);
		const carried = NO_LINE_START.test(token) && pieces.length > 1 && last !== undefined && last.trim() !== '' ? [pieces.pop() ?? ''] : [];
		// An opening bracket left at the end of the line goes down with what it opens.
		while (pieces.length > 1 && NO_LINE_END.test(pieces.at(-1) ?? '')) carried.unshift(pieces.pop() ?? '');
		if (joined().trim() !== '') lines.push(joined().trimEnd());
		let rest = [...carried, token].join('').trimStart();
		while (displayWidth(rest) > width) {
			const cut = truncateToWidth(rest, width + 1).slice(0, -1);
			lines.push(cut);
			rest = rest.slice(cut.length);
		}
		pieces = rest === '' ? [] : [rest];
	}
	if (joined().trim() !== '') lines.push(joined().trimEnd());
	return lines;
}

/** Breakable pieces: a run of spaces, a Latin word (with its punctuation), or one wide character. */
function wrapTokens(text: string): string[] {
	return text.match(/\s+|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|./gsu) ?? [];
}

/** User-perceived characters: a base letter and its combining marks, an emoji sequence. */
function segments(text: string): string[] {
	return Array.from(graphemeSegments(text), (s) => s.segment);
}
