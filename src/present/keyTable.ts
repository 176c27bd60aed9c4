import type { MessageKey } from '../messages/i18n.js';
import type { ContainerAction } from '../model/container.js';

/**
 * The one list of the main screen's keys. The keymap (hooks/useKeymap.ts) dispatches from it,
 * and the `?` help, the footer, `--help`, `--read-only` and the lessons' refused keys are all
 * derived from it (src/present/keyHelp.ts, src/lessons/lessonKeys.ts), so none of them can name a
 * key the others do not. Pure data: texts are catalogue keys, looked up in the language of the moment.
 */

/** What a key (or a group of keys) is for: the keymap's name for it. */
export type KeyPurpose =
	| 'move'
	| 'rows'
	| 'details'
	| 'freeze'
	| 'filter'
	| 'run'
	| 'start'
	| 'stop'
	| 'kill'
	| 'restart'
	| 'pause'
	| 'remove'
	| 'lessons'
	| 'help'
	| 'escape'
	| 'quit';

/** The keys that type no character, by the name ink's `useInput` gives them (its `Key` flags). */
export type NamedKey = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape';

/**
 * How one key press is recognised: the character it types (whatever modifier came with it, as
 * the keymap has always compared `input`), a key ink names, or Ctrl with a letter.
 */
export type KeyMatch = { readonly input: string } | { readonly named: NamedKey } | { readonly ctrl: string };

/** One row of the table. */
export interface KeyEntry {
	readonly purpose: KeyPurpose;
	/** The key column of `?` and `--help`, as the user would name the keys. */
	readonly keys: string;
	/** Every press that counts as this entry. */
	readonly match: readonly KeyMatch[];
	/** What it does, in `?` and `--help`. */
	readonly does: MessageKey;
	/** Its short form in the always-visible footer. */
	readonly footer?: MessageKey;
	/**
	 * How long the key stays in a narrow footer (and a short `?`): the lowest rank goes first. The
	 * keys that move around the screen have other ways to be found (?, the details view says ←/→);
	 * the keys that change a container are why the tool exists, so k x r s (and ? q) go last.
	 */
	readonly footerRank?: number;
	/** Kept in the footer however narrow the terminal: the way to the rest, and the way out. */
	readonly essential?: boolean;
	/**
	 * Runs a command (or opens the lessons, which run commands): off under `--read-only`, refused
	 * during a lesson (but for the step's own key), and left out of the footer then.
	 */
	readonly command?: boolean;
	/** For a key that acts on the selected container: what it asks podman to do. */
	readonly containerAction?: ContainerAction;
}

/** Every key of the main screen, in the order `?`, the footer and `--help` list them. */
export const KEY_TABLE: readonly KeyEntry[] = [
	{
		purpose: 'move',
		keys: '↑ ↓  PgUp PgDn  Home End',
		match: [{ named: 'upArrow' }, { named: 'downArrow' }, { named: 'pageUp' }, { named: 'pageDown' }, { named: 'home' }, { named: 'end' }],
		does: 'help.keys.move',
		footer: 'help.footer.move',
		footerRank: 4,
	},
	{ purpose: 'rows', keys: '→ ←', match: [{ named: 'rightArrow' }, { named: 'leftArrow' }], does: 'help.keys.rows', footer: 'help.footer.rows', footerRank: 1 },
	{ purpose: 'details', keys: 'Enter', match: [{ named: 'return' }], does: 'help.keys.details', footer: 'help.footer.details', footerRank: 11 },
	{ purpose: 'freeze', keys: 'Space', match: [{ input: ' ' }], does: 'changes.key.freeze', footer: 'changes.key.freezeFooter', footerRank: 2 },
	{ purpose: 'filter', keys: '/', match: [{ input: '/' }], does: 'help.keys.filter', footer: 'help.footer.filter', footerRank: 3 },
	{ purpose: 'run', keys: 'r', match: [{ input: 'r' }], does: 'help.keys.run', footer: 'help.footer.run', command: true, footerRank: 14 },
	{
		purpose: 'start',
		keys: 's',
		match: [{ input: 's' }],
		does: 'help.keys.start',
		footer: 'help.footer.start',
		command: true,
		footerRank: 12,
		containerAction: 'start',
	},
	{
		purpose: 'stop',
		keys: 'x',
		match: [{ input: 'x' }],
		does: 'help.keys.stop',
		footer: 'help.footer.stop',
		command: true,
		footerRank: 15,
		containerAction: 'stop',
	},
	{
		purpose: 'kill',
		keys: 'k',
		match: [{ input: 'k' }],
		does: 'help.keys.kill',
		footer: 'help.footer.kill',
		command: true,
		footerRank: 16,
		containerAction: 'kill',
	},
	{
		purpose: 'restart',
		keys: 'R',
		match: [{ input: 'R' }],
		does: 'help.keys.restart',
		footer: 'help.footer.restart',
		command: true,
		footerRank: 10,
		containerAction: 'restart',
	},
	// p on a paused container unpauses it: the keymap turns 'pause' into 'unpause' there.
	{
		purpose: 'pause',
		keys: 'p',
		match: [{ input: 'p' }],
		does: 'help.keys.pause',
		footer: 'help.footer.pause',
		command: true,
		footerRank: 5,
		containerAction: 'pause',
	},
	{
		purpose: 'remove',
		keys: 'd',
		match: [{ input: 'd' }],
		does: 'help.keys.remove',
		footer: 'help.footer.remove',
		command: true,
		footerRank: 7,
		containerAction: 'remove',
	},
	{ purpose: 'lessons', keys: 'L', match: [{ input: 'L' }], does: 'help.keys.lessons', footer: 'help.footer.lessons', command: true, footerRank: 8 },
	{ purpose: 'help', keys: '?', match: [{ input: '?' }], does: 'help.keys.help', footer: 'help.footer.help', essential: true, footerRank: 20 },
	{ purpose: 'escape', keys: 'Escape', match: [{ named: 'escape' }], does: 'help.keys.escape' },
	{
		purpose: 'quit',
		keys: 'q  Ctrl-C',
		match: [{ input: 'q' }, { ctrl: 'c' }],
		does: 'help.keys.quit',
		footer: 'help.footer.quit',
		essential: true,
		footerRank: 21,
	},
];

/** The typed characters of the keys that run a command (L too): `--read-only` turns these off. */
export const COMMAND_KEY_INPUTS: readonly string[] = KEY_TABLE.filter((entry) => entry.command).flatMap((entry) =>
	entry.match.flatMap((m) => ('input' in m ? [m.input] : [])),
);

/** The parts of ink's `Key` the table looks at. */
export type PressedFlags = Readonly<Record<NamedKey | 'ctrl', boolean>>;

/** Whether this press is the one `match` describes. */
function matchesKey(match: KeyMatch, input: string, key: PressedFlags): boolean {
	if ('ctrl' in match) return key.ctrl && input === match.ctrl;
	if ('named' in match) return key[match.named];
	return input === match.input;
}

/** A key press found in the table: its entry, and which of the entry's keys it was. */
export interface TableKey {
	readonly entry: KeyEntry;
	readonly match: KeyMatch;
}

/**
 * The table's entry for a key press, or undefined for a key the main screen does not use.
 * Ctrl chords are looked at first (Ctrl-C is the letter c with ctrl set), then the rest in table order.
 */
export function tableKey(input: string, key: PressedFlags): TableKey | undefined {
	return MATCH_ORDER.find(({ match }) => matchesKey(match, input, key));
}

/** Every way the table matches a key, Ctrl chords first: made once, not at every key press. */
const MATCH_ORDER: readonly TableKey[] = (() => {
	const matches = KEY_TABLE.flatMap((entry) => entry.match.map((match) => ({ entry, match })));
	return [...matches.filter(({ match }) => 'ctrl' in match), ...matches.filter(({ match }) => !('ctrl' in match))];
})();

/** Whether the press was a Ctrl chord of the table (Ctrl-C), which works even in a prompt. */
export function isCtrlChord(pressed: TableKey | undefined): boolean {
	return pressed !== undefined && 'ctrl' in pressed.match;
}
