import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { ProcScanner, procReader } from '../../src/proc/read.js';
import { decodeHexLines, knownKey, parseFarScan } from '../../src/remote/farRecords.js';
import { FAR_SCRIPT } from '../../src/remote/farScript.js';

function hexLines(bytes: Buffer): string[] {
	const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0'));
	const lines: string[] = [];
	for (let i = 0; i < hex.length; i += 16) lines.push(` ${hex.slice(i, i + 16).join(' ')}`);
	return lines;
}

/** Runs the far script with `sh` on this machine's /proc: one request, the answer's lines. */
function runScript(request: string): string[] {
	// A conmon's command line is several kB as hex: with hundreds of conmons (the bench's) a first
	// answer passes spawnSync's default 1 MiB.
	const result = spawnSync('sh', ['-c', FAR_SCRIPT], { input: request, encoding: 'utf8', timeout: 20_000, maxBuffer: 256 * 1024 * 1024 });
	assert.equal(result.status, 0, result.stderr);
	return result.stdout.split('\n');
}

describe('the far side records', () => {
	it('a cmdline with newlines and record letters stays one argv: hex cannot forge a record', () => {
		const argv = ['sh', '-c', 'x\nS 1 (fake) R 0\nE'];
		const lines = ['S 42 (sh) S 1 42 42 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 777 0 0', 'C 42', ...hexLines(Buffer.from(`${argv.join('\0')}\0`)), 'E'];
		const scan = parseFarScan(lines.slice(0, -1));
		assert.equal(scan.stats.length, 1);
		assert.deepEqual(scan.argv.get(42), argv);
	});

	it('a name with a newline comes as raw stat bytes and parses as the local reader would', () => {
		const stat = Buffer.from('43 (a\nb) S 1 43 43 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 888 0 0\n');
		const scan = parseFarScan([
			'R 43',
			...hexLines(stat),
			'C 43',
			'T 43 Uid:\t1000\t1000\t1000\t1000',
			'T 43 NSpid:\t43\t1',
			'T 43 SigIgn:\t0000000000000004',
			'T 43 SigCgt:\t0000000000004002',
			'M 43          0       1000          1',
		]);
		assert.deepEqual(scan.stats[0], { pid: 43, comm: 'a\nb', state: 'S', ppid: 1, startTicks: 888 });
		assert.deepEqual(scan.facts.get(43), {
			uid: 1000,
			nsPid: [43, 1],
			uidMap: [{ inside: 0, outside: 1000, count: 1 }],
			ignoredSignals: 0x4n,
			caughtSignals: 0x4002n,
		});
		assert.equal(knownKey(scan.stats[0]!), undefined);
	});

	it('broken records are skipped, not believed', () => {
		const scan = parseFarScan(['S garbage', 'C notapid', ' 41 41', 'T x y', 'B nope', 'Q what']);
		assert.deepEqual([scan.stats, [...scan.argv], scan.uptimeSeconds], [[], [], undefined]);
		assert.equal(decodeHexLines([' 61 zz 62']), 'ab');
	});

	it('the script, run by sh on this /proc, reads what the local reader reads (PID 1 and this process)', () => {
		const lines = runScript('scan\n.\n.\n');
		assert.ok(lines[0]?.startsWith('H '), lines[0]);
		const end = lines.indexOf('E');
		assert.ok(end > 0, 'the answer ends with E');
		const scan = parseFarScan(lines.slice(1, end));
		assert.ok((scan.uptimeSeconds ?? 0) > 0);
		const local = new ProcScanner().scan();
		for (const pid of [1, process.pid]) {
			const mine = local.find((p) => p.pid === pid);
			const far = scan.stats.find((p) => p.pid === pid);
			assert.ok(mine && far, `PID ${pid} in both`);
			assert.deepEqual([far.ppid, far.startTicks, far.comm], [mine.ppid, mine.startTicks, mine.comm]);
			assert.deepEqual(scan.argv.get(pid), mine.argv);
			assert.equal(scan.facts.get(pid)?.uid, process.getuid?.());
		}
		// The signal masks (stop-vs-kill's look step) as the local reader reads them: PID 1's, which
		// stay put (this process's SigCgt changes while spawnSync waits: it catches SIGCHLD then).
		const { caughtSignals, ignoredSignals } = procReader().facts(1) ?? {};
		assert.ok(caughtSignals !== undefined && ignoredSignals !== undefined, 'the local reader reads the masks');
		assert.deepEqual([scan.facts.get(1)?.caughtSignals, scan.facts.get(1)?.ignoredSignals], [caughtSignals, ignoredSignals]);
		assert.equal(scan.facts.get(process.pid)?.ignoredSignals, procReader().facts(process.pid)?.ignoredSignals);
		assert.ok((scan.facts.get(process.pid)?.ignoredSignals ?? 0n) > 0n, 'node ignores SIGPIPE: a mask that was read, not a default');
	});

	it('cgroup and namespaces of the PIDs asked, as the local reader reads them; a PID not digits is ignored, one gone reads nothing', () => {
		const lines = runScript(`scan\n.\n1\n${process.pid}\n1;id\n4294967295\n.\n`);
		assert.match(lines[0] ?? '', /^H \d+ \d+$/, 'the far user and the PID of the shell that stands for the host');
		const scan = parseFarScan(lines.slice(1, lines.indexOf('E')));
		const local = procReader();
		for (const pid of [1, process.pid]) {
			assert.equal(scan.cgroups.get(pid), local.cgroup(pid), `cgroup of ${pid}`);
			assert.deepEqual(scan.namespaces.get(pid) ?? {}, local.namespaces(pid), `namespaces of ${pid}`);
		}
		assert.ok(Object.keys(local.namespaces(process.pid)).length >= 5, 'this process has namespace links to compare');
		assert.ok((local.cgroup(process.pid) ?? '').length > 0, 'and a cgroup');
		assert.deepEqual(
			[...scan.cgroups.keys()].sort(),
			[1, process.pid].sort((a, b) => a - b),
			'nothing for `1;id` nor a PID that does not run',
		);
		// Not asked: nothing read.
		const plain = runScript('scan\n.\n.\n');
		assert.equal(parseFarScan(plain.slice(1, plain.indexOf('E'))).cgroups.size, 0);
	});

	it('detail records: cgroup lines joined as the file is written; only kernel-made ns links of the kinds read are believed', () => {
		const scan = parseFarScan([
			'G 7 1:cpu:/a',
			'G 7 0::/b',
			'L lrwxrwxrwx 1 root root 0 Dec  2 02:41 /proc/7/ns/net -> net:[4026531833]',
			'L lrwxrwxrwx 1 root root 0 Dec  2 02:41 /proc/7/ns/mnt -> mnt:[4026531832]',
			'L lrwxrwxrwx 1 root root 0 Dec  2 02:41 /proc/7/ns/pid -> /etc/passwd',
			'L lrwxrwxrwx 1 root root 0 Dec  2 02:41 /proc/7/ns/uts',
			'L S 1 (forged) R 0',
		]);
		assert.equal(scan.cgroups.get(7), '1:cpu:/a\n0::/b\n');
		assert.deepEqual(scan.namespaces.get(7), { net: 'net:[4026531833]' });
		assert.equal(scan.stats.length, 0);
	});

	it('a known key is not sent again: only its stat line comes', () => {
		const local = new ProcScanner().scan();
		const me = local.find((p) => p.pid === process.pid);
		assert.ok(me);
		const lines = runScript(`scan\n${knownKey(me)}\n.\n.\n`);
		const scan = parseFarScan(lines.slice(1, lines.indexOf('E')));
		assert.ok(scan.stats.some((p) => p.pid === process.pid));
		assert.equal(scan.argv.has(process.pid), false);
		assert.ok(scan.argv.has(1), 'an unknown process still gets its cmdline');
	});
});
