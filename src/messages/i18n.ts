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

/** A message in the current language, its `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: MessageParams = {}): string {
	const text = CATALOGUES[current][key];
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
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
