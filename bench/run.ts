#!/usr/bin/env node
/**
 * `npm run bench [-- --quick] [-- --node N]`: the benchmark of conmon-tui against a polling baseline, on
 * real podman in a private sandbox store. Prints a table, writes the raw numbers to
 * bench/results/latest.json (and a dated copy), and after a complete full run bench/RESULTS.md.
 * Exits 1 when any scenario did not complete (so that `--quick` can serve as a smoke
 * check), 2 on a bad command line, 130 when interrupted. The sandbox is removed on every
 * way out. With `--node N` it measures instead conmon-tui under the machine's Node and Node N
 * (bench/nodes.ts) and writes that section of bench/RESULTS.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPodmanSandbox, type PodmanSandbox, sweepStaleSandboxes } from '../test/helpers/podmanSandbox.js';
import { type NodeBuild, nodeBuild } from '../test/nodes/nodeBuilds.js';
import { nowMs } from './clock.js';
import { addCreatedContainers, addRunningContainers, countContainers, removeAllContainers, removeContainersViaApi } from './fleet.js';
import { ensureHtop } from './htop.js';
import { describeMachine, loadAverage, sampleLoad } from './machine.js';
import { compareNodes, NODES_SECTION_START, type NodeComparison, nodesMarkdown, withNodesSection } from './nodes.js';
import { PtyScreen } from './ptyScreen.js';
import { redrawCost } from './redraw.js';
import { machineLines, resultsMarkdown, resultsNotes, resultsTable } from './report.js';
import { type BenchConfig, type BenchResults, FULL, QUICK } from './results.js';
import { buildRows, type Collected, scenarioName } from './rows.js';
import { type BenchContext, firstFrame, idleUsage, keyLatency, lifecycleLatency } from './scenarios.js';
import { conmonTui, conmonTuiProgram, htop, SUBJECTS, type Subject } from './subjects.js';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RESULTS_DIR = path.join(PROJECT_ROOT, 'bench', 'results');
const RESULTS_MD = path.join(PROJECT_ROOT, 'bench', 'RESULTS.md');

/** Environment variables that would send podman to another store (as the test sandbox drops them). */
const HOSTILE_ENV = ['CONTAINER_HOST', 'CONTAINER_CONNECTION', 'CONTAINER_SSHKEY', 'CONTAINERS_CONF_OVERRIDE', 'STORAGE_DRIVER', 'STORAGE_OPTS'];

const started = nowMs();

function log(message: string): void {
	process.stderr.write(`[${((nowMs() - started) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
}

function parseArgs(argv: readonly string[]): { config: BenchConfig; nodeMajor: number | undefined } {
	let config = FULL;
	let nodeMajor: number | undefined;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--quick') config = QUICK;
		else if (arg === '--node' && /^\d+$/.test(argv[i + 1] ?? '')) nodeMajor = Number(argv[++i]);
		else if (arg === '--help' || arg === '-h') {
			process.stdout.write(
				'usage: npm run bench [-- --quick] [-- --node N]\n  --quick   smoke mode: 3 runs, 5/10 containers, 5 s CPU windows\n' +
					"  --node N  only first frame and idle CPU, under this Node and Node N's official build (and N's compile cache on and off)\n",
			);
			process.exit(0);
		} else {
			process.stderr.write(`bench: unknown argument ${arg} (see --help)\n`);
			process.exit(2);
		}
	}
	return { config, nodeMajor };
}

function benchEnv(sandbox: PodmanSandbox): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined && !HOSTILE_ENV.includes(key)) env[key] = value;
	}
	// CI would make Ink skip synchronized output; the programs should behave as in a terminal.
	delete env['CI'];
	// Measure what a user gets by default: NODE_ENV=production in the caller's shell would switch
	// React to its production build and change every number.
	delete env['NODE_ENV'];
	return { ...env, ...sandbox.env };
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------
// Cleanup on every way out, Ctrl-C included

let activeSandbox: PodmanSandbox | undefined;
let interrupted = false;

async function cleanUp(): Promise<void> {
	await Promise.all([...PtyScreen.live].map((screen) => screen.stop(2_000)));
	const sandbox = activeSandbox;
	if (!sandbox) return;
	log('removing the sandbox store…');
	await sandbox.dispose();
	activeSandbox = undefined;
}

function onSignal(signal: NodeJS.Signals, code: number): void {
	if (interrupted) {
		log(`${signal} again: still cleaning up, please wait`);
		return;
	}
	interrupted = true;
	log(`${signal}: stopping and cleaning up`);
	cleanUp()
		.catch((error: unknown) => log(`cleanup failed: ${errorText(error)}`))
		.finally(() => process.exit(code));
}

// ---------------------------------------------------------------------------------------
// The plan

async function attempt<T>(collected: Collected, name: string, run: () => Promise<T>): Promise<T | undefined> {
	if (interrupted) return undefined;
	const at = nowMs();
	log(`${name}…`);
	try {
		const result = await run();
		log(`${name}: done in ${((nowMs() - at) / 1000).toFixed(1)} s`);
		return result;
	} catch (error) {
		collected.errors.set(name, errorText(error));
		log(`${name}: FAILED: ${errorText(error)}`);
		return undefined;
	}
}

/** Adds running containers (`podman run -d`) until the store holds `total`. */
async function growTo(ctx: BenchContext, collected: Collected, total: number): Promise<void> {
	const now = await countContainers(ctx.sandbox);
	const missing = total - now.total;
	if (missing <= 0) return;
	log(`adding ${missing} running containers…`);
	const step = await addRunningContainers(ctx.sandbox, missing);
	ctx.youngestStartedAt = nowMs();
	collected.setup.push(step);
	log(`${step.what}: ${(step.ms / 1000).toFixed(1)} s`);
}

/**
 * The order keeps the store as small as each step needs — rows 1-2 on an empty store, 50
 * running containers for rows 6 and 4, 200 for rows 3 (plus created ones, removed right
 * after) and 5/7 — and gives the 150 new containers time to age before row 5's window.
 */
async function runPlan(config: BenchConfig, ctx: BenchContext, collected: Collected): Promise<void> {
	// htop runs beside the two programs in the idle windows (rows 4, 5 and 7): the reference the issue compares with.
	collected.htopVersion = await ensureHtop(log);
	const idleSubjects: readonly Subject[] = collected.htopVersion ? [...SUBJECTS, htop] : SUBJECTS;
	collected.redraw = await attempt(collected, scenarioName.redraw(config.small), () => redrawCost(config.small, Math.min(12, config.firstFrameRuns)));
	for (const subject of SUBJECTS) {
		const runs = await attempt(collected, scenarioName.lifecycle(subject), () => lifecycleLatency(ctx, subject, config.lifecycleRuns));
		if (runs) collected.lifecycle[subject.key] = runs;
	}
	if (interrupted) return;
	await growTo(ctx, collected, config.small);
	for (const subject of SUBJECTS) {
		const frames = await attempt(collected, scenarioName.firstFrame(subject, config.small), () =>
			firstFrame(ctx, subject, config.small, config.firstFrameRuns),
		);
		if (frames) collected.firstFrame[subject.key] = frames;
	}
	collected.idleSmall =
		(await attempt(collected, scenarioName.idle(config.small, 4), () =>
			idleUsage(ctx, idleSubjects, config.small, config.cpuWindowMs, config.minContainerAgeMs),
		)) ?? {};
	if (interrupted) return;
	await growTo(ctx, collected, config.large);
	const extra = config.keys - config.large;
	const created = extra > 0 ? await addCreatedContainers(ctx.sandbox, extra) : undefined;
	if (created) {
		collected.setup.push(created.step);
		log(`${created.step.what}: ${(created.step.ms / 1000).toFixed(1)} s`);
	}
	collected.keyPresses = await attempt(collected, scenarioName.keys(config.keys), () => keyLatency(ctx, conmonTui, config.keys, config.keyPresses));
	if (created) {
		const removed = await removeContainersViaApi(ctx.sandbox, created.ids);
		collected.setup.push(removed);
		log(`${removed.what}: ${(removed.ms / 1000).toFixed(1)} s`);
	}
	if (interrupted) return;
	collected.idleLarge =
		(await attempt(collected, scenarioName.idle(config.large, 5), () =>
			idleUsage(ctx, idleSubjects, config.large, config.cpuWindowMs, config.minContainerAgeMs),
		)) ?? {};
}

/**
 * What follows the main table in the current RESULTS.md, kept when the table is rewritten: the
 * Node comparison and the sections written by hand after it (the rounds of an issue, each measured
 * with bench:parts). The main table's own text has no second-level heading, so the first one, or
 * the comparison's marker, is where the kept part starts.
 */
function keptSections(): string {
	let current: string;
	try {
		current = readFileSync(RESULTS_MD, 'utf8');
	} catch {
		return '';
	}
	const starts = [current.indexOf(NODES_SECTION_START), current.search(/^## /m)].filter((at) => at >= 0);
	return starts.length === 0 ? '' : `\n${current.slice(Math.min(...starts))}`;
}

/** `--node N`: writes the comparison's raw numbers and, when it completed, its section of RESULTS.md. */
function reportNodes(
	comparison: NodeComparison | undefined,
	collected: Collected,
	failures: string[],
	machine: Awaited<ReturnType<typeof describeMachine>>,
): number {
	failures.push(...[...collected.errors].map(([name, error]) => `${name}: ${error}`));
	mkdirSync(RESULTS_DIR, { recursive: true });
	writeFileSync(path.join(RESULTS_DIR, 'nodes-latest.json'), `${JSON.stringify({ comparison, machine, failures, totalMs: nowMs() - started }, null, '\t')}\n`);
	if (!comparison || failures.length > 0) {
		process.stdout.write(`\nNode comparison incomplete:\n${failures.join('\n')}\n`);
		return 1;
	}
	const machineLine = `${machine.nproc} CPUs, ${machine.podman}, load ${machine.loadAtStart.join(' / ')} at the start, median 1-min load ${machine.loadDuring?.median ?? '?'} during the run, tree \`${machine.gitDescribe}\``;
	const section = nodesMarkdown(comparison, machineLine);
	let current = '';
	try {
		current = readFileSync(RESULTS_MD, 'utf8');
	} catch {
		// no table yet: the section alone
	}
	writeFileSync(RESULTS_MD, withNodesSection(current, section));
	process.stdout.write(`\n${section}\nRaw numbers: bench/results/nodes-latest.json; section written to bench/RESULTS.md\n`);
	return 0;
}

// ---------------------------------------------------------------------------------------

async function main(): Promise<number> {
	const { config, nodeMajor } = parseArgs(process.argv.slice(2));
	let otherNode: NodeBuild | undefined;
	if (nodeMajor !== undefined) {
		try {
			otherNode = await nodeBuild(nodeMajor);
		} catch (error) {
			log(`no Node ${nodeMajor} build: ${errorText(error)}`);
			return 1;
		}
		log(`Node ${otherNode.version}: ${otherNode.path}`);
	}
	let comparison: NodeComparison | undefined;
	process.on('SIGINT', () => onSignal('SIGINT', 130));
	process.on('SIGTERM', () => onSignal('SIGTERM', 143));
	process.on('SIGHUP', () => onSignal('SIGHUP', 129));

	const date = new Date().toISOString();
	const machine = await describeMachine(PROJECT_ROOT);
	const load = sampleLoad();
	log(`conmon-tui benchmark, ${config.mode} mode: ${machine.nproc} CPUs, ${machine.podman}, load ${machine.loadAtStart.join(' ')}`);
	const collected: Collected = {
		lifecycle: {},
		firstFrame: {},
		idleSmall: {},
		idleLarge: {},
		keyPresses: undefined,
		redraw: undefined,
		htopVersion: undefined,
		errors: new Map(),
		setup: [],
	};
	const failures: string[] = [];
	try {
		await sweepStaleSandboxes().catch(() => undefined);
		const sandboxStarted = nowMs();
		activeSandbox = await createPodmanSandbox();
		collected.setup.push({ what: 'sandbox store with the test image', count: 0, ms: nowMs() - sandboxStarted });
		log(`sandbox ${activeSandbox.dir}`);
		// A first frame with hundreds of containers may take a while on a loaded machine.
		const firstFrameTimeoutMs = config.mode === 'quick' ? 30_000 : 90_000;
		const ctx = { sandbox: activeSandbox, env: benchEnv(activeSandbox), firstFrameTimeoutMs, youngestStartedAt: 0 };
		if (otherNode) {
			const build = otherNode;
			comparison = await attempt(collected, `first frame and idle CPU under ${process.version} and ${build.version}`, () =>
				compareNodes(ctx, config, build, log),
			);
		} else await runPlan(config, ctx, collected);
	} catch (error) {
		failures.push(`setup: ${errorText(error)}`);
		log(`FAILED: ${errorText(error)}`);
	} finally {
		if (!interrupted) {
			await Promise.all([...PtyScreen.live].map((screen) => screen.stop(2_000)));
			const sandbox = activeSandbox;
			if (sandbox) {
				try {
					log('removing every container…');
					const removed = await removeAllContainers(sandbox);
					collected.setup.push(removed);
					const disposing = nowMs();
					await sandbox.dispose();
					activeSandbox = undefined;
					collected.setup.push({ what: 'sandbox disposed', count: 0, ms: nowMs() - disposing });
				} catch (error) {
					failures.push(`teardown: ${errorText(error)}`);
					log(`teardown FAILED: ${errorText(error)}`);
				}
			}
		}
	}
	if (interrupted) return new Promise<number>(() => undefined); // the signal handler exits

	machine.loadAtEnd = loadAverage();
	machine.loadDuring = load.stop();
	if (nodeMajor !== undefined) return reportNodes(comparison, collected, failures, machine);
	const rows = buildRows(config, collected, interrupted);
	failures.push(...[...collected.errors].map(([name, error]) => `${name}: ${error}`));
	const results: BenchResults = {
		date,
		program: path.relative(PROJECT_ROOT, conmonTuiProgram()),
		config,
		machine,
		rows,
		setup: collected.setup,
		raw: {
			lifecycle: collected.lifecycle,
			idleSmall: collected.idleSmall,
			idleLarge: collected.idleLarge,
			keyPresses: collected.keyPresses,
			redraw: collected.redraw,
			firstFrame: collected.firstFrame,
		},
		failures,
		totalMs: nowMs() - started,
	};
	mkdirSync(RESULTS_DIR, { recursive: true });
	const json = `${JSON.stringify(results, null, '\t')}\n`;
	writeFileSync(path.join(RESULTS_DIR, 'latest.json'), json);
	writeFileSync(path.join(RESULTS_DIR, `${date.replace(/[:.]/g, '-')}-${config.mode}.json`), json);
	const incomplete = rows.some((row) => row.conmonTui.status === 'failed' || row.baseline.status === 'failed') || failures.length > 0;
	// The committed table is replaced only by a complete full run.
	const writeTable = config.mode === 'full' && !incomplete;
	if (writeTable) writeFileSync(RESULTS_MD, resultsMarkdown(results) + keptSections());

	process.stdout.write(
		`\nconmon-tui benchmark (${config.mode}), ${date}\n\n${machineLines(results)}\n\n${resultsTable(results)}\n\n${resultsNotes(results)}\n`,
	);
	process.stdout.write(
		`\nRaw numbers: ${path.relative(PROJECT_ROOT, path.join(RESULTS_DIR, 'latest.json'))}` +
			(writeTable ? `; table: ${path.relative(PROJECT_ROOT, RESULTS_MD)}` : '') +
			'\n',
	);
	return incomplete ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	async (error: unknown) => {
		log(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		await cleanUp().catch(() => undefined);
		process.exit(1);
	},
);
