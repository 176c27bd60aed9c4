/**
 * Splits a `--command` value into argv words the way a shell would split them, with
 * '…' and "…" quoting and backslash escapes, and nothing else: no variables, globs or
 * operators, and nothing is ever run through a shell. `sh -c 'exit 3'` → [sh, -c, exit 3].
 * Throws on an unterminated quote.
 */
export function splitCommandWords(text: string): string[] {
	const words: string[] = [];
	let word = '';
	let inWord = false;
	let quote: '"' | "'" | undefined;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i] ?? '';
		if (quote) {
			if (ch === quote) quote = undefined;
			else if (ch === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
			else word += ch;
		} else if (ch === "'" || ch === '"') {
			quote = ch;
			inWord = true;
		} else if (ch === '\\' && i + 1 < text.length) {
			word += text[++i];
			inWord = true;
		} else if (/\s/.test(ch)) {
			if (inWord) words.push(word);
			word = '';
			inWord = false;
		} else {
			word += ch;
			inWord = true;
		}
	}
	if (quote) throw new Error(`unterminated ${quote} quote in: ${text}`);
	if (inWord) words.push(word);
	return words;
}

/** Characters a shell reads as they are: a word made only of these needs no quotes. */
const PLAIN_WORD = /^[\p{L}\p{N}_@%+=:,./-]+$/u;

/**
 * A command's words as one line a person can read back into the same words (the inverse of
 * splitCommandWords): a word with a space or a shell character is single-quoted, so that
 * `sh -c 'sleep 3; exit 3'` does not read as `sh -c sleep 3; exit 3`, and a PID written after
 * it is not taken for an argument.
 */
export function quoteCommandWords(words: readonly string[]): string {
	return words.map((word) => (PLAIN_WORD.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`)).join(' ');
}
