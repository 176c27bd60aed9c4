/**
 * `npm run soak [-- --minutes N]`: the churn test for a long time (10 minutes by default),
 * not part of CI. conmon-tui watches while containers are churned in rounds; its resident
 * memory is sampled throughout, and at the end the same checks as the churn test are made:
 * conmons seen by an independent /proc watcher vs the tool's history, and podman's died
 * events vs the tool's log. Memory must level off: the history and log are bounded.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { churnContainers } from '../helpers/churn.js';
import { ConmonWatcher } from '../helpers/conmonWatcher.js';
import { createPodmanSandbox } from '../helpers/podmanSandbox.js';
import { TuiSession } from '../helpers/tuiSession.js';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, batch: { type: 'string', default: '30' } } });
const minutes = Number(values.minutes);
const batch = Number(values.batch);

function rssMb(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const sandbox = await createPodmanSandbox();
const dir = mkdtempSync(join(tmpdir(), 'conmon-tui-soak-'));
const logFile = join(dir, 'log.jsonl');
let tui: TuiSession | undefined;
try {
	const since = new Date(Date.now() - 1000).toISOString();
	tui = new TuiSession({ env: sandbox.env, args: ['--image', sandbox.image, '--log', logFile] });
	await tui.waitFor(/watching podman/);
	const samples: { at: number; rss: number }[] = [];
	const sample = () => samples.push({ at: Date.now(), rss: rssMb(tui?.pty.pid ?? 0) });
	sample();
	const sampler = setInterval(sample, 10_000);
	const watcher = new ConmonWatcher(sandbox.dir);
	watcher.start();
	const deadline = Date.now() + minutes * 60_000;
	let round = 0;
	let churned = 0;
	while (Date.now() < deadline) {
		const ends = await churnContainers(sandbox, batch, 4, `soak${round}`);
		churned += ends.size;
		// Keep the store small between rounds: remove what the round left.
		await sandbox.podman(['rm', '-af', '-t', '0']);
		round++;
		process.stderr.write(`round ${round}: ${churned} containers churned, RSS ${rssMb(tui.pty.pid).toFixed(1)} MB\n`);
	}
	await new Promise((resolve) => setTimeout(resolve, 3_000));
	watcher.stop();
	clearInterval(sampler);
	sample();
	tui.press('q');
	await tui.waitForExit(30_000);

	const lines = readFileSync(logFile, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((l) => JSON.parse(l) as { kind: string; status?: string; containerId?: string; pid?: number; exitCode?: number });
	const appeared = new Set(lines.filter((l) => l.kind === 'conmon' && l.status === 'appeared').map((l) => `${l.containerId}/${l.pid}`));
	const missedConmons = watcher.seen.filter((c) => !appeared.has(`${c.containerId}/${c.pid}`)).length;
	const died = (await sandbox.podman(['events', '--since', since, '--stream=false', '--format', 'json'])).stdout
		.split('\n')
		.filter(Boolean)
		.map((l) => JSON.parse(l) as { ID: string; Status: string; Type: string })
		.filter((e) => e.Type === 'container' && e.Status === 'died');
	const loggedDied = new Map<string, number>();
	for (const l of lines)
		if (l.kind === 'podman-event' && l.status === 'died') loggedDied.set(l.containerId ?? '', (loggedDied.get(l.containerId ?? '') ?? 0) + 1);
	let lostDied = 0;
	const podmanDied = new Map<string, number>();
	for (const e of died) podmanDied.set(e.ID, (podmanDied.get(e.ID) ?? 0) + 1);
	for (const [id, n] of podmanDied) lostDied += Math.max(0, n - (loggedDied.get(id) ?? 0));

	const first = samples[0]?.rss ?? 0;
	const last = samples.at(-1)?.rss ?? 0;
	const max = Math.max(...samples.map((s) => s.rss));
	const report = {
		minutes,
		rounds: round,
		containersChurned: churned,
		logLines: lines.length,
		conmonsSeenByWatcher: watcher.seen.length,
		conmonsMissing: missedConmons,
		diedEventsByPodman: died.length,
		diedEventsLost: lostDied,
		rssMb: { start: +first.toFixed(1), end: +last.toFixed(1), max: +max.toFixed(1) },
	};
	process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
	process.exitCode = missedConmons === 0 && lostDied === 0 ? 0 : 1;
} finally {
	await tui?.kill();
	await sandbox.dispose();
	rmSync(dir, { recursive: true, force: true });
}
