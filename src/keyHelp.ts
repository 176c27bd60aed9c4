import { displayWidth, truncateToWidth } from './displayWidth.js';
import { t, type MessageKey } from './i18n.js';

/** The keys, as the footer and the help overlay list them. One list, so the two never disagree. */
export interface KeyHelp {
	keys: string;
	does: string;
	/** Shown in the always-visible footer, in this short form. */
	footer?: string;
	/** Kept in the footer however narrow the terminal: the way to the rest, and the way out. */
	essential?: boolean;
}

/** A key's entry with its texts still as catalogue keys: they are looked up in the language of the moment. */
interface KeyHelpEntry {
	keys: string;
	does: MessageKey;
	footer?: MessageKey;
	essential?: boolean;
}

const KEY_HELP: readonly KeyHelpEntry[] = [
	{ keys: '↑ ↓  PgUp PgDn  Home End', does: 'help.keys.move', footer: 'help.footer.move' },
	{ keys: '→ ←', does: 'help.keys.rows', footer: 'help.footer.rows' },
	{ keys: 'Enter', does: 'help.keys.details', footer: 'help.footer.details' },
	{ keys: 'Space', does: 'changes.key.freeze', footer: 'changes.key.freezeFooter' },
	{ keys: '/', does: 'help.keys.filter', footer: 'help.footer.filter' },
	{ keys: 'r', does: 'help.keys.run', footer: 'help.footer.run' },
	{ keys: 's', does: 'help.keys.start', footer: 'help.footer.start' },
	{ keys: 'x', does: 'help.keys.stop', footer: 'help.footer.stop' },
	{ keys: 'k', does: 'help.keys.kill', footer: 'help.footer.kill' },
	{ keys: 'R', does: 'help.keys.restart', footer: 'help.footer.restart' },
	{ keys: 'p', does: 'help.keys.pause', footer: 'help.footer.pause' },
	{ keys: 'd', does: 'help.keys.remove', footer: 'help.footer.remove' },
	{ keys: 'L', does: 'help.keys.lessons', footer: 'help.footer.lessons' },
	{ keys: '?', does: 'help.keys.help', footer: 'help.footer.help', essential: true },
	{ keys: 'Escape', does: 'help.keys.escape' },
	{ keys: 'q  Ctrl-C', does: 'help.keys.quit', footer: 'help.footer.quit', essential: true },
];

/** Every key and what it does, in the current language. */
export function keyHelp(): KeyHelp[] {
	return KEY_HELP.map(({ keys, does, footer, essential }) => ({
		keys,
		does: t(does),
		...(footer === undefined ? {} : { footer: t(footer) }),
		...(essential === undefined ? {} : { essential }),
	}));
}

/**
 * The footer for a terminal this many columns wide: every key when it fits, else tighter
 * spacing, else the last optional keys dropped one by one — never `? help` and `q quit`.
 */
export function footerText(width: number): string {
	const shown = keyHelp().filter((k) => k.footer !== undefined);
	for (;;) {
		for (const gap of ['  ', ' ']) {
			const text = shown.map((k) => k.footer).join(gap);
			if (displayWidth(text) <= width) return text;
		}
		const drop = shown.findLastIndex((k) => !k.essential);
		if (drop < 0) return truncateToWidth(shown.map((k) => k.footer).join(' '), width);
		shown.splice(drop, 1);
	}
}
