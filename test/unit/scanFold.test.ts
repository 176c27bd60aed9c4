import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { EMPTY_HISTORY } from '../../src/model/conmonHistory.js';
import { type ProcessInfo, parseCmdline, parseStat } from '../../src/proc/parse.js';
import { foldScan, type ScanFold, type ScannedState, type ScanSnapshot } from '../../src/watch/scanFold.js';
import { containerId, makeConmonProcess, makeContainer, makeGeneration, makeProcess } from '../helpers/fixtureState.js';
import { projectRoot, readFixture } from '../helpers/fixtures.js';

/**
 * foldScan, the watcher's scan fold, on processes captured from a real machine (test/fixtures/proc:
 * podman 4.3.1, conmon 2.1.6, a private store under meta.sandboxDir) and on fixture processes of
 * another user's store. Each test feeds scans in turn, as the watcher does, applying each update.
 */
const meta = JSON.parse(readFixture('proc/meta.json')) as {
	containerId: string;
	containerName: string;
	conmonPid: number;
	containerPid: number;
	sandboxDir: string;
	btime: number;
	execConmonPid: number;
	execProcessPid: number;
	execIds: string[];
};
const ID = meta.containerId;
const BOOT = meta.btime * 1000;
/** The store the fixtures were captured in, as `podman info` names it. */
const ROOTS = { graphRoot: `${meta.sandboxDir}/root`, runRoot: `${meta.sandboxDir}/run` };
const EXIT_DIR = `${meta.sandboxDir}/tmp/exits`;

function captured(statFile: string, cmdlineFile?: string, argv: string[] = []): ProcessInfo {
	const stat = parseStat(readFixture(`proc/${statFile}`));
	assert.ok(stat, statFile);
	const raw = cmdlineFile ? readFileSync(join(projectRoot(), 'test', 'fixtures', 'proc', cmdlineFile), 'latin1') : undefined;
	return { ...stat, argv: raw === undefined ? argv : parseCmdline(raw) };
}

/** conmon 13949 and the container's `sleep infinity` 13959 below it. */
const CONMON = captured('conmon-stat.txt', 'conmon-cmdline.bin');
const SLEEP = captured('container-stat.txt', 'container-cmdline.bin');
/** `podman exec -d … sleep`: its own conmon 14121 (`-e`) and the exec'd process 14131. */
const EXEC_CONMON = captured('conmon-exec-stat.txt', 'conmon-exec-cmdline.bin');
const EXEC_SLEEP = captured('exec-process-stat.txt', undefined, ['sleep', '30']);
/** A process of the machine that has nothing to do with containers. */
const BASH = makeProcess(900, 1, ['/bin/bash']);
const CONMON_STARTED_AT = BOOT + CONMON.startTicks * 10;

const LISTED = makeContainer({ id: ID, name: meta.containerName, state: 'running', pid: meta.containerPid });
const NOTHING: ScannedState = { containers: {}, history: EMPTY_HISTORY, processes: [], unmonitored: {}, helpers: [] };
const WITH_LISTED: ScannedState = { ...NOTHING, containers: { [ID]: LISTED } };

function snapshot(processes: ProcessInfo[], overrides: Partial<ScanSnapshot> = {}): ScanSnapshot {
	return { processes, bootTimeMs: BOOT, storeRoots: ROOTS, first: false, ...overrides };
}

/** The state after the watcher applies a fold's update. */
function apply(state: ScannedState, fold: ScanFold): ScannedState {
	return { ...state, ...fold.update };
}

describe('foldScan', () => {
	test('a new conmon appears: a generation with its container PID, its processes kept, news in the log', () => {
		const now = CONMON_STARTED_AT + 500;
		const fold = foldScan(WITH_LISTED, snapshot([BASH, CONMON, SLEEP]), now);
		assert.deepEqual(
			fold.history.generations[ID]?.map((g) => [g.pid, g.startedAt, g.containerPid, g.nameAtStart, g.exitedAt]),
			[[meta.conmonPid, CONMON_STARTED_AT, meta.containerPid, meta.containerName, undefined]],
		);
		assert.equal(fold.update.history, fold.history);
		assert.deepEqual(
			fold.update.processes?.map((p) => p.pid),
			[meta.conmonPid, meta.containerPid],
			'the rest of the machine is dropped',
		);
		assert.deepEqual(fold.changes, [{ kind: 'appeared', containerId: ID, pid: meta.conmonPid, at: CONMON_STARTED_AT, name: meta.containerName }]);
		assert.deepEqual(
			fold.log.map((e) => e.facts),
			[{ kind: 'conmon', status: 'appeared', containerId: ID, pid: meta.conmonPid }],
		);
		assert.match(fold.log[0]?.text ?? '', new RegExp(meta.containerName));
		assert.equal(fold.update.containers, undefined, 'podman lists it: no provisional row');
		assert.deepEqual(fold.inStore, [ID]);
		assert.deepEqual(fold.exitDirs, [EXIT_DIR]);
		assert.deepEqual(fold.unmonitored, {});

		const again = foldScan(apply(WITH_LISTED, fold), snapshot([BASH, CONMON, SLEEP]), now + 40);
		assert.deepEqual(again.update, {}, 'the same scan again changes nothing');
		assert.deepEqual(again.log, []);
		const copies = foldScan(
			apply(WITH_LISTED, fold),
			snapshot([{ ...BASH }, { ...CONMON, argv: [...CONMON.argv] }, { ...SLEEP, argv: [...SLEEP.argv] }]),
			now + 80,
		);
		assert.deepEqual(copies.update, {}, "the same processes read again (a far host's scan makes new objects): nothing changed");
	});

	test('a process below conmon whose command line alone changed (it wrote over its argv) is news for the screen', () => {
		const now = CONMON_STARTED_AT + 500;
		const state = apply(WITH_LISTED, foldScan(WITH_LISTED, snapshot([CONMON, SLEEP]), now));
		const renamed = { ...SLEEP, argv: ['nginx: worker process'] };
		const fold = foldScan(state, snapshot([CONMON, renamed]), now + 5_000);
		assert.deepEqual(fold.update.processes?.[1]?.argv, ['nginx: worker process']);
	});

	test('the conmon exits and lingers as a zombie: its generation is closed, the exit is news', () => {
		const first = foldScan(WITH_LISTED, snapshot([CONMON, SLEEP]), CONMON_STARTED_AT + 500);
		const exitAt = CONMON_STARTED_AT + 60_000;
		// A zombie keeps its PID and start time; its cmdline reads empty, and the scanner keeps the last one.
		const zombie = { ...CONMON, state: 'Z' };
		const fold = foldScan(apply(WITH_LISTED, first), snapshot([zombie]), exitAt);
		assert.deepEqual(
			fold.history.generations[ID]?.map((g) => [g.pid, g.exitedAt, g.containerPid]),
			[[meta.conmonPid, exitAt, meta.containerPid]],
		);
		assert.deepEqual(fold.changes, [{ kind: 'exited', containerId: ID, pid: meta.conmonPid, at: exitAt }]);
		assert.deepEqual(
			fold.log.map((e) => e.facts?.kind === 'conmon' && e.facts.status),
			['exited'],
		);
		assert.deepEqual(
			fold.update.processes?.map((p) => [p.pid, p.state]),
			[[meta.conmonPid, 'Z']],
		);
		assert.deepEqual(fold.unmonitored, {}, 'the container process is gone too: nothing is left unmonitored');

		const gone = foldScan(apply(apply(WITH_LISTED, first), fold), snapshot([]), exitAt + 1_000);
		assert.deepEqual(gone.changes, [], 'the zombie reaped is no second exit');
		assert.deepEqual(gone.update.processes, []);
	});

	test("a generation's container PID: not the runtime's create, then the container's first process, kept after it dies", () => {
		const runcCreate = makeProcess(13950, meta.conmonPid, ['/usr/bin/runc', '--root', '/run/runc', 'create', '--bundle', '/b', ID]);
		const creating = foldScan(WITH_LISTED, snapshot([CONMON, runcCreate]), CONMON_STARTED_AT + 20);
		assert.equal(creating.history.generations[ID]?.[0]?.containerPid, undefined, '`runc create` is not the container');

		const running = foldScan(apply(WITH_LISTED, creating), snapshot([CONMON, SLEEP]), CONMON_STARTED_AT + 100);
		assert.equal(running.history.generations[ID]?.[0]?.containerPid, meta.containerPid);

		// The container died; conmon forks its exit command, `podman container cleanup`.
		const cleanup = makeProcess(14500, meta.conmonPid, ['/usr/bin/podman', '--root', ROOTS.graphRoot, 'container', 'cleanup', ID]);
		const dying = foldScan(apply(apply(WITH_LISTED, creating), running), snapshot([CONMON, cleanup]), CONMON_STARTED_AT + 9_000);
		assert.equal(dying.history.generations[ID]?.[0]?.containerPid, meta.containerPid, 'fixed once known');
	});

	test('exec conmons: their own branch, not a generation; they appear and exit as news', () => {
		const processes = [CONMON, SLEEP, EXEC_CONMON, EXEC_SLEEP];
		const fold = foldScan(WITH_LISTED, snapshot(processes), CONMON_STARTED_AT + 5_000);
		assert.deepEqual(
			fold.history.generations[ID]?.map((g) => g.pid),
			[meta.conmonPid],
			'one generation: the exec conmon is not a restart',
		);
		assert.deepEqual(
			Object.values(fold.history.execConmons).map((e) => [e.pid, e.containerId, e.execSessionId]),
			[[meta.execConmonPid, ID, meta.execIds[0]]],
		);
		assert.deepEqual(
			fold.changes.map((c) => [c.kind, c.pid]),
			[
				['appeared', meta.conmonPid],
				['exec-appeared', meta.execConmonPid],
			],
		);
		assert.deepEqual(
			fold.update.processes?.map((p) => p.pid),
			[meta.conmonPid, meta.containerPid, meta.execConmonPid, meta.execProcessPid],
		);

		const after = foldScan(apply(WITH_LISTED, fold), snapshot([CONMON, SLEEP]), CONMON_STARTED_AT + 35_000);
		assert.deepEqual(
			after.changes.map((c) => [c.kind, c.pid]),
			[['exec-exited', meta.execConmonPid]],
		);
		assert.deepEqual(after.history.execConmons, {});
		assert.deepEqual(
			after.log.map((e) => e.facts?.kind === 'conmon' && e.facts.status),
			['exec-exited'],
		);
	});

	test("a foreign conmon (another user's store) is recorded, but gets no row, no inotify watch, and is not this store's", () => {
		const otherId = containerId('someone-else');
		const foreign = makeConmonProcess(makeGeneration(5000, CONMON_STARTED_AT), otherId, 'theirs', { uid: 1000 });
		const fold = foldScan(NOTHING, snapshot([foreign, makeProcess(5010, 5000, ['sleep', 'infinity'])]), CONMON_STARTED_AT + 500);
		assert.deepEqual(
			fold.history.generations[otherId]?.map((g) => [g.pid, g.uid, g.containerPid]),
			[[5000, 1000, 5010]],
		);
		assert.equal(fold.update.containers, undefined, 'podman will never list it: no provisional row');
		assert.deepEqual(fold.inStore, []);
		assert.deepEqual(fold.exitDirs, []);
	});

	test("other stores' conmons, on a shared machine: one line of the pane counts them per scan; each is a full record for --log", () => {
		const theirs = (n: number) => containerId(`someone-else-${n}`);
		const foreign = (n: number) => makeConmonProcess(makeGeneration(5000 + n, CONMON_STARTED_AT), theirs(n), `theirs-${n}`, { uid: 1000 });
		const pane = (fold: ScanFold) => fold.log.filter((entry) => entry.recordOnly !== true).map((entry) => entry.text);
		const records = (fold: ScanFold) => fold.log.filter((entry) => entry.recordOnly === true).map((entry) => entry.facts);

		const now = CONMON_STARTED_AT + 500;
		const fold = foldScan(WITH_LISTED, snapshot([CONMON, SLEEP, foreign(1), foreign(2), foreign(3)]), now);
		assert.deepEqual(pane(fold), [
			`conmon ${meta.conmonPid} appeared for ${meta.containerName} (${ID.slice(0, 12)})`,
			'3 conmons of containers this podman does not list appeared',
		]);
		assert.deepEqual(
			records(fold),
			[1, 2, 3].map((n) => ({ kind: 'conmon', status: 'appeared', containerId: theirs(n), pid: 5000 + n })),
		);
		assert.deepEqual(fold.log.at(-1)?.facts, { kind: 'foreign-conmons', appeared: 3, exited: 0 });
		assert.equal(fold.log.at(-1)?.at, now, "the scan's line, at the scan's time");

		const next = foldScan(apply(WITH_LISTED, fold), snapshot([CONMON, SLEEP, foreign(3), foreign(4)]), now + 1_000);
		assert.deepEqual(pane(next), ['1 conmon of containers this podman does not list appeared, 2 exited']);
		assert.deepEqual(
			records(next).map((facts) => [facts?.status, facts?.pid]),
			[
				['exited', 5001],
				['exited', 5002],
				['appeared', 5004],
			],
		);
		const last = foldScan(apply(apply(WITH_LISTED, fold), next), snapshot([CONMON, SLEEP]), now + 2_000);
		assert.deepEqual(pane(last), ['2 conmons of containers this podman does not list exited']);
	});

	test("this store's conmon exiting after podman stopped listing its container (--rm) keeps its own line", () => {
		const first = foldScan(WITH_LISTED, snapshot([CONMON, SLEEP]), CONMON_STARTED_AT + 500);
		const removed = { ...apply(WITH_LISTED, first), containers: {} };
		const fold = foldScan(removed, snapshot([]), CONMON_STARTED_AT + 5_000);
		assert.deepEqual(
			fold.log.map((entry) => [entry.recordOnly, entry.facts?.kind, entry.facts?.status]),
			[[undefined, 'conmon', 'exited']],
		);
	});

	test('before the store is known (podman info late or failed), a conmon podman has not listed yet keeps its own line', () => {
		const fold = foldScan(NOTHING, snapshot([CONMON, SLEEP], { storeRoots: undefined }), CONMON_STARTED_AT + 300);
		assert.deepEqual(
			fold.log.map((entry) => [entry.recordOnly, entry.facts?.kind, entry.facts?.status, entry.facts?.pid]),
			[[undefined, 'conmon', 'appeared', meta.conmonPid]],
		);
	});

	test("this store's conmon that ps has not listed yet gets a provisional row from conmon's command line", () => {
		const fold = foldScan(NOTHING, snapshot([CONMON, SLEEP]), CONMON_STARTED_AT + 300);
		const row = fold.update.containers?.[ID];
		assert.deepEqual(row && [row.name, row.state, row.pid, row.startedAt, row.image], [
			meta.containerName,
			'running',
			meta.containerPid,
			CONMON_STARTED_AT,
			'',
		]);
		assert.deepEqual(fold.inStore, [ID]);

		const storeUnknown = foldScan(NOTHING, snapshot([CONMON, SLEEP], { storeRoots: undefined }), CONMON_STARTED_AT + 300);
		assert.equal(storeUnknown.update.containers, undefined, "before `podman info` answers, no conmon counts as this store's");
		assert.deepEqual(storeUnknown.inStore, []);
	});

	test('the first scan is not news: what was already there is recorded, not logged, not watched', () => {
		const fold = foldScan(WITH_LISTED, snapshot([CONMON, SLEEP], { first: true }), CONMON_STARTED_AT + 3_600_000);
		assert.deepEqual(
			fold.history.generations[ID]?.map((g) => g.pid),
			[meta.conmonPid],
		);
		assert.deepEqual(
			fold.changes.map((c) => c.kind),
			['appeared'],
			'the change is still there for the caller',
		);
		assert.deepEqual(fold.log, []);
		assert.deepEqual(fold.exitDirs, []);
		assert.deepEqual(fold.inStore, [ID], "but it is known to be this store's");
	});

	test('a running container with no conmon and its process alive is unmonitored; its processes are kept', () => {
		const orphan = { ...SLEEP, ppid: 1 };
		const fold = foldScan(WITH_LISTED, snapshot([BASH, orphan]), CONMON_STARTED_AT + 500);
		assert.deepEqual(fold.unmonitored, { [ID]: meta.containerPid });
		assert.deepEqual(fold.update.unmonitored, { [ID]: meta.containerPid });
		assert.deepEqual(
			fold.update.processes?.map((p) => p.pid),
			[meta.containerPid],
		);
	});
});
