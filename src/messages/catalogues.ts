import { changesEn } from './changes.en.js';
import { changesJa } from './changes.ja.js';
import { commonEn } from './common.en.js';
import { commonJa } from './common.ja.js';

/**
 * Every user-visible text, per language. Each area of the program has its own section file
 * pair (`area.en.ts`, `area.ja.ts`); they are joined here.
 */
export const en = {
	...commonEn,
	...changesEn,
};

export type MessageKey = keyof typeof en;

export const ja: Readonly<Record<MessageKey, string>> = {
	...commonJa,
	...changesJa,
};

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, ja };
