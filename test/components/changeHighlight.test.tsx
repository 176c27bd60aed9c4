/**
 * Changes marked on screen for CHANGE_HIGHLIGHT_MS: a new conmon reads ★ new, a dead one
 * ✝ exited with its code, then folds into its container's history summary. The clock is
 * mocked (Date and the intervals behind the screen's clock); setImmediate is not, since
 * ink-testing-library's frames are flushed by it.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { CHANGE_HIGHLIGHT_MS } from '../../src/model/changeHighlight.js';
import { EMPTY_HISTORY } from '../../src/model/conmonHistory.js';
import type { AppState } from '../../src/state/store.js';
import { renderApp } from '../helpers/appHarness.js';
import { at, byId, containerId, makeConmonProcess, makeContainer, makeGeneration, makeProcess, NOW } from '../helpers/fixtureState.js';
import { lineIndex, type Rendered, screenLines, waitForFrameInTurns } from '../helpers/inkTesting.js';

const BOLD = '\u001B[1m';
const RED = '\u001B[31m';
const GREEN = '\u001B[32m';

beforeEach(() => mock.timers.enable({ apis: ['Date', 'setInterval', 'setTimeout'], now: NOW }));
afterEach(() => {
	cleanup();
	mock.timers.reset();
});

/** The raw line (with its colours) of the last frame that contains `text`. */
function rawLine(rendered: Pick<Rendered, 'lastFrame'>, text: string): string {
	const lines = (rendered.lastFrame() ?? '').split('\n');
	return lines[lineIndex(screenLines(rendered), text)] ?? '';
}

const ID = containerId('fresh');

/** Container `fresh`, running on conmon 5000 (started at `startedAt`) with `sleep infinity` 5005 below it. */
function runningState(startedAt: number): Partial<AppState> {
	const generation = makeGeneration(5000, startedAt, { containerPid: 5005, nameAtStart: 'fresh' });
	return {
		loaded: true,
		containers: byId([makeContainer({ id: ID, name: 'fresh', pid: 5005, podmanConmonPid: 5000, createdAt: at(16, 0, 0), startedAt })]),
		history: { ...EMPTY_HISTORY, generations: { [ID]: [generation] } },
		processes: [makeConmonProcess(generation, ID, 'fresh'), makeProcess(5005, 5000, ['sleep', 'infinity'])],
		selectedId: ID,
	};
}

describe('a new conmon', () => {
	test('is marked ★ new, bold and green, and loses the mark after CHANGE_HIGHLIGHT_MS', async () => {
		const { rendered } = await renderApp(runningState(NOW));
		await waitForFrameInTurns(rendered, (s) => s.includes('└─ conmon 5000  ★ new'), 'the new mark');
		const row = rawLine(rendered, 'conmon 5000');
		assert.ok(row.includes(BOLD) && row.includes(GREEN), `bold and green: ${JSON.stringify(row)}`);

		mock.timers.tick(CHANGE_HIGHLIGHT_MS - 1_000);
		await waitForFrameInTurns(rendered, (s) => s.includes('Up 4s'), 'the clock to move on');
		assert.match(screenLines(rendered).join('\n'), /└─ conmon 5000 {2}★ new/, 'still new just before the end');

		mock.timers.tick(1_000);
		const screen = await waitForFrameInTurns(rendered, (s) => !s.includes('★ new'), 'the mark to go');
		assert.match(screen, /└─ conmon 5000\n +└─ sleep infinity 5005/, 'a plain conmon row, its process below');
	});
});

describe('a conmon that exits', () => {
	test('is marked ✝ exited with its code, in red, then gives way to the history summary', async () => {
		const { rendered, store } = await renderApp(runningState(at(16, 30, 0)));
		await waitForFrameInTurns(rendered, (s) => /└─ conmon 5000\n/.test(s), 'the live conmon');

		// What the watcher does when /proc shows conmon gone and podman reports the exit code.
		const exitedAt = Date.now();
		store.setState((s) => ({
			containers: { [ID]: { ...s.containers[ID]!, state: 'exited', exitCode: 137, finishedAt: exitedAt, pid: undefined } },
			history: { ...s.history, generations: { [ID]: s.history.generations[ID]!.map((g) => ({ ...g, exitedAt, exitCode: 137 })) } },
			processes: [],
		}));
		await waitForFrameInTurns(rendered, (s) => s.includes('└─ conmon 5000  ✝ exited 17:00:05, code 137'), 'the exited mark');
		const row = rawLine(rendered, 'conmon 5000');
		assert.ok(row.includes(BOLD) && row.includes(RED), `bold and red: ${JSON.stringify(row)}`);

		mock.timers.tick(CHANGE_HIGHLIGHT_MS);
		const screen = await waitForFrameInTurns(rendered, (s) => !s.includes('✝ exited'), 'the row to move into history');
		assert.match(screen, /└─ no conmon · last: 5000 exited 17:00:05, code 137 \(Enter: history\)/);
		assert.doesNotMatch(screen, /conmon 5000 /, 'no full row for the dead conmon any more');
	});
});
