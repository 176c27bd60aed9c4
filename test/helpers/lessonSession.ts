import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESPAWNS_TO_SEE } from '../../src/lessons/restartPolicy.js';
import type { Language, MessageKey } from '../../src/messages/i18n.js';
import type { LessonFacts, LogFacts } from '../../src/state/store.js';
import { messagePattern } from './messagePattern.js';
import type { PodmanSandbox } from './podmanSandbox.js';
import { TuiSession } from './tuiSession.js';

/**
 * `conmon-tui lesson NAME` in a real pseudo-terminal against a sandbox, wide enough that a
 * step's verdict fits on one line in either language, with `--log` so that the test can also
 * read each step's verdict as the program recorded it.
 */
export class LessonSession {
	readonly tui: TuiSession;
	private readonly dir = mkdtempSync(join(tmpdir(), 'conmon-tui-lesson-'));
	readonly logFile = join(this.dir, 'log.jsonl');

	constructor(
		/** Where podman is: a sandbox, or a far side's client environment and image (with `--connection` in extraArgs). */
		sandbox: Pick<PodmanSandbox, 'env' | 'image'>,
		lesson: string,
		readonly language: Language,
		extraArgs: readonly string[] = [],
	) {
		this.tui = new TuiSession({
			env: sandbox.env,
			args: ['lesson', lesson, '--lang', language, '--image', sandbox.image, '--command', 'sleep infinity', '--log', this.logFile, ...extraArgs],
			columns: 220,
			rows: 44,
		});
	}

	/** Waits for the pane to show step `step` (1-based). */
	async atStep(step: number, steps: number): Promise<void> {
		await this.tui.waitFor(messagePattern('lesson.ui.heading', { title: '.+', step: String(step), steps: String(steps) }));
	}

	/** Presses a step's key (or n, b, t, y) with a person's pause before the next. */
	async press(key: string): Promise<void> {
		await this.tui.type([key], 150);
	}

	/**
	 * The restart-policy lesson's ✓: at least RESPAWNS_TO_SEE respawns — more when an exit code
	 * comes late, as the check waits for it while the container, restarting every 3 s, goes on —
	 * with a new conmon PID each time. Returns that chain of conmon PIDs.
	 */
	async restartChain(): Promise<number[]> {
		const seen = await this.passed('lesson.restartPolicy.watch.met', { count: '\\d+', pids: '[\\d → ]+', codes: '3' }, 60_000);
		const respawns = Number(seen['count']);
		const pids = (seen['pids'] ?? '').split(' → ').map(Number);
		assert.ok(respawns >= RESPAWNS_TO_SEE, `${respawns} respawns`);
		assert.equal(pids.length, respawns + 1);
		assert.equal(new Set(pids).size, pids.length, 'a new PID each time');
		return pids;
	}

	/** Waits for a step's ✓ verdict and returns the values its placeholders (and named groups) matched. */
	async passed(key: MessageKey, groups: Readonly<Record<string, string>>, timeoutMs = 20_000): Promise<Record<string, string>> {
		const pattern = messagePattern(key, groups);
		const match = await this.tui.waitFor(new RegExp(`✓ ${pattern.source}`), timeoutMs);
		return { ...match.groups };
	}

	/** Goes on to the next step (or finishes after the last). */
	async next(step: number, steps: number): Promise<void> {
		await this.press('n');
		if (step <= steps) await this.atStep(step, steps);
		else await this.tui.waitFor(messagePattern('lesson.ui.finished', {}));
	}

	/**
	 * q after the lesson: exit code 0, and every step's check passed in the program's own log.
	 * `failedFirst`: the steps expected to have failed once before they passed (their command was run again).
	 */
	async quitAfterPassing(steps: number, failedFirst: readonly number[] = []): Promise<LessonFacts[]> {
		await this.press('q');
		const { exitCode } = await this.tui.waitForExit();
		assert.equal(exitCode, 0);
		const facts = readFileSync(this.logFile, 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line) as LogFacts & { text: string })
			.flatMap((line) => (line.kind === 'lesson' && line.lesson ? [line.lesson] : []));
		assert.deepEqual(
			facts.filter((f) => f.event === 'failed').map((f) => f.step),
			failedFirst,
			failedFirst.length === 0 ? 'no step failed' : 'only the steps expected to fail once failed',
		);
		assert.deepEqual(
			facts.filter((f) => f.event === 'passed').map((f) => f.step),
			Array.from({ length: steps }, (_, i) => i + 1),
			'every step passed once, in order',
		);
		assert.equal(facts.at(-1)?.event, 'finished');
		return facts;
	}

	async dispose(): Promise<void> {
		await this.tui.kill();
		rmSync(this.dir, { recursive: true, force: true });
	}
}
