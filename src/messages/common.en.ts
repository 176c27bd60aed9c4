/** The language's own name, as the transcript's header gives it. */
export const commonEn = {
	'lang.name': 'English',
} as const;
