/**
 * Outside text (container names, commands and images, /proc argv and comm, podman's messages,
 * event attributes) made safe to draw. A terminal obeys control characters: an OSC sequence in a
 * container's command sets the viewer's window title or writes the clipboard (OSC 52), a CSI
 * clears the screen, C1 0x9b is a one-byte CSI, and the bidi controls reorder what is shown
 * (Trojan Source). Each such character becomes a visible escape instead, as htop and ps do.
 *
 * Backslash itself is left alone: the escapes are for reading, not for parsing back, and
 * escaping an already escaped text changes nothing (the function is idempotent).
 */

/** The C0 controls people know by a letter. */
const NAMED: Readonly<Record<number, string>> = { 27: '\\e', 9: '\\t', 10: '\\n', 13: '\\r', 0: '\\0' };

/** C0, DEL, C1, the bidi embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** The same, with newline allowed: text of several lines whose line breaks are its own. */
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(char: string): string {
	const code = char.charCodeAt(0);
	const named = NAMED[code];
	if (named !== undefined) return named;
	if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
	return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * The most characters of one outside string that are drawn: no terminal row is wider. A process
 * may have a command line of megabytes (ARG_MAX); measured and cut whole on every frame, 100 KiB
 * of it froze the screen.
 */
export const MAX_DRAWN_CHARS = 4096;

/**
 * One line of outside text, safe to draw: every control (tab and newline too) and bidi control
 * becomes a visible escape such as `\e`, `\t`, `\n`, `\x9b` or `\u202e`, and a text longer than
 * {@link MAX_DRAWN_CHARS} is cut there with …. Measure and cut the result, not the input: the
 * escapes take columns.
 */
export function safeText(text: string): string {
	const drawn = text.length > MAX_DRAWN_CHARS ? `${text.slice(0, MAX_DRAWN_CHARS)}…` : text;
	return drawn.replace(UNSAFE, escapeChar);
}

/** Text of several lines (a `--once` tree, a transcript): like {@link safeText}, but its newlines stay line breaks. */
export function safeLines(text: string): string {
	return text.replace(UNSAFE_BUT_NEWLINE, escapeChar);
}

/** What JSON.stringify leaves raw although a terminal acts on it: DEL, C1 and the bidi controls. */
const RAW_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with no raw control character in it: JSON.stringify escapes C0 itself, but writes
 * DEL, C1 (U+0085, U+009B) and the bidi controls as they are. Inside a JSON string a `\uXXXX`
 * escape reads back as the same character, so the data stays exact; outside strings JSON has
 * none of these characters.
 */
export function safeJson(json: string): string {
	return json.replace(RAW_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
