import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { readLogLines } from '../helpers/logFileLines.js';
import { runPodman } from '../helpers/podmanSandbox.js';
import { sandboxSuite } from '../helpers/sandboxSuite.js';

/**
 * A class in Japan: podman and conmon-tui both run with TZ=Asia/Tokyo. podman writes event
 * times in local time (+09:00); the tool must read them as the same instants, in order.
 */
const skip = await e2eSkipReason();
const TOKYO = { TZ: 'Asia/Tokyo' };

describe('TZ=Asia/Tokyo for real', { skip: skip ?? false }, () => {
	const suite = sandboxSuite('tz');

	test("podman's +09:00 event times are the right instants, in order, and the screen shows Tokyo's clock", { timeout: 90_000 }, async () => {
		const { sandbox, dir } = suite;
		const podman = (args: string[]) => runPodman({ ...sandbox.env, ...TOKYO }, args, {});
		const logFile = join(dir, 'tz.jsonl');
		const tui = suite.start({ env: TOKYO, args: ['--image', sandbox.image, '--log', logFile] });
		await tui.waitFor(/watching podman/, 45_000);
		const before = Date.now();
		const id = (await podman(['run', '-d', '--name', 'tokyo', sandbox.image, 'sleep', 'infinity'])).stdout.trim();
		await podman(['kill', id]);
		await podman(['start', id]);
		await podman(['rm', '-f', '-t', '0', id]);
		await tui.waitFor(/container tokyo \(\w+\) removed/);
		const afterAll = Date.now();

		// The premise: podman itself writes Tokyo local time.
		const since = new Date(before - 1_000).toISOString();
		const raw = (await podman(['events', '--since', since, '--stream=false', '--format', 'json'])).stdout;
		const rawTimes = raw
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line) as { Time?: string; time?: number });
		assert.ok(
			rawTimes.some((e) => /\+09:00$/.test(e.Time ?? '') || typeof e.time === 'number'),
			`podman's times: ${raw.slice(0, 300)}`,
		);

		// The screen's event log: the remove line at Tokyo's wall-clock hour.
		const screen = await tui.screen();
		const removed = /(\d\d):(\d\d):\d\d\.\d{3} container tokyo \(\w+\) removed/.exec(screen);
		assert.ok(removed, screen);
		const tokyoHour = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', hourCycle: 'h23' }).format(ms);
		assert.ok([tokyoHour(before), tokyoHour(afterAll)].includes(removed[1] ?? ''), `shown ${removed[1]}, Tokyo ${tokyoHour(before)}`);

		tui.press('q');
		assert.equal((await tui.waitForExit(20_000)).exitCode, 0);
		const lines = readLogLines(logFile);
		const mine = lines.filter((l) => l.kind === 'podman-event' && l.containerId === id);
		for (const status of ['create', 'start', 'died', 'remove'])
			assert.ok(
				mine.some((l) => l.status === status),
				`${status} logged`,
			);
		// The same instants as the real clock, not nine hours off.
		for (const line of mine) {
			const at = Date.parse(line.time ?? '');
			assert.ok(
				at >= before - 1_000 && at <= afterAll + 1_000,
				`${line.status} at ${line.time}, between ${new Date(before).toISOString()} and ${new Date(afterAll).toISOString()}`,
			);
		}
		// In order, as podman sent them.
		const timed = lines.filter((l) => l.kind !== 'state-at-exit');
		const backwards = timed.filter((l, i) => i > 0 && !l.late && Date.parse(l.time ?? '') < Date.parse(timed[i - 1]?.time ?? ''));
		assert.deepEqual(backwards, [], 'no line earlier than the one before it');
	});
});
