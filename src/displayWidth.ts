import stringWidth from 'string-width';

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

const segmenter = new Intl.Segmenter();

/** User-perceived characters: a base letter and its combining marks, an emoji sequence. */
function segments(text: string): string[] {
	return Array.from(segmenter.segment(text), (s) => s.segment);
}
