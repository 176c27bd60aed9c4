/**
 * The real ProcessReader: the reads lessons, the kill of a conmon and the details view make, over
 * a copy of /proc files captured from a real conmon (fixtures) and over this test's own process.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { procReader } from '../../src/proc/read.js';
import { projectRoot } from '../helpers/fixtures.js';

const FIXTURES = join(projectRoot(), 'test', 'fixtures', 'proc');
/** The conmon the fixture files were captured from. */
const CONMON = 13949;
/** A PID no process can have: above PID_MAX_LIMIT (2^22) on 64-bit Linux. */
const GONE_PID = 2 ** 22 + 7;

describe('procReader over a copy of /proc', () => {
	let root: string;

	before(() => {
		root = mkdtempSync(join(tmpdir(), 'conmon-tui-proc-reader-'));
		mkdirSync(join(root, String(CONMON)));
		copyFileSync(join(FIXTURES, 'conmon-stat.txt'), join(root, String(CONMON), 'stat'));
		copyFileSync(join(FIXTURES, 'conmon-status.txt'), join(root, String(CONMON), 'status'));
		writeFileSync(join(root, String(CONMON), 'comm'), 'conmon\n');
		writeFileSync(join(root, String(CONMON), 'uid_map'), '         0          0 4294967295\n');
	});

	after(() => rmSync(root, { recursive: true, force: true }));

	test('reads stat, comm, NSpid/Uid/uid_map of a process under the root it is given', () => {
		const reader = procReader(root);
		assert.deepEqual(reader.stat(CONMON), { pid: CONMON, comm: 'conmon', state: 'S', ppid: 1, startTicks: 64810 });
		assert.equal(reader.comm(CONMON), 'conmon');
		assert.deepEqual(reader.facts(CONMON), {
			nsPid: [CONMON],
			uid: 0,
			uidMap: [{ inside: 0, outside: 0, count: 4294967295 }],
			// SigCgt and SigIgn of the fixture, as hex masks.
			caughtSignals: 0x4006n,
			ignoredSignals: 0x1000n,
		});
	});

	test('alive as the same process only with its own start time', () => {
		const reader = procReader(root);
		assert.equal(reader.isAliveAs(CONMON, undefined), true);
		assert.equal(reader.isAliveAs(CONMON, 64810), true);
		assert.equal(reader.isAliveAs(CONMON, 64811), false, 'a reused PID is another process');
	});

	test('a process not under the root is gone: undefined and false, no error', () => {
		const reader = procReader(root);
		assert.equal(reader.stat(GONE_PID), undefined);
		assert.equal(reader.comm(GONE_PID), undefined);
		assert.equal(reader.facts(GONE_PID), undefined);
		assert.equal(reader.isAliveAs(GONE_PID, undefined), false);
	});
});

describe('procReader over the real /proc', () => {
	test("reads this test's own process as /proc shows it", () => {
		const reader = procReader();
		const stat = reader.stat(process.pid);
		assert.ok(stat);
		assert.equal(stat.pid, process.pid);
		assert.equal(stat.ppid, process.ppid);
		assert.equal(reader.comm(process.pid), readFileSync(`/proc/${process.pid}/comm`, 'utf8').trim());
		assert.equal(reader.isAliveAs(process.pid, stat.startTicks), true);
		assert.equal(reader.facts(process.pid)?.uid, process.getuid?.());
		assert.equal(reader.stat(GONE_PID), undefined);
	});
});
