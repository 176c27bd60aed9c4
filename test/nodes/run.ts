#!/usr/bin/env node
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
/**
 * `npm run test:nodes [-- 24]` (and the end of `npm test`): the tests again under the official
 * Node builds of the other majors people have (22 and 24; the machine's Node runs the full
 * suite): every unit and component test, and a core end-to-end set against real podman — the
 * seed from the keys down to quit leaving no child, `--once --json` against podman inspect, the
 * first lesson in English. The test runner is that Node, so the program under test (spawned
 * with process.execPath) is too; node-pty is a Node-API addon and loads under any of them.
 *
 * Exits 1 when a test fails or does not run, and when a build cannot be had with CI set;
 * elsewhere a build that cannot be had is skipped with the reason printed.
 */
import { execa } from 'execa';
import { ciForbidsSkips } from '../helpers/e2eSkipPolicy.js';
import { projectRoot } from '../helpers/fixtures.js';
import { type NodeBuild, nodeBuild, OTHER_NODE_MAJORS } from './nodeBuilds.js';

/** One `node --test` run. */
interface TestRun {
	name: string;
	args: string[];
	/** End-to-end runs must not skip: a skipped e2e test proves nothing about this Node. */
	e2e: boolean;
}

/** The counts node's TAP reporter ends with. */
interface Counts {
	pass: number;
	fail: number;
	cancelled: number;
	skipped: number;
	todo: number;
}

const distTest = join(projectRoot(), 'dist', 'test');

function testFiles(folder: string): string[] {
	return readdirSync(join(distTest, folder))
		.filter((file) => file.endsWith('.test.js'))
		.sort()
		.map((file) => join(distTest, folder, file));
}

const RUNS: readonly TestRun[] = [
	{ name: 'unit and component tests', args: ['--test', ...testFiles('unit'), ...testFiles('components')], e2e: false },
	{
		name: 'e2e: seed from the keys (r k s p d q, no child left), --once --json against inspect',
		args: ['--test', '--test-concurrency=1', join(distTest, 'e2e', 'seedFromKeys.test.js'), join(distTest, 'e2e', 'once.test.js')],
		e2e: true,
	},
	{
		// Node 22 and later match a pattern against the test's name after its suites' names.
		name: 'e2e: the lifecycle lesson in English',
		args: ['--test', '--test-concurrency=1', '--test-name-pattern=^lessons in en lifecycle:', join(distTest, 'e2e', 'lessons.test.js')],
		e2e: true,
	},
];

function counts(tap: string): Counts {
	const count = (name: keyof Counts): number => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? Number.NaN);
	return { pass: count('pass'), fail: count('fail'), cancelled: count('cancelled'), skipped: count('skipped'), todo: count('todo') };
}

/** Why a run does not count as passed, or undefined when it does. */
function verdict(run: TestRun, exitCode: number | undefined, c: Counts): string | undefined {
	if (exitCode !== 0) return `exit code ${exitCode ?? 'none'}`;
	if (Number.isNaN(c.pass)) return 'no test summary';
	if (c.fail + c.cancelled > 0) return `${c.fail} failed, ${c.cancelled} cancelled`;
	if (c.pass === 0) return 'no test ran';
	if (run.e2e && c.skipped + c.todo > 0) return `${c.skipped + c.todo} end-to-end tests skipped`;
	return undefined;
}

/** Runs one set of tests under `build`, the spec reporter on the terminal and TAP in a file for the counts. */
async function runTests(build: NodeBuild, run: TestRun): Promise<{ line: string; failed: boolean }> {
	const dir = mkdtempSync(join(tmpdir(), 'conmon-tui-nodes-'));
	const tapFile = join(dir, 'report.tap');
	const started = Date.now();
	process.stdout.write(`\n── Node ${build.version}: ${run.name}\n`);
	try {
		const result = await execa(
			build.path,
			[
				'--test-reporter=spec',
				'--test-reporter-destination=stdout',
				'--test-reporter=tap',
				`--test-reporter-destination=${tapFile}`,
				...run.args,
				// CI=true for the e2e runs: an e2e suite that cannot run then fails instead of skipping (node's TAP does not count a skipped suite).
			],
			{
				cwd: projectRoot(),
				stdio: ['ignore', 'inherit', 'inherit'],
				reject: false,
				timeout: 15 * 60_000,
				env: run.e2e ? { ...process.env, CI: 'true' } : process.env,
			},
		);
		let tap = '';
		try {
			tap = readFileSync(tapFile, 'utf8');
		} catch {
			// no report: the verdict says so
		}
		const c = counts(tap);
		const why = result.timedOut ? 'timed out' : verdict(run, result.exitCode, c);
		const seconds = ((Date.now() - started) / 1000).toFixed(0);
		const tally = `${c.pass} passed, ${c.fail} failed, ${c.skipped} skipped`;
		return { line: `${why ? '✗' : '✓'} Node ${build.version}  ${run.name}: ${tally}, ${seconds} s${why ? ` — ${why}` : ''}`, failed: why !== undefined };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function main(): Promise<number> {
	const asked = process.argv.slice(2).map(Number);
	const majors = asked.length > 0 ? asked : [...OTHER_NODE_MAJORS];
	if (majors.some((major) => !Number.isInteger(major) || major < 20)) {
		process.stderr.write('usage: node dist/test/nodes/run.js [MAJOR...]   (default: 22 24)\n');
		return 2;
	}
	const inCi = ciForbidsSkips();
	const summary: string[] = [];
	let failed = false;
	for (const major of majors) {
		let build: NodeBuild;
		try {
			build = await nodeBuild(major);
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			summary.push(`${inCi ? '✗' : '-'} Node ${major}: ${inCi ? 'FAILED' : 'skipped'}: no official build: ${reason}`);
			failed ||= inCi;
			continue;
		}
		process.stdout.write(`\nNode ${build.version} (${build.path}${build.cached ? ', from the cache' : ', just installed'})\n`);
		for (const run of RUNS) {
			const result = await runTests(build, run);
			summary.push(result.line);
			failed ||= result.failed;
		}
	}
	process.stdout.write(`\nOther Node versions:\n${summary.map((line) => `  ${line}`).join('\n')}\n`);
	return failed ? 1 : 0;
}

process.exitCode = await main();
