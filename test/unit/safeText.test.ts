import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { displayWidth, truncateToWidth } from '../../src/present/displayWidth.js';
import { MAX_DRAWN_CHARS, safeJson, safeLines, safeText } from '../../src/present/safeText.js';

/** Anything a terminal acts on: C0, DEL, C1, and the bidi embeddings, overrides and isolates. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const BIDI = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];

describe('safeText: outside text made safe to draw', () => {
	test('every byte 0x00-0xff: controls become a visible escape, everything else stays itself', () => {
		for (let code = 0; code <= 0xff; code++) {
			const char = String.fromCharCode(code);
			const out = safeText(char);
			const isControl = code < 0x20 || (code >= 0x7f && code <= 0x9f);
			if (isControl) {
				assert.ok(!CONTROL.test(out), `0x${code.toString(16)} left a control in ${JSON.stringify(out)}`);
				assert.match(out, /^\\(e|t|n|r|0|x[0-9a-f]{2})$/, `0x${code.toString(16)} shown as ${out}`);
			} else {
				assert.equal(out, char, `0x${code.toString(16)} is printable and stays`);
			}
		}
		assert.equal(safeText('\u001b'), '\\e');
		assert.equal(safeText('\t'), '\\t');
		assert.equal(safeText('\n'), '\\n');
		assert.equal(safeText('\u009b'), '\\x9b');
		assert.equal(safeText('\u007f'), '\\x7f');
		assert.equal(safeText('\u0007'), '\\x07');
	});

	test('each bidi control becomes \\uXXXX', () => {
		for (const code of BIDI) {
			assert.equal(safeText(String.fromCharCode(code)), `\\u${code.toString(16)}`);
		}
		assert.equal(safeText('abc\u202edef'), 'abc\\u202edef');
	});

	test('a hostile command line: OSC title, OSC 52, clear screen, SGR, C1 CSI and RLO, all visible, nothing raw', () => {
		const hostile = ': "\u001b]0;PWNED\u0007\u001b]52;c;cHduZWQ=\u0007\u001b[2J\u001b[31mRED\u009b2J\u202eevil"; sleep 1000';
		const out = safeText(hostile);
		assert.ok(!CONTROL.test(out));
		assert.equal(out, ': "\\e]0;PWNED\\x07\\e]52;c;cHduZWQ=\\x07\\e[2J\\e[31mRED\\x9b2J\\u202eevil"; sleep 1000');
	});

	test('idempotent, and ordinary text (Japanese, emoji, backslashes) is left alone', () => {
		const text = 'コンテナ 🐳 C:\\path \\e already';
		assert.equal(safeText(text), text);
		const once = safeText('a\u001bb\nc');
		assert.equal(safeText(once), once);
	});

	test('width and truncation are those of the escaped text', () => {
		const escaped = safeText('\u001b[2J');
		assert.equal(escaped, '\\e[2J');
		assert.equal(displayWidth(escaped), 5);
		// Raw, the same string measures 3 columns (string-width ignores the ESC): the layout would be off.
		assert.equal(displayWidth(safeText('x\u202ey')), 8);
		const cut = truncateToWidth(safeText('sh -c "\u001b]0;PWNED\u0007"'), 12);
		assert.equal(displayWidth(cut), 12);
		assert.ok(!CONTROL.test(cut));
	});

	test('safeLines keeps line breaks and escapes the rest', () => {
		assert.equal(safeLines('a\u001b[2J\nb\tc\u202e'), 'a\\e[2J\nb\\tc\\u202e');
	});
});

describe('safeJson: exact JSON without a raw control character', () => {
	test('JSON.stringify leaves DEL, C1 and bidi raw; safeJson escapes them and the data reads back the same', () => {
		const value = { command: ['sh', '-c', `x\u0085y\u009b2J\u202e\u2066\u007f\u001b]0;t\u0007`] };
		const plain = JSON.stringify(value);
		assert.ok(CONTROL.test(plain), 'JSON.stringify alone leaves C1/bidi raw (the reason for safeJson)');
		const safe = safeJson(plain);
		assert.ok(!CONTROL.test(safe), safe);
		assert.ok(safe.includes('\\u0085') && safe.includes('\\u202e') && safe.includes('\\u009b'));
		assert.deepEqual(JSON.parse(safe), value);
	});

	test('every code point 0x00-0xff and each bidi control survives the round trip', () => {
		const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('') + String.fromCharCode(...BIDI);
		const safe = safeJson(JSON.stringify({ all }, null, 2));
		assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(safe));
		assert.equal((JSON.parse(safe) as { all: string }).all, all);
	});
});

describe('safeText: very long outside text', () => {
	test('is cut at MAX_DRAWN_CHARS with …, so a 100 KiB command line costs no more than a row', () => {
		const out = safeText('y'.repeat(100 * 1024));
		assert.equal(out.length, MAX_DRAWN_CHARS + 1);
		assert.ok(out.endsWith('…'));
	});
});
