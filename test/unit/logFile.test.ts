import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { setLanguage } from '../../src/messages/i18n.js';
import { checkWritable, followLogToFile, logLine } from '../../src/output/logFile.js';
import { appendLog, createAppStore } from '../../src/state/store.js';

describe('--log / --record files', () => {
	const dir = mkdtempSync(join(tmpdir(), 'conmon-tui-logfile-'));
	after(() => rmSync(dir, { recursive: true, force: true }));
	setLanguage('en');

	test('a symbolic link is refused with one line naming the flag, and its target is untouched', () => {
		const target = join(dir, 'shadow');
		writeFileSync(target, 'secret\n');
		const link = join(dir, 'planted.log');
		symlinkSync(target, link);
		const problem = checkWritable('--log', link);
		assert.ok(problem, 'refused');
		assert.match(problem, /^--log .*planted\.log: is a symbolic link/);
		assert.ok(!problem.includes('\n'));
		assert.equal(readFileSync(target, 'utf8'), 'secret\n');
		assert.match(checkWritable('--record', link) ?? '', /^--record /);
	});

	test('an ordinary path is created and appended to', () => {
		const path = join(dir, 'ok.log');
		assert.equal(checkWritable('--log', path), undefined);
		writeFileSync(path, 'kept\n', { flag: 'a' });
		assert.equal(checkWritable('--log', path), undefined);
		assert.equal(readFileSync(path, 'utf8'), 'kept\n');
	});

	test("a record only (another store's conmon, counted on a line of the pane) is written whole, and not drawn", async () => {
		const path = join(dir, 'records.log');
		const store = createAppStore();
		const finish = followLogToFile(store, path);
		const facts = { kind: 'conmon', status: 'appeared', containerId: 'f'.repeat(64), pid: 5000 } as const;
		const counted = { kind: 'foreign-conmons', appeared: 1, exited: 0 } as const;
		try {
			appendLog(store, [
				{ at: 1_000, tone: 'good', text: 'conmon 5000 appeared for other', facts, recordOnly: true },
				{ at: 1_100, tone: 'info', text: '1 conmon of containers this podman does not list appeared', facts: counted },
			]);
			assert.deepEqual(
				store.getState().log.map((entry) => entry.text),
				['1 conmon of containers this podman does not list appeared'],
			);
		} finally {
			await finish({});
		}
		const lines = readFileSync(path, 'utf8')
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as Record<string, unknown>);
		assert.deepEqual(
			lines.slice(0, 2).map(({ time: _time, ...rest }) => rest),
			[
				{ text: 'conmon 5000 appeared for other', ...facts, counted: true },
				{ text: '1 conmon of containers this podman does not list appeared', ...counted },
			],
		);
	});

	test('a log line is JSON with no raw C1 or bidi control, and reads back exactly', () => {
		const text = 'died: x\u009b2J\u202e\u0085';
		const line = logLine({ id: 1, at: 0, text, tone: 'bad' });
		assert.ok(!/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(line));
		assert.equal((JSON.parse(line) as { text: string }).text, text);
	});
});
