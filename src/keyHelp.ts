import { t } from './i18n.js';

/** The keys, as the footer and the help overlay list them. One list, so the two never disagree. */
export interface KeyHelp {
	keys: string;
	does: string;
	/** Shown in the always-visible footer, in this short form. */
	footer?: string;
	/** Kept in the footer however narrow the terminal: the way to the rest, and the way out. */
	essential?: boolean;
}

export const KEY_HELP: readonly KeyHelp[] = [
	{ keys: '↑ ↓  PgUp PgDn  Home End', does: 'move the selection (it follows the container, not the row)', footer: '↑↓ move' },
	{ keys: '→ ←', does: 'step through the selected container\'s conmon, processes and helpers', footer: '←→ rows' },
	{ keys: 'Enter', does: 'details of the row under the cursor (container, conmon, process)', footer: '⏎ details' },
	// Getters: the catalogue's language is chosen at start, after this module has loaded.
	{
		keys: 'Space',
		get does() { return t('changes.key.freeze'); },
		get footer() { return t('changes.key.freezeFooter'); },
	},
	{ keys: '/', does: 'filter by name, ID or image; Enter keeps it, Escape clears it', footer: '/ filter' },
	{ keys: 'r', does: 'run a new container: podman run -d IMAGE COMMAND (--image, --command)', footer: 'r run' },
	{ keys: 's', does: 'start the selected container: a new conmon appears', footer: 's start' },
	{ keys: 'x', does: 'stop it (SIGTERM, then SIGKILL after the stop timeout)', footer: 'x stop' },
	{ keys: 'k', does: 'kill it (SIGKILL): watch its conmon exit', footer: 'k kill' },
	{ keys: 'R', does: 'restart it: the old conmon goes, a new one comes', footer: 'R restart' },
	{ keys: 'p', does: 'pause or unpause it (conmon stays)', footer: 'p pause' },
	{ keys: 'd', does: 'remove it (asks y/n; a running one is removed with -f)', footer: 'd rm' },
	{ keys: '?', does: 'this help', footer: '? help', essential: true },
	{ keys: 'Escape', does: 'close an overlay, clear the filter' },
	{ keys: 'q  Ctrl-C', does: 'quit (no podman process is left behind)', footer: 'q quit', essential: true },
];

/**
 * The footer for a terminal this wide: every key when it fits, else tighter spacing, else
 * the last optional keys dropped one by one — never `? help` and `q quit`.
 */
export function footerText(width: number): string {
	const items = KEY_HELP.filter((k) => k.footer !== undefined);
	const shown = [...items];
	for (;;) {
		for (const gap of ['  ', ' ']) {
			const text = shown.map((k) => k.footer).join(gap);
			if (text.length <= width) return text;
		}
		const drop = shown.findLastIndex((k) => !k.essential);
		if (drop < 0) return shown.map((k) => k.footer).join(' ').slice(0, width);
		shown.splice(drop, 1);
	}
}
