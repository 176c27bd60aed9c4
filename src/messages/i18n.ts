import { CATALOGUES, LANGUAGES, type Language, type MessageKey } from './catalogues.js';

export type { Language, MessageKey };

/** Values for a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

let current: Language = 'en';

/** Chooses the language of every text from now on (set once at start; tests switch it). */
export function setLanguage(language: Language): void {
	current = language;
}

/** The language texts are in now. */
export function currentLanguage(): Language {
	return current;
}

/**
 * A message in the current language, its `{name}` placeholders filled from `params`.
 * `{name|one:word|other:words}` is the word that agrees with the number in `params.name`, chosen
 * by the language's own plural rules (Intl.PluralRules): English has `one` and `other`, Japanese
 * only `other` (so its catalogue writes one form and needs no such placeholder). A category the
 * message does not list falls back to `other`; a value that is not a number (a test's marker) is `other`.
 */
export function t(key: MessageKey, params: MessageParams = {}): string {
	const text = CATALOGUES[current][key];
	return text
		.replace(/\{(\w+)((?:\|\w+:[^|}]*)+)\}/g, (whole, name: string, forms: string) => (name in params ? pluralForm(forms, params[name]) : whole))
		.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const pluralRules = new Map<Language, Intl.PluralRules>();

/** The form, out of `|one:word|other:words`, that agrees with `value` in the current language. */
function pluralForm(forms: string, value: string | number | undefined): string {
	const byCategory = new Map(
		forms
			.slice(1)
			.split('|')
			.map((form) => {
				const colon = form.indexOf(':');
				return [form.slice(0, colon), form.slice(colon + 1)] as const;
			}),
	);
	let rules = pluralRules.get(current);
	if (!rules) {
		rules = new Intl.PluralRules(current);
		pluralRules.set(current, rules);
	}
	const count = typeof value === 'number' ? value : Number(value);
	const category = Number.isFinite(count) ? rules.select(count) : 'other';
	return byCategory.get(category) ?? byCategory.get('other') ?? '';
}

/** True for a language this program has a catalogue for. */
export function isLanguage(value: string): value is Language {
	return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language the environment asks for, as POSIX orders it: LC_ALL, then LC_MESSAGES, then
 * LANG; the first one set decides. `ja_JP.UTF-8`, `ja` and the like mean Japanese; anything
 * else (C, POSIX, en_US.UTF-8, unset) means English.
 */
export function languageFromEnv(env: Readonly<Record<string, string | undefined>>): Language {
	const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((value) => value !== undefined && value !== '');
	return locale !== undefined && /^ja(?:[_.@-]|$)/i.test(locale) ? 'ja' : 'en';
}
