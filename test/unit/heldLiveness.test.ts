import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { HeldLiveness } from '../../src/proc/liveness.js';
import { openFilesLimit } from '../../src/proc/openFiles.js';
import { parseStat } from '../../src/proc/parse.js';
import { fakeProcFiles, statLine } from '../helpers/fakeProcFiles.js';
import { waitFor } from '../helpers/waitFor.js';

function startTicksOf(pid: number): number {
	const parsed = parseStat(readFileSync(`/proc/${pid}/stat`, 'latin1'));
	assert.ok(parsed, `no stat for ${pid}`);
	return parsed.startTicks;
}

describe('HeldLiveness, fake /proc files', () => {
	const proc = fakeProcFiles('liveness');
	const root = proc.root;
	const LIVE_STATM = '2208 458 403 9 0 165 0\n';
	const GONE_STATM = '0 0 0 0 0 0 0\n';
	const write = (pid: number, stat: string, statm = LIVE_STATM) => proc.write(pid, { stat, statm });

	test('reads the held statm again: running, then no memory left (a zombie)', () => {
		const liveness = new HeldLiveness(root);
		write(40, statLine(40, 'conmon', 'S', 500));
		assert.equal(liveness.isAliveAs(40, 500), true);
		assert.equal(liveness.heldCount, 1);
		assert.equal(liveness.isAliveAs(40, 500), true);
		write(40, statLine(40, 'conmon', 'Z', 500), GONE_STATM);
		assert.equal(liveness.isAliveAs(40, 500), false);
		liveness.close();
		assert.equal(liveness.heldCount, 0);
	});

	test('no more files held than a quarter of the open-files limit; beyond, read the ordinary way', () => {
		proc.openFilesLimit(16);
		assert.equal(openFilesLimit(root), 16);
		const liveness = new HeldLiveness(root);
		for (let pid = 60; pid < 66; pid++) {
			write(pid, statLine(pid, 'conmon', 'S', 700));
			assert.equal(liveness.isAliveAs(pid, 700), true);
		}
		assert.equal(liveness.heldCount, 4);
		liveness.close();
		proc.openFilesLimit(undefined);
	});

	test('an open that fails for another reason than the process gone (ENOTDIR here, EMFILE in life) does not call it gone', () => {
		const liveness = new HeldLiveness(root);
		writeFileSync(join(root, '47'), 'not a directory');
		assert.equal(liveness.isAliveAs(47, 100), true);
		assert.equal(liveness.isAliveAs(48, 100), false, 'no such process: gone');
		liveness.close();
	});

	test('a zombie when first asked is not alive; a name with ") S" in it is not a state', () => {
		const liveness = new HeldLiveness(root);
		write(45, statLine(45, 'con) S (mon', 'Z', 900));
		assert.equal(liveness.isAliveAs(45, 900), false);
		liveness.close();
	});

	test('another start time under the PID is not the process: nothing is held', () => {
		const liveness = new HeldLiveness(root);
		write(41, statLine(41, 'conmon', 'S', 600));
		assert.equal(liveness.isAliveAs(41, 601), false);
		assert.equal(liveness.heldCount, 0);
		assert.equal(liveness.isAliveAs(42, 600), false, 'no such process');
		assert.equal(liveness.isAliveAs(41, undefined), true, 'any process under the PID');
		liveness.close();
	});

	test('a round closes the files of processes not asked about in it', () => {
		const liveness = new HeldLiveness(root);
		write(43, statLine(43, 'conmon', 'S', 700));
		write(44, statLine(44, 'conmon', 'S', 800));
		liveness.isAliveAs(43, 700);
		liveness.isAliveAs(44, 800);
		liveness.endRound();
		assert.equal(liveness.heldCount, 2);
		liveness.isAliveAs(44, 800);
		liveness.endRound();
		assert.equal(liveness.heldCount, 1);
		liveness.close();
	});
});

describe('HeldLiveness, real processes', () => {
	const children: ChildProcess[] = [];
	after(() => {
		for (const child of children) child.kill('SIGKILL');
	});

	test('a live process, then reaped: its held file no longer reads, and it is closed', async () => {
		const child = spawn('sleep', ['1000'], { stdio: 'ignore' });
		children.push(child);
		const pid = child.pid ?? 0;
		const startTicks = await waitFor(
			'the start time of sleep',
			() => {
				try {
					return startTicksOf(pid);
				} catch {
					return undefined;
				}
			},
			30_000,
		);
		const liveness = new HeldLiveness();
		assert.equal(liveness.isAliveAs(pid, startTicks), true);
		assert.equal(liveness.heldCount, 1);
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGKILL');
		// Node reaps its child on exit: the held file then fails with ESRCH.
		await exited;
		assert.equal(liveness.isAliveAs(pid, startTicks), false);
		assert.equal(liveness.heldCount, 0);
		liveness.close();
	});

	test('a held process that turns zombie (its parent never reaps it) is no longer alive, though its /proc entry is there', async () => {
		// sh starts `sleep 2` in the background, then becomes `sleep 1000`, which never reaps it.
		const parent = spawn('sh', ['-c', 'sleep 2 & exec sleep 1000'], { stdio: 'ignore' });
		children.push(parent);
		const childOfParent = (): ReturnType<typeof parseStat> => {
			for (const name of readdirSync('/proc')) {
				if (!/^\d+$/.test(name)) continue;
				try {
					const parsed = parseStat(readFileSync(`/proc/${name}/stat`, 'latin1'));
					if (parsed && parsed.ppid === parent.pid && parsed.comm === 'sleep') return parsed;
				} catch {}
			}
			return undefined;
		};
		const running = await waitFor('the background sleep', childOfParent, 30_000);
		const liveness = new HeldLiveness();
		assert.equal(liveness.isAliveAs(running.pid, running.startTicks), true);
		await waitFor('the background sleep to turn zombie', () => (childOfParent()?.state === 'Z' ? true : undefined), 30_000);
		assert.equal(liveness.isAliveAs(running.pid, running.startTicks), false);
		assert.equal(liveness.heldCount, 1, 'a zombie still reads: its file stays open until it is reaped or no longer asked about');
		assert.equal(liveness.isAliveAs(parent.pid ?? 0, undefined), true);
		liveness.close();
	});
});
