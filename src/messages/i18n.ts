import { CATALOGUES, LANGUAGES, type Language, type MessageKey } from './catalogues.js';
import { fillPieces, type MessageParams, type MessagePieces, messagePieces } from './messagePieces.js';

export type { Language, MessageKey, MessageParams };

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
	const pieces = piecesOf(current, key);
	// A message without placeholders is one text: nothing to fill.
	if (pieces.length === 1 && typeof pieces[0] === 'string') return pieces[0];
	return fillPieces(pieces, params, pluralRulesOf(current));
}

/**
 * Each language's messages, cut into pieces the first time they are asked for: the tree asks for
 * the same few (its ages, its statuses) for every container at every tick.
 */
const compiled = new Map<Language, Map<MessageKey, MessagePieces>>();

function piecesOf(language: Language, key: MessageKey): MessagePieces {
	let messages = compiled.get(language);
	if (!messages) {
		messages = new Map();
		compiled.set(language, messages);
	}
	let pieces = messages.get(key);
	if (!pieces) {
		pieces = messagePieces(CATALOGUES[language][key]);
		messages.set(key, pieces);
	}
	return pieces;
}

const pluralRules = new Map<Language, Intl.PluralRules>();

function pluralRulesOf(language: Language): Intl.PluralRules {
	let rules = pluralRules.get(language);
	if (!rules) {
		rules = new Intl.PluralRules(language);
		pluralRules.set(language, rules);
	}
	return rules;
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
