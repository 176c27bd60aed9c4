import { t } from '../messages/i18n.js';
import { displayWidth, truncateToWidth } from './displayWidth.js';
import { KEY_TABLE } from './keyTable.js';

/** A key as the help overlay and `--help` list it: an entry of the key table (./keyTable.ts) in the current language. (The footer reads the table itself.) */
export interface KeyHelp {
	keys: string;
	does: string;
	/** How long the key stays when there is not room for all (a short help): higher stays longer. */
	footerRank?: number;
}

/** Every key and what it does, in the current language. */
export function keyHelp(): KeyHelp[] {
	return KEY_TABLE.map(({ keys, does, footerRank }) => ({ keys, does: t(does), ...(footerRank === undefined ? {} : { footerRank }) }));
}

/** The footer's keys, in screen order, with the rank that decides which a narrow footer drops first. */
function footerKeys(withoutCommands: boolean): { footer: string; rank: number; essential: boolean }[] {
	return KEY_TABLE.flatMap(({ footer, footerRank, essential, command }) =>
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

/**
 * The keys part of `--help`: every key of the table and what it does, one a line, in the current
 * language, the keys in a column as wide as the widest (as `?` lists them).
 */
export function usageKeys(): string {
	const keys = keyHelp();
	const keyWidth = Math.max(...keys.map((k) => displayWidth(k.keys)));
	return keys.map((k) => `  ${k.keys}${' '.repeat(keyWidth - displayWidth(k.keys))}  ${k.does}`).join('\n');
}
