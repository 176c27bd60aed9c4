/**
 * t() cuts each message into pieces once (src/messages/messagePieces.ts) instead of running two
 * regular expressions over it at every call. The algorithm it replaced is kept here, as it was, and
 * both fill every message of both catalogues with the same values: numbers that take different
 * plural forms, texts, a number as text, text that looks like a placeholder, and missing values.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CATALOGUES, LANGUAGES, type Language, type MessageKey } from '../../src/messages/catalogues.js';
import { type MessageParams, setLanguage, t } from '../../src/messages/i18n.js';
import { fillPieces, messagePieces } from '../../src/messages/messagePieces.js';

/** The t() of before, word for word, for one language. */
function referenceT(language: Language, key: MessageKey, params: MessageParams = {}): string {
	const text = CATALOGUES[language][key];
	return text
		.replace(/\{(\w+)((?:\|\w+:[^|}]*)+)\}/g, (whole, name: string, forms: string) =>
			name in params ? referencePluralForm(language, forms, params[name]) : whole,
		)
		.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function referencePluralForm(language: Language, forms: string, value: string | number | undefined): string {
	const byCategory = new Map(
		forms
			.slice(1)
			.split('|')
			.map((form) => {
				const colon = form.indexOf(':');
				return [form.slice(0, colon), form.slice(colon + 1)] as const;
			}),
	);
	const rules = new Intl.PluralRules(language);
	const count = typeof value === 'number' ? value : Number(value);
	const category = Number.isFinite(count) ? rules.select(count) : 'other';
	return byCategory.get(category) ?? byCategory.get('other') ?? '';
}

/** Every name a message's placeholders ask for, plain and plural. */
function names(text: string): string[] {
	return [...new Set([...text.matchAll(/\{(\w+)[|}]/g)].map((m) => m[1] ?? ''))];
}

const VALUES: readonly (string | number)[] = [0, 1, 2, 5, 21, 1.5, -1, 'web', '', '1', '{name}', '日本語', 'a|b}'];

/** The params a message is filled with: each value for every name, values mixed, every other name missing, none. */
function paramSets(text: string): MessageParams[] {
	const keys = names(text);
	const sets: MessageParams[] = [{}];
	for (const value of VALUES) sets.push(Object.fromEntries(keys.map((name) => [name, value])));
	for (let shift = 0; shift < VALUES.length; shift++) {
		sets.push(Object.fromEntries(keys.map((name, i) => [name, VALUES[(i + shift) % VALUES.length] ?? ''])));
		sets.push(Object.fromEntries(keys.flatMap((name, i) => (i % 2 === shift % 2 ? [[name, VALUES[(i + shift) % VALUES.length] ?? '']] : []))));
	}
	return sets;
}

describe('t() with messages cut into pieces once', () => {
	test('fills every message of both catalogues as the two regular expressions did', () => {
		let compared = 0;
		try {
			for (const language of LANGUAGES) {
				setLanguage(language);
				for (const key of Object.keys(CATALOGUES[language]) as MessageKey[]) {
					const text = CATALOGUES[language][key];
					for (const params of paramSets(text)) {
						assert.equal(t(key, params), referenceT(language, key, params), `${language} ${key} ${JSON.stringify(params)}`);
						compared++;
					}
					assert.equal(t(key), referenceT(language, key), `${language} ${key} without params`);
				}
			}
		} finally {
			setLanguage('en');
		}
		assert.ok(compared > 1000, `${compared} fillings compared`);
	});

	test('a missing value leaves its placeholder as written, plural or plain', () => {
		const rules = new Intl.PluralRules('en');
		const pieces = messagePieces('{n} {n|one:conmon|other:conmons} of {who}');
		assert.equal(fillPieces(pieces, {}, rules), '{n} {n|one:conmon|other:conmons} of {who}');
		assert.equal(fillPieces(pieces, { n: 1 }, rules), '1 conmon of {who}');
		assert.equal(fillPieces(pieces, { n: 3, who: 'web' }, rules), '3 conmons of web');
		assert.equal(fillPieces(pieces, { n: 'many', who: 'web' }, rules), 'many conmons of web', 'not a number: other');
	});

	test('a value is put in as it is, never read again as a placeholder', () => {
		const pieces = messagePieces('{a} and {b}');
		assert.equal(fillPieces(pieces, { a: '{b}', b: 'x' }, new Intl.PluralRules('en')), '{b} and x');
	});

	test('a category the message does not list takes its other form; text around braces stays text', () => {
		const rules = new Intl.PluralRules('en');
		assert.equal(fillPieces(messagePieces('{n|few:a|other:b}'), { n: 1 }, rules), 'b');
		assert.equal(fillPieces(messagePieces("--format '{{.Pid}}' {x}"), { x: 1 }, rules), "--format '{{.Pid}}' 1");
	});
});
