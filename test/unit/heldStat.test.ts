import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { HeldStatFiles } from '../../src/proc/heldStat.js';
import type { ProcessInfo } from '../../src/proc/parse.js';
import { ProcScanner } from '../../src/proc/read.js';
import { fakeProcFiles, statLine } from '../helpers/fakeProcFiles.js';
import { waitFor } from '../helpers/waitFor.js';

describe('HeldStatFiles, fake /proc files', () => {
	const proc = fakeProcFiles('heldstat');
	const root = proc.root;
	const write = (pid: number, stat: string) => proc.write(pid, { stat });

	test('the line at first; unchanged while name, state and parent read as the last ones; the line again once one of them changes', () => {
		const files = new HeldStatFiles(root);
		const line = statLine(40, 'sleep', 'S', 500, 39);
		write(40, line);
		assert.equal(files.read(40, undefined), line);
		assert.equal(files.heldCount, 1);
		const last = { comm: 'sleep', state: 'S', ppid: 39 };
		assert.equal(files.read(40, last), 'unchanged');
		assert.equal(files.read(40, undefined), line, 'nothing to compare with: the line');
		for (const changed of [statLine(40, 'sleep', 'Z', 500, 39), statLine(40, 'sleep', 'S', 500), statLine(40, 'sh', 'S', 500, 39)]) {
			write(40, changed);
			assert.equal(files.read(40, last), changed);
		}
		write(40, statLine(40, 'sleep', 'S', 500, 39));
		assert.equal(files.read(40, { comm: 'sleep', state: 'S', ppid: 3 }), statLine(40, 'sleep', 'S', 500, 39), 'a parent that is a prefix of the real one');
		files.close();
		assert.equal(files.heldCount, 0);
	});

	test('a name with ") S 39 (" in it is read after the last ")"', () => {
		const files = new HeldStatFiles(root);
		const line = statLine(41, 'x) S 39 (y', 'R', 600, 7);
		write(41, line);
		assert.equal(files.read(41, undefined), line);
		assert.equal(files.read(41, { comm: 'x', state: 'S', ppid: 39 }), line);
		assert.equal(files.read(41, { comm: 'x) S 39 (y', state: 'R', ppid: 7 }), 'unchanged');
		files.close();
	});

	test('a round closes the files not read in it; no file for a missing process', () => {
		const files = new HeldStatFiles(root);
		write(43, statLine(43, 'a', 'S', 700));
		write(44, statLine(44, 'b', 'S', 800));
		files.read(43, undefined);
		files.read(44, undefined);
		files.endRound();
		assert.equal(files.heldCount, 2);
		files.read(44, undefined);
		files.endRound();
		assert.equal(files.heldCount, 1);
		assert.equal(files.read(99, undefined), 'not held');
		files.close();
	});

	test('no more files held than an eighth of the open-files limit; beyond, not held', () => {
		proc.openFilesLimit(16);
		const files = new HeldStatFiles(root);
		for (let pid = 60; pid < 63; pid++) write(pid, statLine(pid, 'c', 'S', 700));
		assert.equal(typeof files.read(60, undefined), 'string');
		assert.equal(typeof files.read(61, undefined), 'string');
		assert.equal(files.read(62, undefined), 'not held');
		assert.equal(files.heldCount, 2);
		files.close();
		proc.openFilesLimit(undefined);
	});
});

describe('ProcScanner and its held stat files, fake /proc files', () => {
	const proc = fakeProcFiles('scanner-held');
	/** The descriptors this process holds on files of the fake /proc (a deleted file's link still names it). */
	const heldOpen = (): number =>
		readdirSync('/proc/self/fd').filter((fd) => {
			try {
				return readlinkSync(`/proc/self/fd/${fd}`).startsWith(`${proc.root}/`);
			} catch {
				return false;
			}
		}).length;

	test('a full scan that sees a held process gone, or another under its PID, closes its file', () => {
		const scanner = new ProcScanner(proc.root);
		proc.write(40, { stat: statLine(40, 'conmon', 'S', 500), cmdline: 'conmon\0' });
		proc.write(41, { stat: statLine(41, 'sleep', 'S', 600, 40), cmdline: 'sleep\0' });
		scanner.scan();
		scanner.scan(new Set([40, 41]));
		assert.equal(heldOpen(), 2, 'both held by the quick scan');
		proc.remove(41);
		scanner.scan();
		assert.equal(heldOpen(), 1, 'gone: closed by the full scan that saw it');
		// Reaped, and its PID given to a new process: a new file, another start time.
		proc.remove(40);
		proc.write(40, { stat: statLine(40, 'sh', 'S', 900), cmdline: 'sh\0' });
		scanner.scan();
		assert.equal(heldOpen(), 0, 'another process under the PID: closed too');
		scanner.close();
	});
});

describe('ProcScanner quick scans of watched processes, real processes', () => {
	const children: ChildProcess[] = [];
	after(() => {
		for (const child of children) child.kill('SIGKILL');
	});
	const scanner = new ProcScanner();
	after(() => scanner.close());
	const find = (processes: ProcessInfo[], check: (p: ProcessInfo) => boolean): ProcessInfo | undefined => processes.find(check);

	test('a watched process that did not change is the same object from scan to scan; one that execs is read again, argv too', async () => {
		// sh waits for its stdin to close, then becomes `sleep 1000`: same PID, same start time, new name.
		const child = spawn('sh', ['-c', 'read line; exec sleep 1000'], { stdio: ['pipe', 'ignore', 'ignore'] });
		children.push(child);
		const pid = child.pid ?? 0;
		const watched = new Set([pid]);
		scanner.scan();
		const first = await waitFor('sh waiting on its stdin', () => find(scanner.scan(watched), (p) => p.pid === pid && p.state === 'S'), 30_000);
		assert.deepEqual(first.argv, ['sh', '-c', 'read line; exec sleep 1000']);
		const again = find(scanner.scan(watched), (p) => p.pid === pid);
		assert.equal(again, first, 'unchanged: not made again');
		child.stdin?.end();
		const execd = await waitFor('sh to exec sleep', () => find(scanner.scan(watched), (p) => p.pid === pid && p.comm === 'sleep'), 30_000);
		assert.equal(execd.startTicks, first.startTicks);
		assert.deepEqual(execd.argv, ['sleep', '1000']);
	});

	test('a watched child that turns zombie is seen as one, with the command line it had', async () => {
		// sh starts `sleep 1` in the background, then becomes `sleep 1000`, which never reaps it.
		const parent = spawn('sh', ['-c', 'sleep 1 & exec sleep 1000'], { stdio: 'ignore' });
		children.push(parent);
		const running = await waitFor('the background sleep', () => find(scanner.scan(), (p) => p.ppid === parent.pid && p.comm === 'sleep'), 30_000);
		const watched = new Set([running.pid]);
		assert.equal(find(scanner.scan(watched), (p) => p.pid === running.pid)?.state, 'S');
		const zombie = await waitFor(
			'the background sleep to turn zombie',
			() => find(scanner.scan(watched), (p) => p.pid === running.pid && p.state === 'Z'),
			30_000,
		);
		assert.deepEqual(zombie.argv, ['sleep', '1']);
		assert.equal(zombie.startTicks, running.startTicks);
	});
});
