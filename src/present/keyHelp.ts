import { displayWidth, truncateToWidth } from './displayWidth.js';
import { t, type MessageKey } from '../messages/i18n.js';

/** The keys, as the footer and the help overlay list them. One list, so the two never disagree. */
export interface KeyHelp {
	keys: string;
	does: string;
	/** Shown in the always-visible footer, in this short form. */
	footer?: string;
	/** Kept in the footer however narrow the terminal: the way to the rest, and the way out. */
	essential?: boolean;
	/** Runs a command (or opens the lessons): refused during a lesson, so left out of the footer then. */
	command?: boolean;
	/** How long the key stays when there is not room for all (the footer, a short help): higher stays longer. */
	footerRank?: number;
}

/** A key's entry with its texts still as catalogue keys: they are looked up in the language of the moment. */
interface KeyHelpEntry {
	keys: string;
	does: MessageKey;
	footer?: MessageKey;
	essential?: boolean;
	command?: boolean;
	/**
	 * How long the key stays in a narrow footer: the lowest rank goes first. The keys that move
	 * around the screen have other ways to be found (?, the details view says ←/→); the keys that
	 * change a container are why the tool exists, so k x r s (and ? q) go last.
	 */
	footerRank?: number;
}

const KEY_HELP: readonly KeyHelpEntry[] = [
	{ keys: '↑ ↓  PgUp PgDn  Home End', does: 'help.keys.move', footer: 'help.footer.move', footerRank: 4 },
	{ keys: '→ ←', does: 'help.keys.rows', footer: 'help.footer.rows', footerRank: 1 },
	{ keys: 'Enter', does: 'help.keys.details', footer: 'help.footer.details', footerRank: 11 },
	{ keys: 'Space', does: 'changes.key.freeze', footer: 'changes.key.freezeFooter', footerRank: 2 },
	{ keys: '/', does: 'help.keys.filter', footer: 'help.footer.filter', footerRank: 3 },
	{ keys: 'r', does: 'help.keys.run', footer: 'help.footer.run', command: true, footerRank: 14 },
	{ keys: 's', does: 'help.keys.start', footer: 'help.footer.start', command: true, footerRank: 12 },
	{ keys: 'x', does: 'help.keys.stop', footer: 'help.footer.stop', command: true, footerRank: 15 },
	{ keys: 'k', does: 'help.keys.kill', footer: 'help.footer.kill', command: true, footerRank: 16 },
	{ keys: 'R', does: 'help.keys.restart', footer: 'help.footer.restart', command: true, footerRank: 10 },
	{ keys: 'p', does: 'help.keys.pause', footer: 'help.footer.pause', command: true, footerRank: 5 },
	{ keys: 'd', does: 'help.keys.remove', footer: 'help.footer.remove', command: true, footerRank: 7 },
	{ keys: 'L', does: 'help.keys.lessons', footer: 'help.footer.lessons', command: true, footerRank: 8 },
	{ keys: '?', does: 'help.keys.help', footer: 'help.footer.help', essential: true, footerRank: 20 },
	{ keys: 'Escape', does: 'help.keys.escape' },
	{ keys: 'q  Ctrl-C', does: 'help.keys.quit', footer: 'help.footer.quit', essential: true, footerRank: 21 },
];

/** The keys that run a command (or open the lessons): during a lesson only the step's own key does. */
export const COMMAND_KEY_NAMES: readonly string[] = KEY_HELP.filter((entry) => entry.command).map((entry) => entry.keys);

/** Every key and what it does, in the current language. */
export function keyHelp(): KeyHelp[] {
	return KEY_HELP.map(({ keys, does, footer, essential, command, footerRank }) => ({
		keys,
		does: t(does),
		...(footer === undefined ? {} : { footer: t(footer) }),
		...(essential === undefined ? {} : { essential }),
		...(command === undefined ? {} : { command }),
		...(footerRank === undefined ? {} : { footerRank }),
	}));
}

/** The footer's keys, in screen order, with the rank that decides which a narrow footer drops first. */
function footerKeys(withoutCommands: boolean): { footer: string; rank: number; essential: boolean }[] {
	return KEY_HELP.flatMap(({ footer, footerRank, essential, command }) =>
		footer === undefined || (withoutCommands && command) ? [] : [{ footer: t(footer), rank: footerRank ?? 0, essential: essential === true }],
	);
}

/**
 * The footer for a terminal this many columns wide: every key when it fits, else tighter
 * spacing, else the least needed keys dropped one by one (lowest `footerRank` first: ←→ rows,
 * Space freeze, / filter, ↑↓ move, p, d, L, R, ⏎, s, r…) — never `? help` and `q quit`. At 80
 * columns `r s x k R d L ⏎ ? q` stay in both languages; at 40, `r x k ? q`.
 * During a lesson the command keys are left out: the lesson pane names the one key that works;
 * read-only (`--read-only`) too, and the footer starts with a label that says so.
 */
export function footerText(width: number, inLesson = false, readOnly = false): string {
	const shown = footerKeys(inLesson || readOnly);
	// Read-only, the footer says so first, and never drops it.
	if (readOnly) shown.unshift({ footer: t('help.footer.readOnly'), rank: Number.POSITIVE_INFINITY, essential: true });
	for (;;) {
		for (const gap of ['  ', ' ']) {
			const text = shown.map((k) => k.footer).join(gap);
			if (displayWidth(text) <= width) return text;
		}
		const optional = shown.filter((k) => !k.essential);
		if (optional.length === 0) return truncateToWidth(shown.map((k) => k.footer).join(' '), width);
		const least = optional.reduce((a, b) => (b.rank < a.rank ? b : a));
		shown.splice(shown.indexOf(least), 1);
	}
}
