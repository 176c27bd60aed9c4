/**
 * The footer: the keys in short form, on the last line whatever else is on screen.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { Footer } from '../../components/Footer.js';
import { setLanguage } from '../../src/messages/i18n.js';
import { displayWidth } from '../../src/present/displayWidth.js';
import { footerText } from '../../src/present/keyHelp.js';
import { footerLine, renderApp } from '../helpers/appHarness.js';
import { fixtureState, manyContainersState } from '../helpers/fixtureState.js';
import { ENTER, renderInk, resizeTerminal, screenText, sendInput, sendInputAndWaitForContent } from '../helpers/inkTesting.js';

afterEach(() => cleanup());

const HINTS = [
	'↑↓ move',
	'←→ rows',
	'⏎ details',
	'Space freeze',
	'/ filter',
	'r run',
	's start',
	'x stop',
	'k kill',
	'R restart',
	'p pause',
	'd rm',
	'L lessons',
	'? help',
	'q quit',
];

describe('the footer alone', () => {
	test('lists every key hint, in order, when there is room', async () => {
		const tree = <Footer width={140} />;
		const rendered = await renderInk(tree);
		await resizeTerminal(rendered, { columns: 140, rows: 24 }, tree);
		assert.equal(screenText(rendered).trim(), HINTS.join('  '));
	});

	test('narrower, it drops the least needed keys first but keeps ? help and q quit; never wrapped', async () => {
		for (const width of [100, 80, 60, 40, 16]) {
			const rendered = await renderInk(<Footer width={width} />);
			const lines = screenText(rendered).trimEnd().split('\n');
			assert.equal(lines.length, 1, `one line at ${width}`);
			assert.ok((lines[0] ?? '').length <= width, `at most ${width} columns: ${lines[0]}`);
			assert.match(lines[0] ?? '', /\? help +q quit$/, `at ${width}: ${lines[0]}`);
			cleanup();
		}
		const at40 = screenText(await renderInk(<Footer width={40} />)).trim();
		assert.equal(at40, 'r run  x stop  k kill  ? help  q quit');
	});

	test('at 80 columns it keeps every key that changes a container, and L, in both languages', async () => {
		for (const lang of ['en', 'ja'] as const) {
			setLanguage(lang);
			const text = footerText(80);
			assert.ok(displayWidth(text) <= 80, `${lang}: ${text}`);
			const keys = text.split(/ +/).filter((word) => /^[a-zA-Z?⏎]$/.test(word));
			for (const key of ['r', 's', 'x', 'k', 'R', 'd', 'L', '⏎', '?', 'q']) assert.ok(keys.includes(key), `${lang} at 80: ${key} in ${text}`);
			const rendered = await renderInk(<Footer width={80} />);
			assert.equal(screenText(rendered).trim(), text);
			cleanup();
		}
		setLanguage('en');
	});

	test('the moving keys (rows, freeze, filter, move) go before any command key', () => {
		for (const lang of ['en', 'ja'] as const) {
			setLanguage(lang);
			const full = footerText(500);
			// Find the widest footer that has lost one command key: every moving key must be gone by then.
			for (let width = displayWidth(full); width > 20; width--) {
				const text = footerText(width);
				if (/(^| )[rsxkRpdL] /.test(full) && ['r', 's', 'x', 'k', 'R', 'p', 'd', 'L'].some((key) => !new RegExp(`(^| )${key} `).test(text))) {
					for (const moving of ['↑↓', '←→', 'Space', '/']) assert.ok(!text.includes(`${moving} `), `${lang} at ${width}: ${moving} still in ${text}`);
					break;
				}
			}
		}
		setLanguage('en');
	});
});

describe('the footer in the App', () => {
	/** The footer starts the same way on every screen; `? help` shows that it is the whole line. */
	function assertFooter(line: string): void {
		assert.match(line, /^(↑↓ move +)?⏎ details +r run +s start +x stop +k kill +R restart .*\? help +q quit$/, `footer on the last line, got: ${line}`);
	}

	test('is the last line under the tree', async () => {
		const { rendered } = await renderApp(fixtureState());
		assertFooter(footerLine(rendered));
	});

	test('stays when the tree has more rows than fit', async () => {
		const { rendered } = await renderApp(manyContainersState(40));
		assert.match(screenText(rendered), /job-01/);
		assertFooter(footerLine(rendered));
	});

	test('stays under the help', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInputAndWaitForContent(rendered, '?', 'Keys — Escape or ? closes');
		assertFooter(footerLine(rendered));
	});

	test('stays under the details', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInputAndWaitForContent(rendered, ENTER, 'conmon generations seen this session');
		assertFooter(footerLine(rendered));
	});

	test('stays under the filter prompt and a remove question', async () => {
		const { rendered } = await renderApp({ ...fixtureState(), startedHere: {} });
		await sendInputAndWaitForContent(rendered, '/', 'Enter keeps');
		assertFooter(footerLine(rendered));
		await sendInput(rendered, ENTER);
		await sendInputAndWaitForContent(rendered, 'd', 'remove web (');
		assertFooter(footerLine(rendered));
	});

	test('read-only: says so first and lists no command key', async () => {
		const { rendered } = await renderApp({ ...fixtureState(), readOnly: true });
		await sendInputAndWaitForContent(rendered, ENTER, 'conmon generations seen this session');
		const footer = footerLine(rendered);
		assert.match(footer, /^READ-ONLY +↑↓ move .* \? help +q quit$/);
		for (const key of ['r run', 'k kill', 'd rm', 'L lessons']) assert.ok(!footer.includes(key), `${key} left out: ${footer}`);
	});

	test('stays in the smallest terminal the App accepts (40×12)', async () => {
		const { rendered } = await renderApp(fixtureState(), { columns: 40, rows: 12 });
		assert.equal(footerLine(rendered), 'r run  x stop  k kill  ? help  q quit');
	});

	test('during a lesson the command keys are left out: the lesson pane names the one that works', () => {
		const text = footerText(200, true);
		for (const hint of ['r run', 's start', 'x stop', 'k kill', 'R restart', 'p pause', 'd rm', 'L lessons'])
			assert.ok(!text.includes(hint), `${hint} is not offered`);
		for (const hint of ['↑↓ move', '⏎ details', 'Space freeze', '? help', 'q quit']) assert.ok(text.includes(hint), `${hint} is still there`);
	});
});
