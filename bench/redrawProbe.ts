/**
 * The CPU one redraw costs, measured inside one process: the App (the same components the bundle
 * holds, with React's production build, as the bundle defines it) drawn by Ink on an in-memory
 * 140×40 terminal, over `count` running containers, each with its conmon and one process. Run by
 * `npm run bench` as a child (`node dist/bench/redrawProbe.js COUNT`), so that React is loaded
 * after NODE_ENV is set and nothing else runs in the process; prints one JSON line.
 *
 * Two kinds of redraw are timed, each with process.cpuUsage() (CPU, not wall time, so a busy
 * machine stretches it less):
 * - an age tick: every container started seconds ago, so the App's clock wakes every second and
 *   every age on screen changes; from one frame written to the next;
 * - a Down key: from the key written to the in-memory stdin to the frame written.
 */
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import { createElement } from 'react';
import { App } from '../components/App.js';
import { EMPTY_HISTORY } from '../src/model/conmonHistory.js';
import { AGES_TICK_BY_SECOND_MS } from '../src/present/format.js';
import { procReader } from '../src/proc/read.js';
import { createAppStore } from '../src/state/store.js';
import { fakeActions } from '../test/helpers/appHarness.js';
import { byId, containerId, makeConmonProcess, makeContainer, makeGeneration, makeProcess } from '../test/helpers/fixtureState.js';

const ARROW_DOWN = '\u001B[B';
const COLUMNS = 140;
const ROWS = 40;
/** How long before the probe starts its containers were started. */
const STARTED_AGO_S = 1;
/** Frames drawn before the samples: the first frames compile the code. */
const WARM_UP_FRAMES = 3;

/** Counts the frames Ink writes, and lets a caller wait for the next one. */
class Terminal extends EventEmitter {
	readonly isTTY = true;
	readonly columns = COLUMNS;
	readonly rows = ROWS;
	frames = 0;
	write = (chunk: string): boolean => {
		if (chunk.length > 0) {
			this.frames++;
			this.emit('frame');
		}
		return true;
	};
	nextFrame(): Promise<void> {
		return new Promise((resolve) => this.once('frame', () => setImmediate(resolve)));
	}
}

/** A terminal's input, as Ink reads it ('readable', then read()). */
class Keyboard extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;
	type(data: string): void {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	}
	read = (): string | null => {
		const { data } = this;
		this.data = null;
		return data;
	};
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

function cpuMs(since: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(since);
	return (used.user + used.system) / 1000;
}

/** `count` running containers started `ageMs` ago, each with its conmon and one process. */
function fleet(count: number, ageMs: number) {
	const startedAt = Date.now() - ageMs;
	const containers = [];
	const generations: Record<string, ReturnType<typeof makeGeneration>[]> = {};
	const processes = [];
	for (let i = 0; i < count; i++) {
		const name = `bench-${String(i).padStart(3, '0')}`;
		const id = containerId(name);
		const conmonPid = 10_000 + i * 10;
		containers.push(makeContainer({ id, name, pid: conmonPid + 1, podmanConmonPid: conmonPid, createdAt: startedAt - 1000, startedAt }));
		const generation = makeGeneration(conmonPid, startedAt, { containerPid: conmonPid + 1, nameAtStart: name });
		generations[id] = [generation];
		processes.push(makeConmonProcess(generation, id, name), makeProcess(conmonPid + 1, conmonPid, ['sleep', 'infinity']));
	}
	const first = containers[0];
	return { loaded: true, containers: byId(containers), history: { ...EMPTY_HISTORY, generations }, processes, selectedId: first?.id };
}

async function main(): Promise<void> {
	const count = Number(process.argv[2] ?? 50);
	const samples = Number(process.argv[3] ?? 20);
	const incremental = process.argv.includes('--incremental');
	// Started a second ago: the ages tick every second for the next 59 s only (then every minute).
	// The warm-up takes 3 ticks, each tick sample one, each key sample one more (it waits for a tick):
	// asked for more, the probe would wait a minute for a frame; it says so instead.
	const fitting = Math.floor((AGES_TICK_BY_SECOND_MS / 1000 - STARTED_AGO_S - WARM_UP_FRAMES - 1) / 2);
	if (!Number.isInteger(samples) || samples < 1 || samples > fitting) {
		process.stderr.write(
			`redrawProbe: samples must be 1 to ${fitting} (the ages tick every second for ${AGES_TICK_BY_SECOND_MS / 1000} s only); got ${process.argv[3]}\n`,
		);
		process.exit(2);
	}
	const state = fleet(count, STARTED_AGO_S * 1000);
	const store = createAppStore({ ...state, startedHere: {} });
	const stdout = new Terminal();
	const stdin = new Keyboard();
	const { actions } = fakeActions();
	const app = render(createElement(App, { store, actions, reader: procReader(), quit: () => undefined }), {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: stdout as unknown as NodeJS.WriteStream,
		exitOnCtrlC: false,
		patchConsole: false,
		maxFps: 60,
		incrementalRendering: incremental,
	});
	// Warm up: the first frames compile the code.
	for (let i = 0; i < WARM_UP_FRAMES; i++) await stdout.nextFrame();

	const tick: number[] = [];
	for (let i = 0; i < samples; i++) {
		const from = process.cpuUsage();
		await stdout.nextFrame();
		tick.push(cpuMs(from));
	}
	const key: number[] = [];
	for (let i = 0; i < samples; i++) {
		// Half way between two ticks, so that the key's frame is its own.
		await stdout.nextFrame();
		await new Promise((resolve) => setTimeout(resolve, 400));
		const from = process.cpuUsage();
		const drawn = stdout.nextFrame();
		stdin.type(ARROW_DOWN);
		await drawn;
		key.push(cpuMs(from));
	}
	app.unmount();
	const memory = process.memoryUsage();
	process.stdout.write(`${JSON.stringify({ count, incremental, tickMs: tick, keyMs: key, heapUsedMiB: memory.heapUsed / 2 ** 20 })}\n`);
	process.exit(0);
}

await main();
