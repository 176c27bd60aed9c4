/**
 * The key table (src/present/keyTable.ts) is the one list of keys: every key the keymap
 * answers is in it, and so in `?` and `--help` (both languages); every key in it does
 * something; the keys `--read-only` turns off and the keys a lesson refuses are its command keys.
 * The keymap is driven through the whole App with fake actions; nothing runs podman.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).
import '../helpers/forceColor.js';

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { usage } from '../../src/app/options.js';
import { COMMAND_KEYS, lessonMenuDigits } from '../../src/lessons/lessonKeys.js';
import { LESSONS } from '../../src/lessons/lessons.js';
import { parentage } from '../../src/lessons/parentage.js';
import { LANGUAGES, type Language } from '../../src/messages/catalogues.js';
import { setLanguage, t } from '../../src/messages/i18n.js';
import { keyHelp } from '../../src/present/keyHelp.js';
import { COMMAND_KEY_INPUTS, KEY_TABLE, type KeyEntry, type KeyMatch } from '../../src/present/keyTable.js';
import type { AppState } from '../../src/state/store.js';
import { type AppHarness, renderApp } from '../helpers/appHarness.js';
import { DB_ID, fixtureState, WEB_ID } from '../helpers/fixtureState.js';
import {
	ARROW_DOWN,
	ARROW_LEFT,
	ARROW_RIGHT,
	ARROW_UP,
	BACKSPACE,
	CTRL_C,
	END,
	ENTER,
	ESCAPE,
	HOME,
	PAGE_DOWN,
	PAGE_UP,
	screenLines,
	sendInput,
	sendInputAndWaitForContent,
	settle,
	wordsInOrder,
} from '../helpers/inkTesting.js';

afterEach(() => cleanup());

/** One key to press: the bytes a terminal sends, and how the key table would name it. */
interface Press {
	name: string;
	bytes: string;
	/** How the table would name it; none for a key no entry can name. */
	match?: KeyMatch;
}

/** Every printable ASCII character, Space included. */
const PRINTABLE: Press[] = Array.from({ length: 95 }, (_, index) => {
	const char = String.fromCharCode(32 + index);
	return { name: char === ' ' ? 'Space' : char, bytes: char, match: { input: char } };
});

/** The keys that type no character, and Ctrl-C. */
const NAMED: Press[] = [
	{ name: '↑', bytes: ARROW_UP, match: { named: 'upArrow' } },
	{ name: '↓', bytes: ARROW_DOWN, match: { named: 'downArrow' } },
	{ name: '←', bytes: ARROW_LEFT, match: { named: 'leftArrow' } },
	{ name: '→', bytes: ARROW_RIGHT, match: { named: 'rightArrow' } },
	{ name: 'PgUp', bytes: PAGE_UP, match: { named: 'pageUp' } },
	{ name: 'PgDn', bytes: PAGE_DOWN, match: { named: 'pageDown' } },
	{ name: 'Home', bytes: HOME, match: { named: 'home' } },
	{ name: 'End', bytes: END, match: { named: 'end' } },
	{ name: 'Enter', bytes: ENTER, match: { named: 'return' } },
	{ name: 'Escape', bytes: ESCAPE, match: { named: 'escape' } },
	{ name: 'Ctrl-C', bytes: CTRL_C, match: { ctrl: 'c' } },
	// Keys no table entry names: they must do nothing on the main screen.
	{ name: 'Tab', bytes: '\t' },
	{ name: 'Backspace', bytes: BACKSPACE },
];

const PRESSES = [...PRINTABLE, ...NAMED];

/** parentage's first step runs its container with r. */
const RUN_STEP_KEY = 'r';

/** The table's entry that names this press, if any. */
function entryOf(press: Press): KeyEntry | undefined {
	if (press.match === undefined) return undefined;
	const named = JSON.stringify(press.match);
	return KEY_TABLE.find((entry) => entry.match.some((match) => JSON.stringify(match) === named));
}

/** What a press changed: the store's fields it replaced, the actions it called, a quit. */
interface Effect {
	fields: string[];
	calls: number;
	quits: number;
}

const did = (effect: Effect): boolean => effect.fields.length > 0 || effect.calls > 0 || effect.quits > 0;

/**
 * Presses each key on the App as it stands in `state`, putting the store back between keys, and
 * returns what each did. The filter 'b' shows every fixture container (web, batch, db), so
 * Escape has a filter to clear while every other key sees the whole tree.
 */
async function probe(state: Partial<AppState>): Promise<Map<string, Effect>> {
	const harness: AppHarness = await renderApp(state, { columns: 120, rows: 30 }, { lessons: true });
	const { rendered, store, calls, quits } = harness;
	await settle();
	const baseline = store.getState();
	const effects = new Map<string, Effect>();
	for (const press of PRESSES) {
		store.setState(baseline, true);
		await settle();
		const [callsBefore, quitsBefore] = [calls.length, quits()];
		await sendInput(rendered, press.bytes);
		const now = store.getState();
		const fields = (Object.keys(now) as (keyof AppState)[]).filter((field) => !Object.is(now[field], baseline[field]));
		effects.set(press.name, { fields, calls: calls.length - callsBefore, quits: quits() - quitsBefore });
	}
	store.setState(baseline, true);
	cleanup();
	return effects;
}

describe('the key table', () => {
	/** What each key did with the first container selected, and with the last (so ↑ and ↓ both move). */
	let effects: Map<string, Effect>[] = [];
	before(async () => {
		const filtered = { ...fixtureState(), filter: 'b' };
		effects = [await probe({ ...filtered, selectedId: WEB_ID }), await probe({ ...filtered, selectedId: DB_ID })];
	});
	after(() => setLanguage('en'));

	/** The presses that did something on the main screen in either probe. */
	const handled = (): Press[] => PRESSES.filter((press) => effects.some((effect) => did(effect.get(press.name) ?? { fields: [], calls: 0, quits: 0 })));

	test('the probe sees keys act (it can fail): ↓ moves, k kills, q quits, Escape clears the filter', () => {
		const names = handled().map((press) => press.name);
		for (const name of ['↓', 'k', 'q', 'Escape', 'Ctrl-C']) assert.ok(names.includes(name), `${name} did something: ${names.join(' ')}`);
		assert.ok(!names.includes('z') && !names.includes('Tab'), `z and Tab do nothing: ${names.join(' ')}`);
	});

	test('every key the keymap answers on the main screen is in the table, and every key in the table answers', () => {
		const unlisted = handled()
			.filter((press) => entryOf(press) === undefined)
			.map((press) => press.name);
		assert.deepEqual(unlisted, [], 'keys that act but are not in the table');
		const tableMatches = KEY_TABLE.flatMap((entry) => entry.match.map((match) => JSON.stringify(match)));
		const dead = tableMatches.filter((match) => !handled().some((press) => JSON.stringify(press.match) === match));
		assert.deepEqual(dead, [], 'keys in the table that do nothing');
	});

	test('every key the keymap answers is listed by ? on the screen, in both languages', async () => {
		for (const language of LANGUAGES) {
			setLanguage(language);
			const { rendered } = await renderApp(fixtureState(), { columns: 120, rows: 30 });
			await sendInputAndWaitForContent(rendered, '?', t('help.title'));
			const lines = screenLines(rendered);
			for (const press of handled()) {
				const entry = entryOf(press);
				assert.ok(entry, `${press.name} has an entry`);
				assert.ok(entry.keys.split(/\s+/).includes(press.name), `${press.name} is named in its entry "${entry.keys}"`);
				assert.ok(
					lines.some((line) => wordsInOrder(entry.keys, t(entry.does)).test(line)),
					`${language}: ${press.name} (${entry.keys}) in ?:\n${lines.join('\n')}`,
				);
			}
			cleanup();
		}
		setLanguage('en');
	});

	test('every key the keymap answers is in --help, with what it does, in both languages: Space, → ←, L too', () => {
		for (const language of LANGUAGES as readonly Language[]) {
			setLanguage(language);
			const lines = usage().split('\n');
			for (const press of handled()) {
				const entry = entryOf(press);
				assert.ok(entry, press.name);
				const line = lines.find((text) => text.trimStart().startsWith(`${entry.keys} `));
				assert.ok(line?.trimEnd().endsWith(t(entry.does)), `${language}: "${entry.keys}" and what it does in --help:\n${usage()}`);
			}
			for (const name of ['Space', '→', '←', 'L', 'Escape', 'Enter', 'Ctrl-C'])
				assert.ok(
					handled().some((press) => press.name === name),
					name,
				);
		}
		setLanguage('en');
	});

	test('? and --help list the table in the same order, one line each', () => {
		const keys = keyHelp().map((entry) => entry.keys);
		assert.deepEqual(
			keys,
			KEY_TABLE.map((entry) => entry.keys),
		);
		const listed = usage()
			.split('\n')
			.flatMap((line) => keys.filter((label) => line.startsWith(`  ${label}  `)));
		assert.deepEqual(listed, keys);
	});

	test("--read-only refuses exactly the table's command keys (r s x k R p d L), saying so", async () => {
		const { rendered, store, calls } = await renderApp({ ...fixtureState(), readOnly: true }, { columns: 120, rows: 30 }, { lessons: true });
		const baseline = store.getState();
		const refused: string[] = [];
		for (const press of PRINTABLE) {
			store.setState(baseline, true);
			await settle();
			await sendInput(rendered, press.bytes);
			if (store.getState().status?.text === t('status.readOnly')) refused.push(press.bytes);
		}
		assert.deepEqual(refused.sort(), [...COMMAND_KEY_INPUTS].sort());
		assert.deepEqual([...COMMAND_KEY_INPUTS].sort(), ['L', 'R', 'd', 'k', 'p', 'r', 's', 'x']);
		assert.deepEqual(calls, [], 'nothing ran');
	});

	test("a lesson refuses the table's command keys and the other lessons' step keys, and nothing else", async () => {
		const stepKeys = LESSONS.flatMap((lesson) => lesson.steps.flatMap((step) => (step.action ? [step.action.key] : [])));
		assert.deepEqual([...COMMAND_KEYS].sort(), [...new Set([...COMMAND_KEY_INPUTS, ...stepKeys])].sort());

		// In parentage's first step (its key is r), every other key is pressed once, the store put back between.
		const { rendered, store, calls } = await renderApp(fixtureState(), { columns: 120, rows: 30 }, { lessons: true });
		await sendInputAndWaitForContent(rendered, 'L', t('lesson.ui.menuTitle', { digits: lessonMenuDigits(LESSONS.length) }));
		for (let i = 0; i < LESSONS.indexOf(parentage); i++) await sendInput(rendered, ARROW_DOWN);
		await sendInputAndWaitForContent(rendered, ENTER, t('lesson.ui.heading', { title: t(parentage.title), step: 1, steps: parentage.steps.length }));
		const refusal = t('lesson.ui.notInLesson', { key: RUN_STEP_KEY });
		const baseline = store.getState();
		const refused: string[] = [];
		// n b t move through the lesson's steps, outside the store: they are the lesson's own keys, not refused.
		for (const press of PRINTABLE.filter((p) => ![RUN_STEP_KEY, 'n', 'b', 't'].includes(p.bytes))) {
			store.setState(baseline, true);
			await settle();
			await sendInput(rendered, press.bytes);
			if (store.getState().status?.text === refusal) refused.push(press.bytes);
		}
		assert.deepEqual(refused.sort(), [...COMMAND_KEYS].filter((key) => key !== RUN_STEP_KEY).sort());
		for (const key of COMMAND_KEY_INPUTS.filter((key) => key !== RUN_STEP_KEY)) assert.ok(refused.includes(key), key);
		assert.deepEqual(calls, [], 'nothing ran');
	});

	test('each container key asks podman for its own action; the others ask for none', () => {
		const actions = Object.fromEntries(KEY_TABLE.flatMap((entry) => (entry.containerAction ? [[entry.keys, entry.containerAction]] : [])));
		assert.deepEqual(actions, { s: 'start', x: 'stop', k: 'kill', R: 'restart', p: 'pause', d: 'remove' });
		for (const entry of KEY_TABLE) if (entry.containerAction) assert.ok(entry.command, `${entry.keys} runs a command`);
	});
});
