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
