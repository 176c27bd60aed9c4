/**
 * The screen is drawn again when a text on it changes, not on a beat: every second only while a
 * drawn container's age counts seconds; a conmon's or an exec's mark comes off in one redraw at
 * its deadline. The clock is mocked (Date and the timers behind the screen's clock); setImmediate
 * is not, since ink-testing-library's frames are flushed by it. Renders are counted with React's
 * Profiler: a redraw that changes no character writes no frame, but costs all the same.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { HostsApp, type ScreenHost } from '../../components/HostsApp.js';
import { CHANGE_HIGHLIGHT_MS } from '../../src/model/changeHighlight.js';
import { EMPTY_HISTORY } from '../../src/model/conmonHistory.js';
import { AGES_TICK_BY_SECOND_MS } from '../../src/present/format.js';
import { type AppState, createAppStore } from '../../src/state/store.js';
import { fakeActions, renderApp } from '../helpers/appHarness.js';
import { FakeProcessReader } from '../helpers/fakeReader.js';
import { byId, containerId, makeConmonProcess, makeContainer, makeGeneration, makeProcess, NOW, ticksAt } from '../helpers/fixtureState.js';
import { renderInk, settle, waitForFrameInTurns } from '../helpers/inkTesting.js';

beforeEach(() => mock.timers.enable({ apis: ['Date', 'setInterval', 'setTimeout'], now: NOW }));
afterEach(() => {
	cleanup();
	mock.timers.reset();
});

const ID = containerId('web');

/** Container `web`, started at `startedAt`, on conmon 5000 with `sleep infinity` 5005; with an exec session started now when `exec`. */
function runningState(startedAt: number, exec = false): Partial<AppState> {
	const generation = makeGeneration(5000, startedAt, { containerPid: 5005, nameAtStart: 'web' });
	const execConmon = { containerId: ID, execSessionId: 'e'.repeat(64), pid: 6000, startTicks: ticksAt(NOW), startedAt: NOW };
	return {
		loaded: true,
		containers: byId([makeContainer({ id: ID, name: 'web', pid: 5005, podmanConmonPid: 5000, createdAt: startedAt, startedAt })]),
		history: { ...EMPTY_HISTORY, generations: { [ID]: [generation] }, execConmons: exec ? { '6000@exec': execConmon } : {} },
		processes: [makeConmonProcess(generation, ID, 'web'), makeProcess(5005, 5000, ['sleep', 'infinity'])],
		selectedId: ID,
	};
}

/** Moves the mocked clock on a second at a time, `seconds` times, letting the screen draw after each. */
async function passSeconds(seconds: number): Promise<void> {
	for (let i = 0; i < seconds; i++) {
		mock.timers.tick(1_000);
		await settle();
	}
}

describe("the screen's pace", () => {
	test("an exec conmon's start draws its mark, then one redraw when the mark comes off: no beat every second", async () => {
		let renders = 0;
		const { rendered } = await renderApp(runningState(NOW - 10 * 60_000, true), undefined, { onCommit: () => void renders++ });
		await waitForFrameInTurns(rendered, (s) => /conmon 6000 {2}exec session e+ {2}★ new/.test(s), "the exec's new mark");
		await settle();

		renders = 0;
		await passSeconds(CHANGE_HIGHLIGHT_MS / 1_000 - 1);
		assert.equal(renders, 0, 'nothing on screen changed: nothing drawn (the container is 10 minutes old)');

		// The mark's deadline, and the few milliseconds the redraw waits to be past it.
		await passSeconds(1);
		mock.timers.tick(100);
		await waitForFrameInTurns(rendered, (s) => /conmon 6000 {2}exec session/.test(s) && !s.includes('★ new'), 'the mark to go');
		await settle();
		assert.ok(renders >= 1 && renders <= 2, `the mark came off in one redraw (and the tree's report of it): ${renders}`);

		renders = 0;
		await passSeconds(30);
		assert.equal(renders, 0, 'and nothing after it for half a minute');
	});

	test("a drawn container's age counting seconds is drawn every second, until it counts minutes", async () => {
		let renders = 0;
		const startedAt = NOW - 50_000;
		const { rendered } = await renderApp(runningState(startedAt), undefined, { onCommit: () => void renders++ });
		await waitForFrameInTurns(rendered, (s) => s.includes('Up 50s'), 'the age in seconds');

		renders = 0;
		await passSeconds(5);
		await waitForFrameInTurns(rendered, (s) => s.includes('Up 55s'), 'the age five seconds on');
		assert.ok(renders >= 5, `a redraw every second: ${renders}`);

		// Past the minute (and its one redraw), ages count minutes: the next change is the header's HH:MM at 17:01.
		await passSeconds((startedAt + AGES_TICK_BY_SECOND_MS - Date.now()) / 1_000 + 1);
		renders = 0;
		await passSeconds(20);
		assert.equal(renders, 0, 'no redraw while the age reads 1m');
	});

	test('with several hosts, a young container on a host the cursor is not on still ticks every second', async () => {
		const host = (name: string, startedAt: number): ScreenHost => ({
			name,
			store: createAppStore({ ...runningState(startedAt), farSide: { label: name, stale: undefined, procUnknown: false } }),
			actions: fakeActions().actions,
			reader: new FakeProcessReader({}),
		});
		// The cursor is on the first host, whose container is an hour old; the second's is 10 seconds old.
		const rendered = await renderInk(<HostsApp hosts={[host('build', NOW - 3_600_000), host('lab', NOW - 10_000)]} quit={() => undefined} />);
		await waitForFrameInTurns(rendered, (s) => s.includes('Up 10s'), "the second host's young container");
		await passSeconds(3);
		await waitForFrameInTurns(rendered, (s) => s.includes('Up 13s'), 'its age three seconds on, a second at a time');
	});
});
