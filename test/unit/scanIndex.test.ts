import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { EMPTY_HISTORY } from '../../src/model/conmonHistory.js';
import { findConmons } from '../../src/proc/conmonProcess.js';
import { type ProcessInfo, parseCmdline, parseStat } from '../../src/proc/parse.js';
import { findRootlessHelpers } from '../../src/proc/rootlessHelpers.js';
import { indexScan } from '../../src/proc/scanIndex.js';
import { foldScan, type ScannedState } from '../../src/watch/scanFold.js';
import { CONMON_ARGV, projectRoot } from '../helpers/fixtures.js';

function proc(pid: number, ppid: number, argv: string[], extra: Partial<ProcessInfo> = {}): ProcessInfo {
	return { pid, ppid, state: 'S', startTicks: pid, comm: argv[0]?.split('/').at(-1)?.slice(0, 15) ?? '', argv, ...extra };
}

/** Every process captured in a fixture folder: each `NAME-stat.txt` with its `NAME-cmdline.bin` when there is one. */
function capturedProcesses(folder: string): ProcessInfo[] {
	const dir = join(projectRoot(), 'test', 'fixtures', folder);
	const files = readdirSync(dir);
	return files
		.filter((file) => file.endsWith('-stat.txt'))
		.map((file) => {
			const stat = parseStat(readFileSync(join(dir, file), 'utf8'));
			assert.ok(stat, file);
			const cmdline = file.replace(/-stat\.txt$/, '-cmdline.bin');
			return { ...stat, argv: files.includes(cmdline) ? parseCmdline(readFileSync(join(dir, cmdline), 'latin1')) : [] };
		});
}

describe('indexScan: one index a scan', () => {
	test('finds what findConmons and findRootlessHelpers find, on the captured processes (podman 4 rootful and rootless)', () => {
		const launcher = proc(90_000, 1, ['podman', 'run', 'x']);
		for (const folder of ['proc', 'rootless']) {
			// With the moments findConmons leaves out: podman's launcher conmon and a monitor's fork.
			const all = [...capturedProcesses(folder), launcher, proc(90_001, 90_000, CONMON_ARGV), proc(90_002, 1, CONMON_ARGV), proc(90_003, 90_002, CONMON_ARGV)];
			const index = indexScan(all);
			assert.deepEqual(index.conmons, findConmons(all), folder);
			assert.deepEqual(index.helpers, findRootlessHelpers(all), folder);
			assert.deepEqual(index.byPid, new Map(all.map((p) => [p.pid, p])), folder);
			assert.ok(index.conmons.length > 1, `${folder}: the captured conmons and 90002 are found`);
		}
		assert.ok(indexScan(capturedProcesses('rootless')).helpers.length > 0, 'the captured rootless helpers are found');
	});

	test("reads the UIDs of conmons and would-be helpers once, and tells the helpers again with them: root's catatonit -P is no pause process", () => {
		const conmon = proc(200, 1, CONMON_ARGV);
		const rootCatatonit = proc(300, 1, ['catatonit', '-P']);
		const userPause = proc(400, 1, ['catatonit', '-P']);
		const slirp = proc(500, 1, ['slirp4netns', '--netns-type=path', '/run/user/1000/netns/netns-1', 'tap0']);
		const all = [proc(1, 0, ['/sbin/init']), conmon, rootCatatonit, userPause, slirp, proc(600, 1, ['sleep', '1'])];
		const uids = new Map([
			[200, 1000],
			[300, 0],
			[400, 1000],
			[500, 1000],
		]);
		const asked: number[][] = [];
		const index = indexScan(all, (processes) => {
			asked.push(processes.map((p) => p.pid));
			for (const process of processes) process.uid = uids.get(process.pid) ?? -1;
		});
		assert.deepEqual(asked, [[200, 300, 400, 500]], 'one read, of the conmon and the three would-be helpers');
		assert.deepEqual(
			index.helpers.map((h) => [h.process.pid, h.kind]),
			[
				[400, 'pause'],
				[500, 'slirp4netns'],
			],
		);
		// What the fold used to find again over every process, once the UIDs were read.
		assert.deepEqual(index.helpers, findRootlessHelpers(all));
	});

	test("foldScan takes the scan's index and finds nothing again", () => {
		const nothing: ScannedState = { containers: {}, history: EMPTY_HISTORY, processes: [], unmonitored: {}, helpers: [] };
		const processes = [proc(1, 0, ['/sbin/init']), proc(200, 1, CONMON_ARGV), proc(210, 200, ['sleep', 'infinity'])];
		const scan = { processes, bootTimeMs: 0, storeRoots: undefined, first: false };
		const found = foldScan(nothing, scan, 1_000);
		assert.deepEqual(
			found.changes.map((c) => [c.kind, c.pid]),
			[['appeared', 200]],
		);
		// An index that holds no conmon: the fold sees none, so it used the index rather than its own search.
		const handed = foldScan(nothing, { ...scan, index: { byPid: new Map(processes.map((p) => [p.pid, p])), conmons: [], helpers: [] } }, 1_000);
		assert.deepEqual(handed.changes, []);
		assert.equal(handed.update.processes, undefined);
	});
});
