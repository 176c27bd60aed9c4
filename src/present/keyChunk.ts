import type { Key } from 'ink';

/** One key press: what ink's `useInput` would hand over had the key arrived alone. */
export interface KeyPress {
	input: string;
	key: Key;
}

/** A key with no flag set: the base of every key split out of a chunk. */
const NO_FLAGS: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

/**
 * The keys in one read from the terminal. ink splits escape sequences (arrows, PgUp…) from the
 * rest, but hands printable text and control bytes that arrive together as one `input`: `ss`
 * typed fast, `kx` over a laggy ssh, four Backspaces, a pasted `/web⏎`. Each of those is a key
 * of its own; this splits them one by one (a user-perceived character each), as ink's own parser
 * names them alone (Enter, Tab, Backspace, Delete, Ctrl-letter). A lone key, or a key ink already
 * named (an arrow, Escape, Alt+letter), is returned as it came.
 */
export function splitKeys(input: string, key: Key): KeyPress[] {
	const characters = Array.from(input);
	if (characters.length <= 1 || namedKey(key)) return [{ input, key }];
	return characters.map(keyOfCharacter);
}

/** Whether ink recognised the chunk as one named key: then it is one key, whatever its `input`. */
function namedKey(key: Key): boolean {
	return key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end || key.escape || key.meta;
}

/** One character as ink names it when it arrives alone (ink's parse-keypress, legacy protocol). */
function keyOfCharacter(char: string): KeyPress {
	switch (char) {
		case '\r':
		case '\n':
			return { input: '', key: { ...NO_FLAGS, return: true } };
		case '\t':
			return { input: '', key: { ...NO_FLAGS, tab: true } };
		case '\b':
			return { input: '', key: { ...NO_FLAGS, backspace: true } };
		case '\u007F':
			return { input: '', key: { ...NO_FLAGS, delete: true } };
	}
	const code = char.codePointAt(0) ?? 0;
	// Ctrl-A … Ctrl-Z arrive as bytes 1 … 26: ink gives the letter with ctrl set (Ctrl-C quits).
	if (code >= 1 && code <= 26) return { input: String.fromCharCode(code + 96), key: { ...NO_FLAGS, ctrl: true } };
	if (code < 32) return { input: '', key: { ...NO_FLAGS } };
	return { input: char, key: { ...NO_FLAGS, shift: /[A-Z]/.test(char) } };
}
