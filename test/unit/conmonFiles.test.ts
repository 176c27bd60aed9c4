/**
 * The reads behind the attach and logs lessons, on real files: conmon's unix sockets from a copy
 * of /proc (fd links and net/unix as seen on this machine), the last lines of a log, and a file
 * caught in the instant it exists (conmon's exit file, removed by podman once read).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { catchFile, tailLines } from '../../src/proc/files.js';
import { hasSignal, parseSignalMasks } from '../../src/proc/parse.js';
import { parseUnixTable, readUnixSockets, socketInode } from '../../src/proc/unixSockets.js';

/** /proc/net/unix as seen here while `podman attach` was connected to a conmon (trimmed). */
const NET_UNIX = `Num       RefCount Protocol Flags    Type St Inode Path
00000000d158cffc: 00000002 00000000 00000000 0005 03 2315192
00000000518d91f9: 00000003 00000000 00000000 0005 03 2315283 /proc/self/fd/12/attach
00000000aab0ea83: 00000002 00000000 00010000 0005 01 2313886 /proc/self/fd/12/attach
000000003ae007f9: 00000002 00000000 00000000 0002 01 2313989 @3eb97
00000000aaaaaaaa: 00000002 00000000 00010000 0001 01 2399999 /run/a socket with spaces
`;
const CONMON = 4242;

/** Waits (up to 5 s) for a condition that a worker thread makes true. */
async function waitUntil(condition: () => boolean): Promise<void> {
	const deadline = Date.now() + 5_000;
	while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("a process's unix sockets", () => {
	let root: string;

	before(() => {
		root = mkdtempSync(join(tmpdir(), 'conmon-tui-sockets-'));
		mkdirSync(join(root, String(CONMON), 'fd'), { recursive: true });
		mkdirSync(join(root, String(CONMON), 'net'));
		writeFileSync(join(root, String(CONMON), 'net', 'unix'), NET_UNIX);
		// The fd links as /proc shows them: a symlink's target is only text here.
		symlinkSync('/dev/null', join(root, String(CONMON), 'fd', '0'));
		symlinkSync('socket:[2313886]', join(root, String(CONMON), 'fd', '3'));
		symlinkSync('socket:[2315192]', join(root, String(CONMON), 'fd', '5'));
		symlinkSync('socket:[2315283]', join(root, String(CONMON), 'fd', '13'));
		symlinkSync('socket:[1]', join(root, String(CONMON), 'fd', '14'));
		symlinkSync('pipe:[2312480]', join(root, String(CONMON), 'fd', '8'));
	});

	after(() => rmSync(root, { recursive: true, force: true }));

	test('parses the table: listening flag, type, path (with spaces), unnamed sockets', () => {
		const table = parseUnixTable(NET_UNIX);
		assert.deepEqual(table.get(2313886), { inode: 2313886, path: '/proc/self/fd/12/attach', listening: true, type: 5 });
		assert.deepEqual(table.get(2315283), { inode: 2315283, path: '/proc/self/fd/12/attach', listening: false, type: 5 });
		assert.deepEqual(table.get(2315192), { inode: 2315192, path: undefined, listening: false, type: 5 });
		assert.equal(table.get(2399999)?.path, '/run/a socket with spaces');
		assert.equal(table.size, 5);
	});

	test('socket fd links only', () => {
		assert.equal(socketInode('socket:[2313886]'), 2313886);
		assert.equal(socketInode('pipe:[2312480]'), undefined);
		assert.equal(socketInode('/tmp/socket:[1]'), undefined);
	});

	test("reads a process's fds and matches them by inode, in fd order; a socket not in the table is left out", () => {
		assert.deepEqual(readUnixSockets(CONMON, root), [
			{ fd: 3, inode: 2313886, path: '/proc/self/fd/12/attach', listening: true, type: 5 },
			{ fd: 5, inode: 2315192, path: undefined, listening: false, type: 5 },
			{ fd: 13, inode: 2315283, path: '/proc/self/fd/12/attach', listening: false, type: 5 },
		]);
		assert.deepEqual(readUnixSockets(CONMON + 1, root), [], 'a process gone: none, no error');
	});
});

describe('signal masks of /proc/PID/status', () => {
	test('SigCgt and SigIgn as bit masks; signal N is bit N-1', () => {
		const masks = parseSignalMasks('Name:\tsleep\nSigIgn:\t0000000000001000\nSigCgt:\t0000000000004006\n');
		assert.deepEqual(masks, { caughtSignals: 0x4006n, ignoredSignals: 0x1000n });
		assert.equal(hasSignal(masks.caughtSignals, 15), true, 'SIGTERM (bit 14 of 0x4006)');
		assert.equal(hasSignal(masks.caughtSignals, 9), false);
		assert.equal(hasSignal(masks.ignoredSignals, 13), true, 'SIGPIPE');
		assert.equal(hasSignal(undefined, 15), false);
		assert.deepEqual(parseSignalMasks('Name:\tx\n'), {});
	});
});

describe('files conmon writes', () => {
	let dir: string;

	before(() => {
		dir = mkdtempSync(join(tmpdir(), 'conmon-tui-files-'));
	});

	after(() => rmSync(dir, { recursive: true, force: true }));

	test('tailLines: the last complete lines; a line still being written is left out; a missing file is undefined', () => {
		const log = join(dir, 'ctr.log');
		writeFileSync(log, 'a 1\na 2\na 3\npartial');
		assert.deepEqual(tailLines(log, 2), ['a 2', 'a 3']);
		assert.deepEqual(tailLines(log, 10), ['a 1', 'a 2', 'a 3']);
		assert.equal(tailLines(join(dir, 'gone.log'), 2), undefined);
	});

	test('tailLines of a large file reads only its end, and never returns a cut first line', () => {
		const log = join(dir, 'big.log');
		const lines = Array.from({ length: 5000 }, (_, i) => `2026-12-02T01:21:50.386193311+00:00 stdout F line ${i + 1}`);
		writeFileSync(log, `${lines.join('\n')}\n`);
		assert.deepEqual(tailLines(log, 2), lines.slice(-2));
		const many = tailLines(log, 5000) ?? [];
		assert.ok(many.length > 0 && many.length < 5000);
		assert.ok(lines.includes(many[0] ?? ''), 'the first line returned is whole');
	});

	test('catchFile keeps what a file held even when it is removed at once', async () => {
		const exits = join(dir, 'exits');
		mkdirSync(exits);
		const watch = catchFile(exits, 'abc');
		assert.equal(watch.watching, true);
		// As the lesson runner does: the command that makes the file waits until the watch is in place.
		// (A fixed 300 ms wait here failed on CI: under load a worker took longer to start.)
		// The worker and its timer are unref'd (a watch never keeps conmon-tui alive): hold the loop.
		const keepAlive = setInterval(() => undefined, 1_000);
		await watch.ready;
		clearInterval(keepAlive);
		writeFileSync(join(exits, 'other'), '1');
		// As conmon writes it (g_file_set_contents): a temporary file, renamed into place.
		writeFileSync(join(exits, 'abc.TMP123'), '137');
		renameSync(join(exits, 'abc.TMP123'), join(exits, 'abc'));
		// podman removes it about 0.1 s after conmon wrote it; the watch has read it before.
		await new Promise((resolve) => setTimeout(resolve, 30));
		unlinkSync(join(exits, 'abc'));
		await waitUntil(() => watch.caught() !== undefined);
		assert.equal(watch.caught(), '137');
		watch.close();
	});

	test('catchFile of a file already there, and of a directory that does not exist', async () => {
		const exits = join(dir, 'exits-already');
		mkdirSync(exits);
		writeFileSync(join(exits, 'abc'), '143');
		const there = catchFile(exits, 'abc');
		await waitUntil(() => there.caught() !== undefined);
		assert.equal(there.caught(), '143');
		there.close();
		const nowhere = catchFile(join(dir, 'no-such-dir'), 'abc');
		assert.equal(nowhere.watching, false);
		assert.equal(nowhere.caught(), undefined);
		nowhere.close();
	});
});
