import assert from 'node:assert/strict';
import { readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { readLogLines } from '../helpers/logFileLines.js';
import type { PodmanSandbox } from '../helpers/podmanSandbox.js';
import { writePodmanWrapper } from '../helpers/podmanWrapper.js';
import { descendantPids, processArgv } from '../helpers/procCheck.js';
import { sandboxSuite } from '../helpers/sandboxSuite.js';
import type { TuiSession } from '../helpers/tuiSession.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * With events_logger = "file" (the sandbox's containers.conf), conmon-tui reads podman's events
 * file itself, woken by inotify, and runs no `podman events` (which polls the file). When the
 * file cannot be found it falls back to `podman events`.
 */
const skip = await e2eSkipReason();

/** `podman … events …` processes under the TUI (the program itself is the pty's child). */
function podmanEventsChildren(tui: TuiSession): number[] {
	return descendantPids(tui.pty.pid).filter((pid) => {
		const argv = processArgv(pid);
		return /podman/.test(argv[0] ?? '') && argv.includes('events');
	});
}

/** The files the process has open (/proc/PID/fd). */
function openFiles(pid: number): string[] {
	return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
		try {
			return [readlinkSync(`/proc/${pid}/fd/${fd}`)];
		} catch {
			return [];
		}
	});
}

/** A suite's sandbox, and conmon-tui watching it with `--log`: made in `before`, read inside tests. */
interface LoggedSuite {
	readonly sandbox: PodmanSandbox;
	readonly tui: TuiSession;
	readonly logFile: string;
}

/**
 * A sandbox suite (sandboxSuite) with conmon-tui started on it with `--log` once it shows its
 * watching line. `prepare` readies the sandbox first (a setting, a podman wrapper) and returns
 * the program's extra environment.
 */
function loggedSuite(name: string, prepare: (sandbox: PodmanSandbox, dir: string) => Record<string, string> = () => ({})): LoggedSuite {
	const suite = sandboxSuite(name);
	const logFile = join(suite.dir, 'events.jsonl');
	let started: TuiSession | undefined;
	before(async () => {
		const env = prepare(suite.sandbox, suite.dir);
		started = suite.start({ env, args: ['--image', suite.sandbox.image, '--log', logFile] });
		await started.waitFor(/watching podman/);
	});
	return {
		get sandbox() {
			return suite.sandbox;
		},
		get tui() {
			assert.ok(started, 'conmon-tui is started in before(): read it inside a test');
			return started;
		},
		logFile,
	};
}

describe("podman's events file followed directly", { skip: skip ?? false }, () => {
	const suite = loggedSuite('eventfile');
	const { logFile } = suite;
	let sandbox: PodmanSandbox;
	let tui: TuiSession;
	let eventsFile = '';

	before(() => {
		({ sandbox, tui } = suite);
		eventsFile = join(sandbox.dir, 'tmp', 'events', 'events.log');
	});

	test('the seed experiment (run, kill, start) reaches the screen from the file, with no podman events process', async () => {
		// The --log file holds entries for a second (LOG_HOLD_MS) to write them in time order.
		const source = await waitFor('the events source in the --log file', () => readLogLines(logFile).find((l) => l.kind === 'events-source'));
		assert.equal(source?.status, 'file', `the source said in the log: ${source?.text}`);
		assert.ok(source?.text?.includes(eventsFile), source?.text);
		// The path podman named (from its debug log) is the one the sandbox's containers.conf sets, and the program holds it open.
		assert.ok(openFiles(tui.pty.pid).includes(eventsFile), 'conmon-tui has the events file open');
		const checks: number[][] = [podmanEventsChildren(tui)];
		const id = (await sandbox.podman(['run', '-d', '--name', 'seed', sandbox.image, 'sleep', 'infinity'])).stdout.trim();
		await tui.waitFor(/container seed \(\w+\) started/);
		checks.push(podmanEventsChildren(tui));
		await sandbox.podman(['kill', id]);
		await tui.waitFor(/container seed \(\w+\) died \(exit code 137\)/);
		checks.push(podmanEventsChildren(tui));
		await sandbox.podman(['start', id]);
		await waitFor('the second start in the --log file', () =>
			readLogLines(logFile).filter((l) => l.kind === 'podman-event' && l.status === 'start' && l.containerId === id).length >= 2 ? true : undefined,
		);
		checks.push(podmanEventsChildren(tui));
		assert.deepEqual(checks, [[], [], [], []], 'no podman events child at any point');
		const starts = readLogLines(logFile).filter((l) => l.kind === 'podman-event' && l.status === 'start' && l.containerId === id);
		assert.equal(starts.length, 2, 'each start once');
	});

	test('the events directory removed: the loss is said, and once podman writes the file again its events arrive', async () => {
		rmSync(join(sandbox.dir, 'tmp', 'events'), { recursive: true, force: true });
		await tui.waitFor(/podman's events file lost/);
		// The next podman command creates the directory and the file again (libpod/events/logfile.go newLogFileEventer).
		const id = (await sandbox.podman(['run', '-d', '--name', 'after-loss', sandbox.image, 'sleep', 'infinity'])).stdout.trim();
		await tui.waitFor(/podman's events file readable again/, 20_000);
		await tui.waitFor(/container after-loss \(\w+\) started/, 20_000);
		await waitFor('the start in the --log file', () => readLogLines(logFile).some((l) => l.status === 'start' && l.containerId === id) || undefined);
		assert.equal(readLogLines(logFile).filter((l) => l.kind === 'podman-event' && l.status === 'start' && l.containerId === id).length, 1);
		assert.deepEqual(podmanEventsChildren(tui), []);
	});
});

describe("podman's events file rotated by podman (events_logfile_max_size of 3 kB)", { skip: skip ?? false }, () => {
	const suite = loggedSuite('eventrotate', (sandbox) => {
		// podman rotates the file once it would pass this size (libpod/events/logfile.go rotateLog): every few runs here.
		const conf = sandbox.env['CONTAINERS_CONF'] ?? '';
		writeFileSync(conf, readFileSync(conf, 'utf8').replace('[engine]\n', '[engine]\nevents_logfile_max_size = "3k"\n'));
		return {};
	});
	const { logFile } = suite;
	let sandbox: PodmanSandbox;
	let tui: TuiSession;

	before(() => {
		({ sandbox, tui } = suite);
	});

	test('every container started across several rotations is logged once, none missed, with no podman events process', async () => {
		const eventsFile = join(sandbox.dir, 'tmp', 'events', 'events.log');
		const firstInode = statSync(eventsFile).ino;
		const ids: string[] = [];
		for (let i = 0; i < 8; i++) {
			ids.push((await sandbox.podman(['run', '-d', '--name', `rot${i}`, sandbox.image, 'sleep', 'infinity'])).stdout.trim());
			await tui.waitFor(new RegExp(`container rot${i} \\(\\w+\\) started`));
		}
		// podman rotated its file meanwhile: a new file renamed over the old one, the first runs' events cut out of it.
		assert.notEqual(statSync(eventsFile).ino, firstInode, 'a new events file');
		assert.ok(!readFileSync(eventsFile, 'utf8').includes(ids[0] ?? '?'), 'the first container is no longer in the file');
		const startsOf = (id: string) => readLogLines(logFile).filter((l) => l.kind === 'podman-event' && l.status === 'start' && l.containerId === id).length;
		await waitFor('every start in the --log file', () => (ids.every((id) => startsOf(id) >= 1) ? true : undefined));
		assert.deepEqual(
			ids.map(startsOf),
			ids.map(() => 1),
			'each start once: the events podman copies into the new file are not shown again',
		);
		assert.deepEqual(podmanEventsChildren(tui), []);
	});
});

describe('podman events when the events file cannot be found', { skip: skip ?? false }, () => {
	// podman asked for its events file's path fails (its first word is --log-level): fall back.
	const suite = loggedSuite('eventfallback', (_sandbox, dir) => ({ CONMON_TUI_PODMAN: writePodmanWrapper(dir, { failOn: ['--log-level'] }) }));
	const { logFile } = suite;
	let sandbox: PodmanSandbox;
	let tui: TuiSession;

	before(() => {
		({ sandbox, tui } = suite);
	});

	test('the fallback is said, a podman events child runs, and events reach the screen through it', async () => {
		const source = await waitFor('the events source in the --log file', () => readLogLines(logFile).find((l) => l.kind === 'events-source'));
		assert.match(source?.text ?? '', /events from podman events \(its events file was not found\)/);
		await waitFor('a podman events child', () => (podmanEventsChildren(tui).length > 0 ? true : undefined));
		await sandbox.podman(['run', '-d', '--name', 'via-podman-events', sandbox.image, 'sleep', 'infinity']);
		await tui.waitFor(/container via-podman-events \(\w+\) started/);
	});
});

describe('podman info that fails at start, and answers when asked again', { skip: skip ?? false }, () => {
	// Its first `podman info` fails (a lock held, a transient error): the events source is chosen without it.
	const suite = loggedSuite('infolate', (_sandbox, dir) => ({ CONMON_TUI_PODMAN: writePodmanWrapper(dir, { failFirst: ['info'] }) }));
	const { logFile } = suite;

	test('asked again, it answers: the events file is followed instead of podman events, and each event comes once', async () => {
		const { sandbox, tui } = suite;
		const sources = () => readLogLines(logFile).filter((l) => l.kind === 'events-source');
		const id = (await sandbox.podman(['run', '-d', '--name', 'before-info', sandbox.image, 'sleep', 'infinity'])).stdout.trim();
		await waitFor('the events source chosen again', () => (sources().length >= 2 ? true : undefined), 30_000);
		assert.deepEqual(
			sources().map((l) => l.status),
			['podman-events', 'file'],
		);
		assert.match(sources()[0]?.text ?? '', /events from podman events \(podman info did not say where podman logs events\)/);
		assert.ok(sources()[1]?.text?.includes(join(sandbox.dir, 'tmp', 'events', 'events.log')), sources()[1]?.text);
		await waitFor('the podman events child gone', () => (podmanEventsChildren(tui).length === 0 ? true : undefined));
		await sandbox.podman(['stop', '-t', '0', id]);
		await tui.waitFor(/container before-info \(\w+\) died/);
		// The --log file holds entries for a second (LOG_HOLD_MS) to write them in time order.
		await waitFor('the died event in the --log file', () =>
			readLogLines(logFile).some((l) => l.kind === 'podman-event' && l.status === 'died' && l.containerId === id) ? true : undefined,
		);
		const events = readLogLines(logFile).filter((l) => l.kind === 'podman-event' && l.containerId === id);
		for (const status of ['create', 'start', 'died']) {
			assert.equal(events.filter((l) => l.status === status).length, 1, `${status} once: ${JSON.stringify(events.map((l) => l.status))}`);
		}
	});
});
