import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LESSONS } from '../../src/lessons/lessons.js';
import { CATALOGUES, en, ja, LANGUAGES } from '../../src/messages/catalogues.js';
import { languageFromEnv, setLanguage, t } from '../../src/messages/i18n.js';
import { messagePattern } from '../helpers/messagePattern.js';

/** The `{name}` placeholders of a message, sorted. */
function placeholders(text: string): string[] {
	return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe('message catalogues', () => {
	test('English and Japanese have exactly the same keys', () => {
		const enKeys = Object.keys(en).sort();
		const jaKeys = Object.keys(ja).sort();
		assert.deepEqual(
			enKeys.filter((k) => !jaKeys.includes(k)),
			[],
			'keys only in English',
		);
		assert.deepEqual(
			jaKeys.filter((k) => !enKeys.includes(k)),
			[],
			'keys only in Japanese',
		);
	});

	test('each message has the same placeholders in both languages, and no empty text', () => {
		for (const key of Object.keys(en) as (keyof typeof en)[]) {
			assert.deepEqual(placeholders(ja[key]), placeholders(en[key]), `placeholders of ${key}`);
			for (const [language, catalogue] of Object.entries(CATALOGUES)) {
				assert.notEqual(catalogue[key].trim(), '', `${language} ${key} is empty`);
			}
		}
	});

	test('t() fills placeholders in the chosen language', () => {
		try {
			setLanguage('ja');
			assert.equal(t('lang.name'), '日本語');
			setLanguage('en');
			assert.equal(t('lang.name'), 'English');
		} finally {
			setLanguage('en');
		}
	});

	test("plurals follow the language's own rules (Intl.PluralRules): English one/other, Japanese one form", () => {
		try {
			setLanguage('en');
			assert.equal(t('header.counts', { containers: 1, running: 1, conmons: 1 }), '1 container · 1 running · 1 conmon');
			assert.equal(t('header.counts', { containers: 2, running: 0, conmons: 0 }), '2 containers · 0 running · 0 conmons');
			assert.equal(t('lesson.seen.conmonCount', { count: 1 }), '1 conmon so far');
			assert.equal(t('lesson.seen.conmonCount', { count: 3 }), '3 conmons so far');
			assert.equal(t('lesson.cleanup.met', { count: 1, pids: '7' }), 'removed 1 container; conmon 7 gone with them');
			assert.equal(t('tree.foreign.heading', { count: 1 }).startsWith('? 1 conmon of '), true);
			assert.equal(t('tree.foreign.heading', { count: '1' }).startsWith('? 1 conmon of '), true, 'a number given as text');
			setLanguage('ja');
			assert.equal(t('header.counts', { containers: 1, running: 1, conmons: 1 }), 'コンテナ 1 · 実行中 1 · conmon 1');
			assert.equal(t('header.counts', { containers: 2, running: 0, conmons: 5 }), 'コンテナ 2 · 実行中 0 · conmon 5');
		} finally {
			setLanguage('en');
		}
	});

	test("the e2e tests' message patterns match either plural form, and read the number by name", () => {
		const pattern = messagePattern('lesson.cleanup.met', { count: '\\d+', pids: '[\\d, ]+' });
		assert.equal(pattern.exec(t('lesson.cleanup.met', { count: 1, pids: '7' }))?.groups?.['count'], '1');
		assert.equal(pattern.exec(t('lesson.cleanup.met', { count: 2, pids: '7, 8' }))?.groups?.['pids'], '7, 8');
		assert.doesNotMatch('removed 1 conmons; conmon 7 gone with them', pattern);
	});

	test('no "(s)" plurals and no plural placeholder without an other form; Japanese needs none', () => {
		for (const [key, text] of Object.entries(en)) {
			assert.doesNotMatch(text, /\w\(s\)/, `${key} writes "(s)"`);
			for (const [, forms] of text.matchAll(/\{\w+((?:\|\w+:[^|}]*)+)\}/g)) assert.match(forms ?? '', /\|other:/, `${key} has no other form`);
		}
		for (const [key, text] of Object.entries(ja)) assert.doesNotMatch(text, /\{\w+\|/, `${key}: Japanese has one form`);
	});

	test('the language follows LC_ALL, then LC_MESSAGES, then LANG', () => {
		assert.equal(languageFromEnv({}), 'en');
		assert.equal(languageFromEnv({ LANG: 'ja_JP.UTF-8' }), 'ja');
		assert.equal(languageFromEnv({ LANG: 'ja' }), 'ja');
		assert.equal(languageFromEnv({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'ja_JP.eucJP' }), 'ja');
		assert.equal(languageFromEnv({ LANG: 'ja_JP.UTF-8', LC_ALL: 'C' }), 'en');
		assert.equal(languageFromEnv({ LANG: 'ja_JP.UTF-8', LC_ALL: '' }), 'ja');
		assert.equal(languageFromEnv({ LANG: 'jam' }), 'en');
	});

	test("every lesson step's title, explanation and expectation has its placeholders filled, in both languages", () => {
		try {
			for (const language of LANGUAGES) {
				setLanguage(language);
				for (const lesson of LESSONS) {
					for (const step of lesson.steps) {
						for (const key of [step.title, step.explanation, step.expectation]) {
							assert.doesNotMatch(t(key, step.params), /\{\w+\}/, `${language} ${key}`);
						}
					}
				}
			}
		} finally {
			setLanguage('en');
		}
	});
});
