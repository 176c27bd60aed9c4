/**
 * The remote row of the benchmark, on its own: `podman --connection far run -d` returned → the
 * far conmon on screen, against a real far side on this machine (test/helpers/farSideSandbox.ts:
 * podman in its own PID namespace behind sshd). Each run: at a random moment, run a container
 * through the connection, ask `podman --connection far inspect` for its far ConmonPid, and wait for
 * the frame that shows `└─ conmon PID`; then remove it. Prints the summary as a table row.
 *
 *     npm run build && node dist/bench/remoteRun.js [--runs N]
 */
import { createFarSide, FAR_CONNECTION } from '../test/helpers/farSideSandbox.js';
import { cleanEnv } from '../test/helpers/podmanSandbox.js';
import { nowMs, sleep } from './clock.js';
import { PtyScreen } from './ptyScreen.js';
import { summarize } from './stats.js';
import { conmonTui, conmonTuiProgram, SCREEN } from './subjects.js';

const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 20;

async function main(): Promise<void> {
	const far = await createFarSide();
	let screen: PtyScreen | undefined;
	try {
		const env = cleanEnv(far.clientEnv);
		screen = new PtyScreen('conmon-tui --connection', process.execPath, [conmonTuiProgram(), '--connection', FAR_CONNECTION, '--image', far.store.image], {
			env,
			cwd: process.cwd(),
			...SCREEN,
		});
		await screen.waitForFrame('first list', conmonTui.showsCount(0), { since: screen.spawnedAt, timeoutMs: 60_000 });
		await sleep(conmonTui.settleMs);
		const samples: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			await sleep(Math.random() * 1_000);
			const before = nowMs();
			screen.forget(before);
			const id = (await far.podman(['run', '-d', far.store.image, 'sleep', 'infinity'])).stdout.trim();
			const returned = nowMs();
			const conmonPid = (await far.inspect(id)).State.ConmonPid ?? 0;
			const shown = await screen.waitForFrame(`far conmon ${conmonPid}`, conmonTui.showsNewContainer({ id, conmonPid }), {
				since: before,
				timeoutMs: 20_000,
			});
			samples.push(shown.at - returned);
			await far.podman(['rm', '-f', '-t', '0', id]);
			await sleep(conmonTui.settleMs);
		}
		const summary = summarize(samples);
		if (!summary) throw new Error('no run completed');
		process.stdout.write(
			`| R1 | \`podman --connection far run -d\` returned → far conmon on screen (ssh to 127.0.0.1) | ${Math.round(summary.p50)} ms | ${Math.round(summary.p95)} ms | n=${summary.n} |\n`,
		);
	} finally {
		await screen?.stop();
		await far.dispose();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`remoteRun: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
});
