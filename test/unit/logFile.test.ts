import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { setLanguage } from '../../src/messages/i18n.js';
import { checkWritable, logLine } from '../../src/output/logFile.js';

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

	test('a log line is JSON with no raw C1 or bidi control, and reads back exactly', () => {
		const text = 'died: x\u009b2J\u202e\u0085';
		const line = logLine({ id: 1, at: 0, text, tone: 'bad' });
		assert.ok(!/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(line));
		assert.equal((JSON.parse(line) as { text: string }).text, text);
	});
});
