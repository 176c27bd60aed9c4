import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHANGE_HIGHLIGHT_MS } from '../../src/model/changeHighlight.js';
import type { ConmonGeneration } from '../../src/model/conmonHistory.js';
import type { Container } from '../../src/model/container.js';
import { buildTree, FOREIGN_GRACE_MS, NOTHING_LEFT_GRACE_MS, type TreeInput, type TreeRow } from '../../src/model/tree.js';
import { rowText } from '../../src/present/format.js';
import type { ProcessInfo } from '../../src/proc/parse.js';
import { makeContainer } from '../helpers/fixtureState.js';

const NOW = Date.parse('2026-11-29T16:58:15Z');
const A = `bbd78c2c3402${'0'.repeat(52)}`;
const B = `a1b2c3d4e5f6${'1'.repeat(52)}`;

function container(id: string, name: string, over: Partial<Container> = {}): Container {
	return makeContainer({
		id,
		name,
		image: 'alpine:latest',
		exitCode: undefined,
		createdAt: NOW - 60_000,
		startedAt: NOW - 4_000,
		restartCount: undefined,
		...over,
	});
}

function proc(pid: number, ppid: number, argv: string[], state = 'S'): ProcessInfo {
	return { pid, ppid, state, startTicks: pid * 10, comm: argv[0] ?? '', argv };
}

function gen(pid: number, over: Partial<ConmonGeneration> = {}): ConmonGeneration {
	return { pid, startTicks: pid * 10, startedAt: NOW - 10_000, ...over };
}

function render(input: Partial<TreeInput>, filter = ''): string[] {
	const full: TreeInput = { containers: [], history: { generations: {}, execConmons: {} }, processes: [], unmonitored: {}, ...input };
	return buildTree(full, filter, NOW).map((row) => `${row.guide}${rowText(row, NOW)}`);
}

describe('buildTree', () => {
	const history: TreeInput['history'] = {
		generations: {
			[A]: [gen(3805, { exitedAt: Date.parse('2026-11-29T16:57:03Z'), exitCode: 137 }), gen(3990)],
			[B]: [gen(3870, { exitedAt: Date.parse('2026-11-29T16:58:10Z'), exitCode: 0 })],
		},
		execConmons: {},
	};
	const processes = [proc(3990, 1, ['/usr/bin/conmon']), proc(4002, 3990, ['sleep', 'infinity'])];

	test('the seed screen: a restarted container with its conmon history, and an exited one', () => {
		const lines = render({
			containers: [
				container(A, 'interesting_kowalevski'),
				container(B, 'quirky_hopper', { state: 'exited', exitCode: 0, command: ['sleep', '1'], createdAt: NOW - 30_000, finishedAt: NOW - 5_000 }),
			],
			history,
			processes,
		});
		assert.equal(lines[0], '● interesting_kowalevski  bbd78c2c3402  alpine:latest  sleep infinity  Up 4s');
		assert.match(lines[1] ?? '', /^ {2}└─ conmon 3990 {2}\(2nd start; before: 3805 exited \d\d:57:03, code 137\)$/);
		assert.equal(lines[2], '     └─ sleep infinity 4002');
		assert.equal(lines[3], '○ quirky_hopper  a1b2c3d4e5f6  alpine:latest  sleep 1  Exited (0) 5s ago');
		// It exited 5 s ago: no longer marked, it has moved into history.
		assert.match(lines[4] ?? '', /^ {2}└─ no conmon · last: 3870 exited \d\d:58:10, code 0 \(Enter: history\)$/);
		assert.equal(lines.length, 5);
	});

	test('containers are ordered by creation, not by state, so rows do not jump', () => {
		const older = container(B, 'older', { createdAt: NOW - 90_000, state: 'exited' });
		const newer = container(A, 'newer', { createdAt: NOW - 10_000 });
		const names = buildTree({ containers: [newer, older], history: { generations: {}, execConmons: {} }, processes: [], unmonitored: {} }, '', NOW)
			.filter((r) => r.kind === 'container')
			.map((r) => (r.kind === 'container' ? r.container.name : ''));
		assert.deepEqual(names, ['older', 'newer']);
	});

	test('a process tree under conmon gets ├─ and │ guides', () => {
		const lines = render({
			containers: [container(A, 'web')],
			history: { generations: { [A]: [gen(10)] }, execConmons: {} },
			processes: [proc(10, 1, ['conmon']), proc(11, 10, ['sh']), proc(12, 11, ['sleep', '1']), proc(13, 11, ['sleep', '2']), proc(14, 10, ['other'])],
		});
		assert.deepEqual(lines.slice(1), ['  └─ conmon 10', '     ├─ sh 11', '     │  ├─ sleep 1 12', '     │  └─ sleep 2 13', '     └─ other 14']);
	});

	test('a zombie conmon is shown dead, and its zombie child is marked', () => {
		const lines = render({
			containers: [container(A, 'web', { state: 'exited', exitCode: 137 })],
			history: { generations: { [A]: [gen(10)] }, execConmons: {} },
			processes: [proc(10, 1, ['conmon'], 'Z')],
		});
		assert.match(lines[1] ?? '', /conmon 10 zombie \(exited, not yet reaped\)/);
	});

	test('exec conmons are their own branch with their process', () => {
		const lines = render({
			containers: [container(A, 'web')],
			history: {
				generations: { [A]: [gen(10)] },
				execConmons: { x: { containerId: A, execSessionId: 'e'.repeat(64), pid: 20, startTicks: 200, startedAt: NOW } },
			},
			processes: [proc(10, 1, ['conmon']), proc(11, 10, ['sleep', 'infinity']), proc(20, 1, ['conmon']), proc(21, 20, ['sh'])],
		});
		assert.deepEqual(lines.slice(1), ['  ├─ conmon 10', '  │  └─ sleep infinity 11', '  └─ conmon 20  exec session eeeeeeeeeeee  ★ new', '     └─ sh 21']);
	});

	test('a running container whose conmon was killed is flagged, with its live process', () => {
		const lines = render({
			containers: [container(A, 'web', { pid: 11 })],
			history: { generations: { [A]: [gen(10, { exitedAt: NOW - 1000 })] }, execConmons: {} },
			processes: [proc(11, 1, ['sleep', 'infinity'])],
			unmonitored: { [A]: 11 },
		});
		assert.match(lines[1] ?? '', /├─ conmon 10 {2}✝ exited \d\d:58:14, code unknown$/);
		assert.match(lines[2] ?? '', /└─ ⚠ no conmon: container PID 11 runs unmonitored/);
		assert.equal(lines[3], '     └─ sleep infinity 11');
	});

	test('podman says running, its conmon was killed and its process died too: flagged, not a plain running row', () => {
		const input = { containers: [container(A, 'husk', { pid: 11 })], unmonitored: {} };
		const lines = render({ ...input, history: { generations: { [A]: [gen(10, { exitedAt: NOW - NOTHING_LEFT_GRACE_MS })] }, execConmons: {} } });
		assert.match(lines.at(-1) ?? '', /└─ ⚠ podman says running, but its conmon and its process are gone/);
		// A conmon that has just exited: podman's list catches up within a moment; not flagged yet.
		const fresh = render({ ...input, history: { generations: { [A]: [gen(10, { exitedAt: NOW - 100 })] }, execConmons: {} } });
		assert.doesNotMatch(fresh.join('\n'), /⚠/);
		// Exited per podman: nothing to flag.
		const exited = render({
			containers: [container(A, 'done', { state: 'exited', exitCode: 0 })],
			history: { generations: { [A]: [gen(10, { exitedAt: NOW - 60_000 })] }, execConmons: {} },
		});
		assert.doesNotMatch(exited.join('\n'), /⚠/);
	});

	test('containers never seen running say why there is no conmon', () => {
		const lines = render({ containers: [container(A, 'fresh', { state: 'created' }), container(B, 'old', { state: 'exited', exitCode: 2, createdAt: NOW })] });
		assert.equal(lines[1], '  └─ no conmon yet (never started)');
		assert.match(lines[3] ?? '', /no conmon \(exited, code 2, before conmon-tui started\)/);
	});

	test('the filter matches name, ID and image, case-insensitively', () => {
		const containers = [container(A, 'web'), container(B, 'db', { image: 'docker.io/library/postgres:16', createdAt: NOW })];
		const names = (filter: string) =>
			buildTree({ containers, history: { generations: {}, execConmons: {} }, processes: [], unmonitored: {} }, filter, NOW).flatMap((r) =>
				r.kind === 'container' ? [r.container.name] : [],
			);
		assert.deepEqual(names('WEB'), ['web']);
		assert.deepEqual(names('a1b2'), ['db']);
		assert.deepEqual(names('postgres'), ['db']);
		assert.deepEqual(names('nomatch'), []);
		assert.deepEqual(names('  '), ['web', 'db']);
	});

	test('a live conmon of a container podman does not list gets its own group, after a grace period', () => {
		const history: TreeInput['history'] = {
			generations: { [B]: [gen(77, { nameAtStart: 'stranger', startedAt: NOW - FOREIGN_GRACE_MS - 1 })] },
			execConmons: {},
		};
		const lines = render({ containers: [container(A, 'web')], history, processes: [proc(77, 1, ['conmon']), proc(78, 77, ['top'])] });
		assert.match(lines.at(-3) ?? '', /^\? 1 conmon of containers this podman does not list/);
		assert.match(lines.at(-2) ?? '', /^ {2}└─ conmon 77 {2}container a1b2c3d4e5f6 \(stranger\)/);
		assert.equal(lines.at(-1), '     └─ top 78');
		const young: TreeInput['history'] = { generations: { [B]: [gen(77, { startedAt: NOW - 100 })] }, execConmons: {} };
		assert.equal(render({ history: young }).length, 0, 'a brand-new conmon waits for podman ps');
	});
});

describe('changes marked in the tree', () => {
	/** The rows of one running container `web` (A) with these conmon generations, at `now`. */
	function rowsAt(generations: ConmonGeneration[], now: number, processes: ProcessInfo[] = []): TreeRow[] {
		// As podman would say: exited once its last conmon has (a running one with no conmon is flagged, see above).
		const state = generations.at(-1)?.exitedAt === undefined ? 'running' : 'exited';
		const input: TreeInput = {
			containers: [container(A, 'web', { state })],
			history: { generations: { [A]: generations }, execConmons: {} },
			processes,
			unmonitored: {},
		};
		return buildTree(input, '', now);
	}
	function conmonRow(rows: readonly TreeRow[]): Extract<TreeRow, { kind: 'conmon' }> | undefined {
		return rows.find((r): r is Extract<TreeRow, { kind: 'conmon' }> => r.kind === 'conmon');
	}

	test('a conmon is new for CHANGE_HIGHLIGHT_MS after it started, then plain', () => {
		const started = gen(10, { startedAt: NOW });
		const processes = [proc(10, 1, ['conmon'])];
		assert.equal(conmonRow(rowsAt([started], NOW, processes))?.highlight, 'new');
		assert.equal(conmonRow(rowsAt([started], NOW + CHANGE_HIGHLIGHT_MS - 1, processes))?.highlight, 'new');
		assert.equal(conmonRow(rowsAt([started], NOW + CHANGE_HIGHLIGHT_MS, processes))?.highlight, undefined);
		// A clock read just before the start (the screen ticks slowly when idle) still marks it.
		assert.equal(conmonRow(rowsAt([started], NOW - 500, processes))?.highlight, 'new');
		assert.match(rowText(conmonRow(rowsAt([started], NOW, processes)) as TreeRow, NOW), /^conmon 10 {2}★ new$/);
	});

	test('an exited conmon is marked exited, with its code, then moves into history', () => {
		const exited = gen(10, { startedAt: NOW - 60_000, exitedAt: NOW, exitCode: 137 });
		const fresh = rowsAt([exited], NOW + CHANGE_HIGHLIGHT_MS - 1);
		const row = conmonRow(fresh);
		assert.equal(row?.highlight, 'exited');
		assert.match(rowText(row as TreeRow, NOW), /^conmon 10 {2}✝ exited \d\d:58:15, code 137$/);

		const later = rowsAt([exited], NOW + CHANGE_HIGHLIGHT_MS);
		assert.equal(conmonRow(later), undefined, 'no full conmon row any more');
		const summary = later.find((r) => r.kind === 'conmon-history');
		assert.ok(summary, 'a history summary instead');
		assert.equal(summary.generation.pid, 10);
		assert.match(rowText(summary, NOW), /^no conmon · last: 10 exited \d\d:58:15, code 137 \(Enter: history\)$/);
		assert.equal(later.length, 2, 'the container and its summary: nothing below it');
	});

	test('the summary names the last conmon when there were several', () => {
		const first = gen(10, { startedAt: NOW - 90_000, exitedAt: NOW - 60_000, exitCode: 0 });
		const second = gen(20, { startedAt: NOW - 50_000, exitedAt: NOW - 30_000 });
		const rows = rowsAt([first, second], NOW);
		assert.match(rowText(rows[1] as TreeRow, NOW), /^no conmon · last: 20 exited \d\d:57:45, code unknown \(Enter: history\)$/);
	});

	test('a zombie conmon stays a full, exited row as long as /proc lists it', () => {
		const exited = gen(10, { startedAt: NOW - 60_000, exitedAt: NOW - 60_000, exitCode: 1 });
		const zombie = proc(10, 1, [], 'Z');
		const row = conmonRow(rowsAt([exited], NOW, [zombie]));
		assert.equal(row?.zombie, true);
		assert.equal(row?.highlight, 'exited');
		assert.match(rowText(row as TreeRow, NOW), /^conmon 10 zombie \(exited, not yet reaped\) {2}✝ exited \d\d:57:15, code 1$/);
		// Another process that took the PID later is not that zombie.
		const reused = { ...zombie, startTicks: zombie.startTicks + 1 };
		assert.equal(conmonRow(rowsAt([exited], NOW, [reused])), undefined);
	});

	test('a new exec conmon is marked new, then plain', () => {
		const exec = { containerId: A, execSessionId: 'e'.repeat(64), pid: 20, startTicks: 200, startedAt: NOW };
		const input: TreeInput = {
			containers: [container(A, 'web')],
			history: { generations: {}, execConmons: { x: exec } },
			processes: [proc(20, 1, ['conmon'])],
			unmonitored: {},
		};
		const execRow = (now: number) => buildTree(input, '', now).find((r) => r.kind === 'exec');
		assert.equal(execRow(NOW)?.kind === 'exec' && execRow(NOW)?.highlight, 'new');
		const later = execRow(NOW + CHANGE_HIGHLIGHT_MS);
		assert.equal(later?.kind === 'exec' ? later.highlight : 'missing', undefined);
	});

	test('a conmon a newer one replaced (restart) stays a moment, marked exited, above its successor', () => {
		const old = gen(10, { startedAt: NOW - 60_000, exitedAt: NOW, exitCode: 137 });
		const next = gen(20, { startedAt: NOW + 100 });
		const processes = [proc(20, 1, ['conmon'])];
		const fresh = rowsAt([old, next], NOW + 1_000, processes).filter((r) => r.kind === 'conmon');
		assert.deepEqual(
			fresh.map((r) => [r.generation.pid, r.highlight]),
			[
				[10, 'exited'],
				[20, 'new'],
			],
		);
		assert.match(rowText(fresh[0] as TreeRow, NOW), /^conmon 10 {2}✝ exited \d\d:58:15, code 137$/);
		assert.equal(fresh[0]?.guide, '  ├─ ', 'the old one first, its successor last');
		const later = rowsAt([old, next], NOW + CHANGE_HIGHLIGHT_MS, processes).filter((r) => r.kind === 'conmon');
		assert.deepEqual(
			later.map((r) => r.generation.pid),
			[20],
			'then only the successor, which names it as before',
		);
	});

	test('an exec conmon that exited stays a moment, marked exited, then goes', () => {
		const exec = { containerId: A, execSessionId: 'e'.repeat(64), pid: 20, startTicks: 200, startedAt: NOW - 8_000, exitedAt: NOW };
		const input = (now: number) =>
			buildTree(
				{
					containers: [container(A, 'web')],
					history: { generations: {}, execConmons: {}, recentExecExits: { x: exec } },
					processes: [],
					unmonitored: {},
				},
				'',
				now,
			);
		const row = input(NOW + 1_000).find((r) => r.kind === 'exec');
		assert.equal(row?.kind === 'exec' && row.highlight, 'exited');
		assert.match(rowText(row as TreeRow, NOW), /exec session e{12} {2}✝ exited \d\d:58:15$/);
		assert.equal(
			input(NOW + CHANGE_HIGHLIGHT_MS).find((r) => r.kind === 'exec'),
			undefined,
		);
	});
});
