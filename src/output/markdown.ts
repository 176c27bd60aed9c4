/**
 * Plain text inside Markdown: data (container names, podman's messages, commands) must come
 * out as the same characters, never as emphasis, links, HTML, headings or a broken code span.
 */

/**
 * Characters that can start or end inline markup anywhere in a line (CommonMark allows `\` before
 * any ASCII punctuation). An underscore inside a word never does, and container names are full of
 * them (`cool_noyce`): left alone there, the file reads well as plain text too.
 */
const INLINE_SPECIAL = /[\\`*[\]<>|~&]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

/** A first character that could open a block: heading, list, thematic break, setext underline (`>` and `*` are inline-escaped already). */
const BLOCK_START = /^[#+=-]/;

/** An ordered list marker: `1.` or `1)`. */
const ORDERED_START = /^(\d{1,9})([.)])/;

/** One line of text for a list item or a heading: escaped, newlines and indentation folded to single spaces. */
export function markdownInline(text: string): string {
	return text.replace(/\s*\n\s*/g, ' ').replace(INLINE_SPECIAL, '\\$&');
}

/**
 * A paragraph of text: each line escaped and trimmed (four spaces would open a code block),
 * and a line that would start a block is escaped at its start. Blank lines stay paragraph breaks.
 */
export function markdownParagraph(text: string): string {
	return text
		.trim()
		.split('\n')
		.map((line) => line.trim().replace(INLINE_SPECIAL, '\\$&').replace(BLOCK_START, '\\$&').replace(ORDERED_START, '$1\\$2'))
		.join('\n');
}

/**
 * A code span that shows `text` exactly: the fence is one backtick longer than the longest run
 * inside it, and a space pads text that starts or ends with a backtick (CommonMark strips one).
 * A code span cannot hold a line break; one becomes a space.
 */
export function codeSpan(text: string): string {
	const flat = text.replace(/\r?\n/g, ' ');
	const fence = '`'.repeat(longestBacktickRun(flat) + 1);
	const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
	return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced code block that no line of `text` can close early. */
export function fencedBlock(text: string, info = 'text'): string {
	const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
	return `${fence}${info}\n${text}\n${fence}`;
}

function longestBacktickRun(text: string): number {
	return Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
}
