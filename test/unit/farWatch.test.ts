import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ProcessInfo } from '../../src/proc/parse.js';
import type { FarProcesses } from '../../src/proc/reader.js';
import { createAppStore } from '../../src/state/store.js';
import { FarWatch } from '../../src/watch/farWatch.js';

/** A far side whose next answers the test decides: a list, 'unreadable', or a failure. */
class ScriptedFar implements FarProcesses {
	bootTimeMs = 1_000;
	farUid: number | undefined = 1000;
	closed = false;
	calls = 0;
	constructor(private readonly answers: (ProcessInfo[] | 'unreadable' | Error)[]) {}
	async scan(): Promise<ProcessInfo[] | 'unreadable'> {
		this.calls++;
		const next = this.answers.shift() ?? [];
		if (next instanceof Error) throw next;
		return next;
	}
	close(): void {
		this.closed = true;
	}
}

const conmon: ProcessInfo = { pid: 52, ppid: 1, state: 'S', startTicks: 9, comm: 'conmon', argv: ['/usr/bin/conmon'] };
const farFailure = Object.assign(new Error('dropped'), {
	failure: 'dropped',
	detail: 'Connection closed',
	tryCommand: ['ssh', '-p', '2222', '--', 'h', 'true'],
});

function setUp(answers: (ProcessInfo[] | 'unreadable' | Error)[]) {
	const store = createAppStore({ farSide: { label: 'build · ssh://core@h:2222', stale: undefined, procUnknown: false } });
	const far = new ScriptedFar(answers);
	const folded: ProcessInfo[][] = [];
	const watch = new FarWatch(far, store, (all) => folded.push(all));
	return { store, far, folded, watch };
}

describe('FarWatch: the far side scans, their failures and the stale mark', () => {
	test('an answer is folded, and the far user becomes "ours"', async () => {
		const { store, folded, watch } = setUp([[conmon]]);
		await watch.scan('full');
		assert.deepEqual(folded, [[conmon]]);
		assert.equal(store.getState().ownUid, 1000);
	});

	test('a failure keeps the tree, marks it stale and says once what to try; the next answer clears it', async () => {
		const { store, folded, watch } = setUp([[conmon], farFailure, farFailure, [conmon]]);
		await watch.scan('full');
		await watch.scan('quick');
		const stale = store.getState().farSide?.stale;
		assert.ok(stale, 'marked stale');
		assert.match(stale.text, /ssh to the far side dropped \(Connection closed\); reconnecting; try by hand: ssh -p 2222 -- h true/);
		await watch.scan('quick');
		assert.equal(store.getState().log.filter((l) => l.tone === 'bad').length, 1, 'said once, not on every failed scan');
		assert.equal(folded.length, 1, 'nothing folded while stale: the last tree stands');
		await watch.scan('quick');
		assert.equal(store.getState().farSide?.stale, undefined);
		assert.match(store.getState().log.at(-1)?.text ?? '', /answers again/);
		assert.equal(folded.length, 2);
	});

	test("an unreadable far /proc: said once, conmon facts unknown, nothing folded (never this machine's /proc)", async () => {
		const { store, folded, watch } = setUp(['unreadable', 'unreadable']);
		await watch.scan('full');
		await watch.scan('full');
		assert.equal(store.getState().farSide?.procUnknown, true);
		assert.equal(store.getState().log.filter((l) => /cannot be read/.test(l.text)).length, 1);
		assert.deepEqual(folded, []);
	});

	test('a far side whose /proc cannot be read is back when ssh answers again: the stale mark goes, said once', async () => {
		const { store, watch } = setUp(['unreadable', farFailure, 'unreadable', 'unreadable']);
		await watch.scan('full');
		await watch.scan('quick');
		assert.ok(store.getState().farSide?.stale, 'marked stale while ssh is down');
		await watch.scan('quick');
		await watch.scan('quick');
		assert.equal(store.getState().farSide?.stale, undefined, 'an unreadable /proc is still an answer');
		assert.equal(store.getState().farSide?.procUnknown, true);
		assert.equal(store.getState().log.filter((l) => /answers again/.test(l.text)).length, 1);
	});

	test('scans asked for while one is in flight run once after it, not in parallel', async () => {
		const { far, watch } = setUp([[conmon], [conmon], [conmon]]);
		const first = watch.scan('quick');
		void watch.scan('quick');
		void watch.scan('full');
		await first;
		await new Promise((resolve) => setImmediate(resolve));
		await watch.scan('quick');
		assert.ok(far.calls <= 3, `${far.calls} round trips`);
		watch.stop();
		assert.equal(far.closed, true);
	});
});
