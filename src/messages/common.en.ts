/** Words shared by every screen. */
export const commonEn = {
	'app.name': 'conmon-tui',
	'lang.name': 'English',
} as const;
