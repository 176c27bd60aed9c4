/**
 * The `?` help: every key from src/present/keyHelp.ts with what it does, in a terminal of the usual
 * size; Escape (or ? or q) closes it, and while it is open keys do not act on containers.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).
import '../helpers/forceColor.js';

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { HelpOverlay } from '../../components/HelpOverlay.js';
import { keyHelp } from '../../src/present/keyHelp.js';
import { renderApp } from '../helpers/appHarness.js';
import { fixtureState } from '../helpers/fixtureState.js';
import {
	ESCAPE,
	renderInk,
	screenLines,
	screenText,
	sendInput,
	sendInputAndWaitForContent,
	sendInputAndWaitForFrame,
	wordsInOrder,
} from '../helpers/inkTesting.js';
import { hasContainerRow } from '../helpers/treeScreen.js';

afterEach(() => cleanup());

const TITLE = 'Keys — Escape or ? closes';

/** The overlay's lines: between its rounded corners. */
function overlayLines(lines: readonly string[]): string[] {
	const top = lines.findIndex((line) => line.startsWith('╭'));
	const bottom = lines.findIndex((line) => line.startsWith('╰'));
	assert.ok(top >= 0 && bottom > top, `no overlay box in:\n${lines.join('\n')}`);
	return lines.slice(top + 1, bottom).map((line) => line.replace(/^│ /, '').replace(/ *│$/, ''));
}

describe('the help overlay', () => {
	test('has an entry for every key the keymap handles', () => {
		const listed = new Set(keyHelp().flatMap((k) => k.keys.split(/\s+/)));
		for (const key of ['↑', '↓', 'PgUp', 'PgDn', 'Home', 'End', 'Enter', 'Space', '/', 'r', 's', 'x', 'k', 'R', 'p', 'd', '?', 'Escape', 'q', 'Ctrl-C']) {
			assert.ok(listed.has(key), `${key} is in the help`);
		}
	});

	test('? opens it with every key and what it does, in a 100×24 terminal', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInputAndWaitForContent(rendered, '?', TITLE);
		const lines = overlayLines(screenLines(rendered));
		for (const { keys, does } of keyHelp()) {
			assert.ok(
				lines.some((line) => wordsInOrder(keys, does).test(line)),
				`"${keys}  ${does}" in the help:\n${lines.join('\n')}`,
			);
		}
		assert.ok(lines.includes(TITLE), 'the title is the first line');
		assert.ok(!hasContainerRow(screenText(rendered), 'web'), 'it replaces the tree');
	});

	test("with room to spare it also says that keys on a pod's row act on the pod; it is the first line to go", async () => {
		const { rendered } = await renderApp(fixtureState(), { columns: 120, rows: 30 });
		await sendInputAndWaitForContent(rendered, '?', TITLE);
		assert.ok(
			overlayLines(screenLines(rendered)).some((line) => line.includes("On a pod's row, s x k R p d act on the whole pod")),
			screenText(rendered),
		);
	});

	test('in an 80×24 terminal every key is still listed (descriptions may be cut)', async () => {
		const { rendered } = await renderApp(fixtureState(), { columns: 80, rows: 24 });
		await sendInputAndWaitForContent(rendered, '?', TITLE);
		const lines = overlayLines(screenLines(rendered));
		for (const { keys } of keyHelp()) {
			assert.ok(
				lines.some((line) => line.startsWith(`${keys} `)),
				`${keys} in the help:\n${lines.join('\n')}`,
			);
		}
	});

	for (const [name, key] of [
		['Escape', ESCAPE],
		['?', '?'],
		['q', 'q'],
	] as const) {
		test(`${name} closes it and shows the tree again`, async () => {
			const { rendered, quits } = await renderApp(fixtureState());
			await sendInputAndWaitForContent(rendered, '?', TITLE);
			const screen = await sendInputAndWaitForFrame(rendered, key, (s) => !s.includes(TITLE), 'the help to close');
			assert.ok(hasContainerRow(screen, 'web'));
			assert.equal(quits(), 0, 'closing the help does not quit');
		});
	}

	test('while it is open, container keys do nothing', async () => {
		const { rendered, calls } = await renderApp(fixtureState());
		await sendInputAndWaitForContent(rendered, '?', TITLE);
		for (const key of ['k', 'x', 'd', 'y', 'r']) await sendInput(rendered, key);
		assert.deepEqual(calls, []);
		assert.ok(screenText(rendered).includes(TITLE), 'still open');
	});

	test('rendered alone with room to spare, it shows the title, every key and the closing note', async () => {
		const rendered = await renderInk(<HelpOverlay height={keyHelp().length + 6} width={100} />);
		const lines = overlayLines(screenLines(rendered));
		assert.equal(lines[0], TITLE);
		keyHelp().forEach(({ keys, does }, index) => {
			const line = lines[1 + index] ?? '';
			assert.ok(line.startsWith(keys) && line.endsWith(does), `line ${index + 1} is "${keys} … ${does}": ${line}`);
		});
		assert.match(lines[1 + keyHelp().length] ?? '', /^"asks y\/n": only about a container this session did not start\. Every podman command a key runs/);
	});
});
