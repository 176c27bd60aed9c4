import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { EventFileTail, type TailPosition } from '../../src/podman/eventFileTail.js';
import { waitFor } from '../helpers/waitFor.js';

/** The tail of podman's events file, on a real file in a temp directory, woken by real inotify. */
describe('EventFileTail', () => {
	const root = mkdtempSync(join(tmpdir(), 'conmon-tui-tail-'));
	after(() => rmSync(root, { recursive: true, force: true }));
	let n = 0;

	/** A fresh directory with an events.log, and a tail on it that records what it hands over. */
	function setUp(initial = '') {
		const dir = join(root, `case${n++}`);
		mkdirSync(dir);
		const path = join(dir, 'events.log');
		writeFileSync(path, initial);
		const got: { line: string; reread: boolean }[] = [];
		const errors: Error[] = [];
		const tail = new EventFileTail(path, {
			onLines: (lines, reread) => got.push(...lines.map((line) => ({ line, reread }))),
			onError: (error) => errors.push(error),
		});
		const lines = () => got.map((g) => g.line);
		const until = (count: number) => waitFor(`${count} lines`, () => (got.length >= count ? true : undefined), 5_000);
		return { dir, path, tail, got, lines, errors, until };
	}

	test('reads what is there, then each appended line once; a line without its newline waits for it', async () => {
		const t = setUp('a\nb\n');
		t.tail.start();
		try {
			assert.deepEqual(t.got, [
				{ line: 'a', reread: true },
				{ line: 'b', reread: true },
			]);
			appendFileSync(t.path, 'c\n');
			await t.until(3);
			appendFileSync(t.path, '{"half":');
			// The half line woke the tail (inotify) but is held: nothing is handed over until its newline.
			await new Promise((resolve) => setTimeout(resolve, 300));
			assert.equal(t.got.length, 3);
			appendFileSync(t.path, '1}\nd\n');
			await t.until(5);
			assert.deepEqual(t.lines(), ['a', 'b', 'c', '{"half":1}', 'd']);
			assert.equal(t.got[2]?.reread, false, 'appended lines are new');
		} finally {
			t.tail.stop();
		}
	});

	test('a partial line at the end is held: position() points at its start', async () => {
		const t = setUp('one\ntw');
		t.tail.start();
		try {
			assert.deepEqual(t.lines(), ['one']);
			assert.equal(t.tail.position()?.offset, 4);
		} finally {
			t.tail.stop();
		}
	});

	test("rotation by rename (podman's): the old file's last lines, then the new file from its start", async () => {
		const t = setUp('a\nb\n');
		t.tail.start();
		try {
			// As libpod/events/logfile.go rotates: the newest half copied to a temp file in the same
			// directory, renamed over the log; a line appended to the old file just before is not lost.
			appendFileSync(t.path, 'c\n');
			writeFileSync(join(t.dir, 'tmp123'), 'b\nc\nROTATED\n');
			renameSync(join(t.dir, 'tmp123'), t.path);
			appendFileSync(t.path, 'd\n');
			await t.until(7);
			assert.deepEqual(t.lines(), ['a', 'b', 'c', 'b', 'c', 'ROTATED', 'd']);
			assert.deepEqual(
				t.got.slice(3, 6).map((g) => g.reread),
				[true, true, true],
				'the new file is read from its start and flagged: the stream drops what it already delivered',
			);
		} finally {
			t.tail.stop();
		}
	});

	test('removed and created again: the new file is followed', async () => {
		const t = setUp('a\n');
		t.tail.start();
		try {
			rmSync(t.path);
			writeFileSync(t.path, 'b\n');
			await t.until(2);
			appendFileSync(t.path, 'c\n');
			await t.until(3);
			assert.deepEqual(t.lines(), ['a', 'b', 'c']);
			assert.deepEqual(t.errors, []);
		} finally {
			t.tail.stop();
		}
	});

	test('truncated in place: read again from the start', async () => {
		const t = setUp('aaaa\nbbbb\n');
		t.tail.start();
		try {
			truncateSync(t.path, 0);
			appendFileSync(t.path, 'c\n');
			await t.until(3);
			assert.deepEqual(t.lines(), ['aaaa', 'bbbb', 'c']);
			assert.equal(t.got[2]?.reread, true);
		} finally {
			t.tail.stop();
		}
	});

	test('restarted from its position: what was written meanwhile, once, and a held partial line completed', async () => {
		const t = setUp('a\nb\npar');
		t.tail.start();
		const position = t.tail.position() as TailPosition;
		t.tail.stop();
		appendFileSync(t.path, 'tial\nc\n');
		const again = setUpOn(t.path);
		again.tail.start(position);
		try {
			assert.deepEqual(again.got, [
				{ line: 'partial', reread: false },
				{ line: 'c', reread: false },
			]);
		} finally {
			again.tail.stop();
		}
	});

	test('restarted after the file was replaced: the new file from its start, flagged as read again', async () => {
		const t = setUp('a\nb\n');
		t.tail.start();
		const position = t.tail.position() as TailPosition;
		t.tail.stop();
		writeFileSync(join(t.dir, 'tmp9'), 'b\nnew\n');
		renameSync(join(t.dir, 'tmp9'), t.path);
		const again = setUpOn(t.path);
		again.tail.start(position);
		try {
			assert.deepEqual(again.got, [
				{ line: 'b', reread: true },
				{ line: 'new', reread: true },
			]);
		} finally {
			again.tail.stop();
		}
	});

	test('the directory removed: an error, and the tail stops', async () => {
		const t = setUp('a\n');
		t.tail.start();
		rmSync(t.dir, { recursive: true });
		await waitFor('the error', () => (t.errors.length > 0 ? true : undefined), 5_000);
		t.tail.stop();
	});

	test('the directory removed and made again at once: an error (the watch was on the old one), not silence', async () => {
		const t = setUp('a\n');
		t.tail.start();
		rmSync(t.dir, { recursive: true });
		mkdirSync(t.dir);
		writeFileSync(t.path, 'b\n');
		await waitFor('the error', () => (t.errors.length > 0 ? true : undefined), 5_000);
		t.tail.stop();
	});

	test('a directory that does not exist: start throws (the caller falls back or retries)', () => {
		const tail = new EventFileTail(join(root, 'nowhere', 'events.log'), { onLines: () => undefined, onError: () => undefined });
		assert.throws(() => tail.start(), /ENOENT/);
		tail.stop();
	});

	function setUpOn(path: string) {
		const got: { line: string; reread: boolean }[] = [];
		const tail = new EventFileTail(path, { onLines: (lines, reread) => got.push(...lines.map((line) => ({ line, reread }))), onError: () => undefined });
		return { tail, got };
	}
});
