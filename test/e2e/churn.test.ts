import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { churnContainers } from '../helpers/churn.js';
import { ConmonWatcher } from '../helpers/conmonWatcher.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { readLogLines } from '../helpers/logFileLines.js';
import { sandboxSuite } from '../helpers/sandboxSuite.js';

/**
 * Churn: 100 containers created, started, killed, stopped and removed from outside as fast as
 * podman allows while conmon-tui watches. Nothing may be lost: every conmon a separate /proc
 * watcher saw is in the tool's history, every `died` podman recorded is in its event log, and
 * its final state of every container is podman's.
 */
const skip = await e2eSkipReason();
const CONTAINERS = Number(process.env['CHURN_CONTAINERS'] ?? 100);

describe(`churn of ${CONTAINERS} containers`, { skip: skip ?? false }, () => {
	const suite = sandboxSuite('churn');
	const logFile = join(suite.dir, 'log.jsonl');

	test('no conmon, no died event and no final state is lost', { timeout: 15 * 60_000 }, async () => {
		const { sandbox } = suite;
		const since = new Date(Date.now() - 1000).toISOString();
		const tui = suite.start({ args: ['--image', sandbox.image, '--log', logFile] });
		await tui.waitFor(/watching podman/);
		const watcher = new ConmonWatcher(sandbox.dir);
		watcher.start();
		const ends = await churnContainers(sandbox, CONTAINERS);
		// Let podman's last events arrive and the tool settle on podman's count.
		const listed = (await sandbox.podman(['ps', '-a', '-q'])).stdout.trim().split('\n').filter(Boolean).length;
		await tui.waitFor(new RegExp(`conmon-tui +podman \\S+ +${listed} containers`), 30_000);
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		watcher.stop();
		tui.press('q');
		assert.equal((await tui.waitForExit(20_000)).exitCode, 0);

		const lines = readLogLines(logFile);

		// 1. Every conmon the independent watcher saw appears in the tool's history with its PID.
		const appeared = new Set(lines.filter((l) => l.kind === 'conmon' && l.status === 'appeared').map((l) => `${l.containerId}/${l.pid}`));
		const missed = watcher.seen.filter((c) => !appeared.has(`${c.containerId}/${c.pid}`));
		assert.ok(watcher.seen.length >= CONTAINERS * 2, `the watcher saw ${watcher.seen.length} conmons`);
		assert.deepEqual(missed, [], `${missed.length} of ${watcher.seen.length} conmons missing from the tool's history`);

		// 2. Every died event podman recorded is in the tool's event log, with its exit code.
		// (podman 4.3 answers nothing with `--filter event=died` or with `--until`: filter here.)
		const recorded = (await sandbox.podman(['events', '--since', since, '--stream=false', '--format', 'json'])).stdout
			.split('\n')
			.filter(Boolean)
			.map((l) => JSON.parse(l) as { ID: string; Status: string; Type: string; ContainerExitCode?: number })
			.filter((e) => e.Type === 'container' && e.Status === 'died');
		const logged = lines
			.filter((l) => l.kind === 'podman-event' && l.status === 'died')
			.map((l) => `${l.containerId}/${l.exitCode}`)
			.sort();
		assert.deepEqual(logged, recorded.map((e) => `${e.ID}/${e.ContainerExitCode ?? 0}`).sort());
		assert.ok(recorded.length >= CONTAINERS * 2, `${recorded.length} died events`);

		// 3. The state at exit is podman's, container by container.
		const final = lines.at(-1);
		assert.equal(final?.kind, 'state-at-exit');
		const mine = new Map((final?.containers ?? []).map((c) => [c.id, c.state]));
		const podmans = new Map(
			(JSON.parse((await sandbox.podman(['ps', '-a', '--format', 'json'])).stdout) as { Id: string; State: string }[]).map((c) => [c.Id, c.State]),
		);
		assert.deepEqual([...mine].sort(), [...podmans].sort());
		for (const [id, end] of ends) assert.equal(mine.get(id), end === 'removed' ? undefined : end, id);
	});
});
