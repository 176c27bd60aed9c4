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
}

/** A key's entry with its texts still as catalogue keys: they are looked up in the language of the moment. */
interface KeyHelpEntry {
	keys: string;
	does: MessageKey;
	footer?: MessageKey;
	essential?: boolean;
	command?: boolean;
}

const KEY_HELP: readonly KeyHelpEntry[] = [
	{ keys: '↑ ↓  PgUp PgDn  Home End', does: 'help.keys.move', footer: 'help.footer.move' },
	{ keys: '→ ←', does: 'help.keys.rows', footer: 'help.footer.rows' },
	{ keys: 'Enter', does: 'help.keys.details', footer: 'help.footer.details' },
	{ keys: 'Space', does: 'changes.key.freeze', footer: 'changes.key.freezeFooter' },
	{ keys: '/', does: 'help.keys.filter', footer: 'help.footer.filter' },
	{ keys: 'r', does: 'help.keys.run', footer: 'help.footer.run', command: true },
	{ keys: 's', does: 'help.keys.start', footer: 'help.footer.start', command: true },
	{ keys: 'x', does: 'help.keys.stop', footer: 'help.footer.stop', command: true },
	{ keys: 'k', does: 'help.keys.kill', footer: 'help.footer.kill', command: true },
	{ keys: 'R', does: 'help.keys.restart', footer: 'help.footer.restart', command: true },
	{ keys: 'p', does: 'help.keys.pause', footer: 'help.footer.pause', command: true },
	{ keys: 'd', does: 'help.keys.remove', footer: 'help.footer.remove', command: true },
	{ keys: 'L', does: 'help.keys.lessons', footer: 'help.footer.lessons', command: true },
	{ keys: '?', does: 'help.keys.help', footer: 'help.footer.help', essential: true },
	{ keys: 'Escape', does: 'help.keys.escape' },
	{ keys: 'q  Ctrl-C', does: 'help.keys.quit', footer: 'help.footer.quit', essential: true },
];

/** The keys that run a command (or open the lessons): during a lesson only the step's own key does. */
export const COMMAND_KEY_NAMES: readonly string[] = KEY_HELP.filter((entry) => entry.command).map((entry) => entry.keys);

/** Every key and what it does, in the current language. */
export function keyHelp(): KeyHelp[] {
	return KEY_HELP.map(({ keys, does, footer, essential, command }) => ({
		keys,
		does: t(does),
		...(footer === undefined ? {} : { footer: t(footer) }),
		...(essential === undefined ? {} : { essential }),
		...(command === undefined ? {} : { command }),
	}));
}

/**
 * The footer for a terminal this many columns wide: every key when it fits, else tighter
 * spacing, else the last optional keys dropped one by one — never `? help` and `q quit`.
 * During a lesson the command keys are left out: the lesson pane names the one key that works;
 * read-only (`--read-only`) too, and the footer starts with a label that says so.
 */
export function footerText(width: number, inLesson = false, readOnly = false): string {
	const shown = keyHelp().filter((k) => k.footer !== undefined && !((inLesson || readOnly) && k.command));
	// Read-only, the footer says so first, and never drops it.
	if (readOnly) shown.unshift({ keys: '', does: '', footer: t('help.footer.readOnly'), essential: true });
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
