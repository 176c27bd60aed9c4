import { commonEn } from './common.en.js';
import { commonJa } from './common.ja.js';
import { transcriptEn } from './transcript.en.js';
import { transcriptJa } from './transcript.ja.js';

/**
 * Every user-visible text, per language. Each area of the program has its own section file
 * pair (`area.en.ts`, `area.ja.ts`); they are joined here.
 */
export const en = {
	...commonEn,
	...transcriptEn,
};

export type MessageKey = keyof typeof en;

export const ja: Readonly<Record<MessageKey, string>> = {
	...commonJa,
	...transcriptJa,
};

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, ja };
