/**
 * Below 40×12 the App shows a message instead of a layout that cannot fit. ink-testing-library's
 * terminal is 100 columns wide with no row count (the App then assumes 24); the tests resize it
 * as a terminal does: new `columns` and `rows`, then a `resize` event.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { footerLine, renderApp } from '../helpers/appHarness.js';
import { fixtureState } from '../helpers/fixtureState.js';
import { resizeTerminal, screenLines, screenText, sendInput, waitForFrame } from '../helpers/inkTesting.js';
import { hasContainerRow } from '../helpers/treeScreen.js';

afterEach(() => cleanup());

const TOO_SMALL = /^Terminal too small \((\d+)×(\d+)\)/;

describe('a terminal too small for the layout', () => {
	test('30×10 shows a message instead of the tree and footer', async () => {
		const { rendered } = await renderApp(fixtureState());
		assert.ok(hasContainerRow(screenText(rendered), 'web'));
		await resizeTerminal(rendered, { columns: 30, rows: 10 });
		const screen = await waitForFrame(rendered, (s) => TOO_SMALL.test(s), 'the too-small message');
		assert.deepEqual(screen.match(TOO_SMALL)?.slice(1), ['30', '10']);
		assert.ok(!hasContainerRow(screen, 'web'), 'no tree');
		assert.ok(!screen.includes('↑↓ move'), 'no footer');
		assert.equal(screen.trimEnd().split('\n').length, 1, 'one line, cut to the width');
	});

	test('says what size is needed when there is room to say it', async () => {
		const { rendered } = await renderApp(fixtureState(), { columns: 90, rows: 8 });
		await waitForFrame(rendered, (s) => s.includes('Terminal too small (90×8); conmon-tui needs 40×12. q quits.'), 'the whole message');
	});

	test('q still quits', async () => {
		const { rendered, quits } = await renderApp(fixtureState(), { columns: 30, rows: 10 });
		await waitForFrame(rendered, (s) => TOO_SMALL.test(s), 'the too-small message');
		await sendInput(rendered, 'q');
		assert.equal(quits(), 1);
	});

	test('the layout comes back when the terminal grows again', async () => {
		const { rendered } = await renderApp(fixtureState(), { columns: 30, rows: 10 });
		await waitForFrame(rendered, (s) => TOO_SMALL.test(s), 'the too-small message');
		await resizeTerminal(rendered, { columns: 100, rows: 24 });
		const screen = await waitForFrame(rendered, (s) => hasContainerRow(s, 'web'), 'the tree');
		assert.ok(!TOO_SMALL.test(screen));
		assert.match(footerLine(rendered), /^↑↓ move/);
	});

	for (const size of [
		{ columns: 39, rows: 12 },
		{ columns: 40, rows: 11 },
	]) {
		test(`${size.columns}×${size.rows}, one short of 40×12, is too small`, async () => {
			const { rendered } = await renderApp(fixtureState(), size);
			await waitForFrame(rendered, (s) => TOO_SMALL.test(s), 'the too-small message');
		});
	}

	test('40×12 is enough for the layout', async () => {
		const { rendered } = await renderApp(fixtureState(), { columns: 40, rows: 12 });
		const screen = await waitForFrame(rendered, (s) => hasContainerRow(s, 'web'), 'the tree');
		assert.ok(!TOO_SMALL.test(screen));
		const lines = screenLines(rendered);
		assert.match(lines[0] ?? '', /^conmon-tui .*\d\d:\d\d$/, 'the header, with its clock, on one line');
		assert.match(lines[1] ?? '', /^[▶ ] ● web /, 'the first container right under it');
		assert.equal(lines.length, 11, 'one line less than the terminal');
	});
});
