import { commonEn } from './common.en.js';
import { commonJa } from './common.ja.js';
import { lessonsEn } from './lessons.en.js';
import { lessonsJa } from './lessons.ja.js';

/**
 * Every user-visible text, per language. Each area of the program has its own section file
 * pair (`area.en.ts`, `area.ja.ts`); they are joined here.
 */
export const en = {
	...commonEn,
	...lessonsEn,
};

export type MessageKey = keyof typeof en;

export const ja: Readonly<Record<MessageKey, string>> = {
	...commonJa,
	...lessonsJa,
};

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, ja };
