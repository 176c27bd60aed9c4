import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { displayWidth, truncateToWidth } from '../../src/present/displayWidth.js';
import { processCommand } from '../../src/present/format.js';
import { findConmons } from '../../src/proc/conmonProcess.js';
import { isDead, parseCmdline, parseNsPid, parseStat, parseUid, processKey, startTicksToMs } from '../../src/proc/parse.js';
import { isAliveAs, ProcScanner, readBootTimeMs } from '../../src/proc/read.js';

const CONMON_STAT =
	'11939 (conmon) S 1 11939 11939 0 -1 4194368 70 1004 0 0 0 0 0 1 20 0 1 0 58370 9080832 458 18446744073709551615 94436243591168 94436243632153 140722342092912 0 0 0 66048 4096 16390 1 0 0 17 0 0 0 0 0 0';

describe('parseStat', () => {
	test('reads pid, name, state, ppid and start time of a real conmon', () => {
		assert.deepEqual(parseStat(CONMON_STAT), { pid: 11939, comm: 'conmon', state: 'S', ppid: 1, startTicks: 58370 });
	});

	test('a name with spaces and parentheses is read up to the last )', () => {
		const line = '4242 (a b) (c) Z 77 4242 4242 0 -1 4194564 0 0 0 0 0 0 0 0 20 0 1 0 99999 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0';
		assert.deepEqual(parseStat(line), { pid: 4242, comm: 'a b) (c', state: 'Z', ppid: 77, startTicks: 99999 });
	});

	test('garbage is not a process', () => {
		assert.equal(parseStat(''), undefined);
		assert.equal(parseStat('12 no parens here'), undefined);
		assert.equal(parseStat('12 (x) S'), undefined);
	});
});

describe('small parsers', () => {
	test('cmdline splits on NUL and drops the trailing one; a zombie has none', () => {
		assert.deepEqual(parseCmdline('sleep\0infinity\0'), ['sleep', 'infinity']);
		assert.deepEqual(parseCmdline('a\0\0b\0'), ['a', '', 'b']);
		assert.deepEqual(parseCmdline(''), []);
	});

	test('NSpid lists the PID in each namespace, Uid the real uid', () => {
		const status = 'Name:\tsleep\nUid:\t100000\t100000\t100000\t100000\nNSpid:\t4002\t1\n';
		assert.deepEqual(parseNsPid(status), [4002, 1]);
		assert.equal(parseUid(status), 100000);
		assert.deepEqual(parseNsPid('Name:\tx\n'), []);
		assert.equal(parseUid('Name:\tx\n'), undefined);
	});

	test('identity and death', () => {
		assert.equal(processKey(42, 1000), '42@1000');
		assert.notEqual(processKey(42, 1000), processKey(42, 1001));
		assert.equal(isDead({ state: 'Z' }), true);
		assert.equal(isDead({ state: 'S' }), false);
	});

	test('start ticks become wall time from boot time', () => {
		assert.equal(startTicksToMs(250, 1_000_000), 1_002_500);
	});
});

describe('ProcScanner on a fake /proc', () => {
	const root = mkdtempSync(join(tmpdir(), 'conmon-tui-proc-'));
	after(() => rmSync(root, { recursive: true, force: true }));
	const writeProcess = (pid: number, stat: string, cmdline: string) => {
		mkdirSync(join(root, String(pid)), { recursive: true });
		writeFileSync(join(root, String(pid), 'stat'), stat);
		writeFileSync(join(root, String(pid), 'cmdline'), cmdline);
	};
	writeFileSync(join(root, 'uptime'), '100.50 200.00\n');
	writeProcess(1, '1 (init) S 0 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0', 'init\0');
	writeProcess(2, '2 (kthreadd) S 0 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0', '');
	writeProcess(3, '3 (kworker/0:0) I 2 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 2 0 0', '');
	writeProcess(50, '50 (runc:[2:INIT]) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 300 0 0', '/usr/bin/runc\0init\0');
	mkdirSync(join(root, 'self'), { recursive: true });

	test('lists user processes, skips kernel threads and non-PID entries', () => {
		const scanner = new ProcScanner(root);
		const pids = scanner
			.scan()
			.map((p) => p.pid)
			.sort((a, b) => a - b);
		assert.deepEqual(pids, [1, 50]);
	});

	test('re-reads cmdline after exec (same PID and start time, new name), keeps it for a zombie', () => {
		const scanner = new ProcScanner(root);
		assert.deepEqual(scanner.scan().find((p) => p.pid === 50)?.argv, ['/usr/bin/runc', 'init']);
		writeProcess(50, '50 (sleep) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 300 0 0', 'sleep\0infinity\0');
		assert.deepEqual(scanner.scan().find((p) => p.pid === 50)?.argv, ['sleep', 'infinity']);
		writeProcess(50, '50 (sleep) Z 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 300 0 0', '');
		const zombie = scanner.scan().find((p) => p.pid === 50);
		assert.equal(zombie?.state, 'Z');
		assert.deepEqual(zombie?.argv, ['sleep', 'infinity']);
	});

	test('a quick scan re-reads only new and watched processes; a full scan reads all', () => {
		const scanner = new ProcScanner(root);
		scanner.scan();
		writeProcess(1, '1 (init) T 0 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0', 'init\0');
		writeProcess(60, '60 (newcomer) S 0 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 400 0 0', 'newcomer\0');
		const quick = scanner.scan(new Set([50]));
		assert.equal(quick.find((p) => p.pid === 1)?.state, 'S', 'unwatched and known: kept from the last scan');
		assert.deepEqual(quick.find((p) => p.pid === 60)?.argv, ['newcomer'], 'new: read');
		assert.equal(scanner.scan(new Set([1])).find((p) => p.pid === 1)?.state, 'T', 'watched: read');
		writeProcess(1, '1 (init) S 0 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0', 'init\0');
		assert.equal(scanner.scan().find((p) => p.pid === 1)?.state, 'S', 'full: read');
		rmSync(join(root, '60'), { recursive: true });
	});

	test('a watched process that wrote over its argv keeping its name: the next full scan reads its command line again', () => {
		const scanner = new ProcScanner(root);
		writeProcess(80, '80 (nginx) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 600 0 0', 'nginx: master process\0');
		scanner.scan();
		writeProcess(80, '80 (nginx) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 600 0 0', 'nginx: worker process\0');
		const quick = scanner.scan(new Set([80])).find((p) => p.pid === 80);
		assert.deepEqual(quick?.argv, ['nginx: master process'], 'same name: the quick scan keeps the argv it had');
		assert.deepEqual(scanner.scan().find((p) => p.pid === 80)?.argv, ['nginx: worker process'], 'on screen: the full scan reads it again');
		const full = scanner.scan().find((p) => p.pid === 80);
		assert.deepEqual(full?.argv, ['nginx: worker process']);
		scanner.close();
		rmSync(join(root, '80'), { recursive: true });
	});

	test('a watched process first read in the middle of execve (no command line yet) has it read at the next quick scan', () => {
		const scanner = new ProcScanner(root);
		writeProcess(90, '90 (sleep) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 700 0 0', '');
		assert.deepEqual(scanner.scan(new Set([90])).find((p) => p.pid === 90)?.argv, []);
		writeProcess(90, '90 (sleep) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 700 0 0', 'sleep\0infinity\0');
		assert.deepEqual(scanner.scan(new Set([90])).find((p) => p.pid === 90)?.argv, ['sleep', 'infinity']);
		scanner.close();
		rmSync(join(root, '90'), { recursive: true });
	});

	test("a quick scan reads a newcomer's parent and grandparent again: they may have exec'd into podman since", () => {
		const scanner = new ProcScanner(root);
		writeProcess(70, '70 (nsenter) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 500 0 0', 'nsenter\0--target\x001\0podman\0');
		scanner.scan();
		writeProcess(70, '70 (podman) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 500 0 0', '/usr/bin/podman\0start\0web\0');
		writeProcess(71, '71 (conmon) S 70 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 510 0 0', 'conmon\0--api-version\x001\0-c\0abc\0-u\0abc\0');
		writeProcess(72, '72 (conmon) S 71 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 511 0 0', 'conmon\0--api-version\x001\0-c\0abc\0-u\0abc\0');
		const quick = scanner.scan(new Set());
		assert.deepEqual(quick.find((p) => p.pid === 70)?.argv, ['/usr/bin/podman', 'start', 'web'], 'parent of a newcomer: read again');
		assert.deepEqual(
			findConmons(quick).map((c) => c.process.pid),
			[72],
			"podman's launcher is not taken for a monitor",
		);
		for (const pid of [70, 71, 72]) rmSync(join(root, String(pid)), { recursive: true });
	});

	test('a vanished process is simply not listed', () => {
		const scanner = new ProcScanner(root);
		mkdirSync(join(root, '999'));
		assert.equal(
			scanner.scan().some((p) => p.pid === 999),
			false,
		);
	});

	test('boot time comes from uptime', () => {
		const before = Date.now();
		const boot = readBootTimeMs(root);
		assert.ok(boot <= before - 100_500 + 50 && boot >= before - 100_500 - 50, `boot ${boot}`);
	});
});

describe('ProcScanner on the real /proc', () => {
	test('finds this very process with its command line', () => {
		const me = new ProcScanner().scan().find((p) => p.pid === process.pid);
		assert.ok(me);
		assert.equal(me.ppid, process.ppid);
		assert.ok(me.argv[0]?.includes('node'));
	});
});

describe('isAliveAs', () => {
	test('this process is alive as itself; a wrong start time or a missing PID is not', () => {
		const me = new ProcScanner().scan().find((p) => p.pid === process.pid);
		assert.ok(me);
		assert.equal(isAliveAs(process.pid, me.startTicks), true);
		assert.equal(isAliveAs(process.pid, undefined), true);
		assert.equal(isAliveAs(process.pid, me.startTicks + 1), false);
		assert.equal(isAliveAs(2 ** 22 + 7, undefined), false);
	});
});

describe('hostile /proc', () => {
	/** A stat line as the kernel writes it for `comm`, with start time 4242 in field 22. */
	const statLine = (comm: string) =>
		`31337 (${comm}) S 1 31337 31337 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 4242 1000 100 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n`;

	test('a comm that fakes the next fields, `) R 1 (`, is read after the last `)`', () => {
		assert.deepEqual(parseStat(statLine('x) R 1 (y')), { pid: 31337, comm: 'x) R 1 (y', state: 'S', ppid: 1, startTicks: 4242 });
	});

	test('a comm with a newline (and other controls) parses; it is drawn escaped on one line', () => {
		const stat = parseStat(statLine('a\nb\u001b[2J'));
		assert.deepEqual(stat, { pid: 31337, comm: 'a\nb\u001b[2J', state: 'S', ppid: 1, startTicks: 4242 });
		const text = processCommand({ pid: 31337, ppid: 1, state: 'Z', startTicks: 4242, comm: stat?.comm ?? '', argv: [] });
		assert.equal(text, '[a\\nb\\e[2J]');
	});

	test('argv with newlines and empty elements, and a 100 KiB command line: one line, cut to width', () => {
		const argv = parseCmdline(`sh\0\0-c\0echo a\nb\u009b\0${'x'.repeat(100 * 1024)}\0`);
		assert.equal(argv.length, 5);
		assert.equal(argv[1], '');
		const proc = { pid: 7, ppid: 1, state: 'S', startTicks: 1, comm: 'sh', argv };
		const text = processCommand(proc);
		assert.ok(!/[\u0000-\u001f\u007f-\u009f]/.test(text));
		assert.ok(text.startsWith("sh '' -c 'echo a\\nb\\x9b' xxx"), text.slice(0, 40));
		const row = truncateToWidth(text, 80);
		assert.equal(displayWidth(row), 80);
		assert.ok(!row.includes('\n'));
	});
});
