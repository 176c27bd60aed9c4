/**
 * Every lesson's texts fit, whole, in the lesson pane of an 80×24 terminal, in English and in
 * Japanese, as the App draws them (its own wrapping, kinsoku included, and its own pane height):
 * the lesson's title in the heading, each step's title and explanation, the key with its command,
 * and every verdict of the lesson — what a met check says, what a waiting check sees. Nothing a
 * learner must read is cut to "…". It iterates over LESSONS, so a lesson added later is covered.
 */
import '../helpers/forceColor.js';

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import type { Lesson } from '../../src/lessons/lesson.js';
import { LESSONS } from '../../src/lessons/lessons.js';
import { newRunState } from '../../src/lessons/runState.js';
import { CATALOGUES, LANGUAGES } from '../../src/messages/catalogues.js';
import { type MessageKey, type MessageParams, setLanguage, t } from '../../src/messages/i18n.js';
import { quoteCommandWords } from '../../src/present/commandWords.js';
import { displayWidth } from '../../src/present/displayWidth.js';
import { createAppStore, type LessonProgress } from '../../src/state/store.js';
import { renderApp } from '../helpers/appHarness.js';
import { FakeProcessReader } from '../helpers/fakeReader.js';
import { fixtureState } from '../helpers/fixtureState.js';
import { screenLines, waitForContent } from '../helpers/inkTesting.js';

const SIZE = { columns: 80, rows: 24 };
/** The largest PID Linux hands out (pid_max on 64-bit): the widest a PID on screen gets. */
const PID = 4_194_304;
const SHORT_ID = 'ffffffffffff';
const FULL_ID = 'f'.repeat(64);
const IMAGE = 'localhost/conmon-tui-test:latest';

afterEach(() => cleanup());

/** The widest value a placeholder shows in practice, by its name; numbers for those a plural word follows. */
function sampleParams(lesson: Lesson, text: string): MessageParams {
	const names = [...text.matchAll(/\{(\w+)/g)].map((m) => m[1] ?? '');
	const name = `lesson-${lesson.name}-ffff`;
	const sample = (placeholder: string): string | number => {
		switch (placeholder) {
			case 'id':
			case 'infra':
			case 'session':
				return SHORT_ID;
			case 'ids':
				return `${SHORT_ID} ${SHORT_ID}`;
			case 'name':
			case 'pod':
				return name;
			case 'child':
				return `sleep infinity ${PID}`;
			case 'infraChild':
				return `/catatonit -P ${PID}`;
			case 'pids':
				return [PID - 3, PID - 2, PID - 1, PID].join(' → ');
			case 'before':
				return `${PID - 1}, ${PID}`;
			case 'map':
				return '0 1001 1, 1 100000 65536';
			case 'answer':
				return `running ${PID}`;
			case 'status':
				return 'running';
			case 'state':
				return 'created';
			case 'parent':
				return 'systemd';
			// conmon's ctr.log in the default root store, its ID cut as the lesson shows it; the attach socket as conmon binds it.
			case 'path':
				return lesson.name === 'logs' ? `/var/lib/containers/storage/overlay-containers/${SHORT_ID}…/userdata/ctr.log` : '/proc/self/fd/12/attach';
			case 'entry':
				return `2026-12-02T02:40:01.123456789+00:00 stdout F ${PID}`;
			case 'codes':
				return '137, 143';
			case 'count':
			case 'total':
			case 'seconds':
			case 'code':
				return 137;
			default:
				return PID;
		}
	};
	return Object.fromEntries(names.map((n) => [n, sample(n)]));
}

/** The key prefix of a lesson's own texts: `lesson.restartPolicy.` from `lesson.restartPolicy.title`. */
function prefixOf(lesson: Lesson): string {
	return lesson.title.replace(/title$/, '');
}

/** Every verdict a lesson can show: what its met checks say (✓) and what its waiting checks see, and the shared ones its steps use. */
function verdictKeys(lesson: Lesson): MessageKey[] {
	const own = (Object.keys(CATALOGUES.en) as MessageKey[]).filter(
		(key) => key.startsWith(prefixOf(lesson)) && (key.endsWith('.met') || key.includes('.seen.')),
	);
	const shared: MessageKey[] = [
		'lesson.run.met',
		'lesson.cleanup.met',
		'lesson.seen.noConmon',
		'lesson.seen.noChild',
		'lesson.seen.stillThere',
		'lesson.seen.conmonCount',
	];
	return [...own, ...shared];
}

/** The command a step's key shows, as the runner shows it: the real one where the step can say it before anything ran, else a `podman run` as long as the lesson's. */
function shownCommand(lesson: Lesson, stepIndex: number): string | undefined {
	const action = lesson.steps[stepIndex]?.action;
	if (!action) return undefined;
	const run = newRunState<object>(`lesson-${lesson.name}-ffff`, { image: IMAGE, command: ['sleep', 'infinity'], reader: new FakeProcessReader() });
	const context = { ...run, containerId: FULL_ID, created: [FULL_ID], createdPods: [FULL_ID], memory: { podId: FULL_ID } };
	const command = action.command(context, createAppStore({ loaded: true }).getState());
	if (command && 'podman' in command) return quoteCommandWords(['podman', ...command.podman]);
	return quoteCommandWords(['kill', '-9', String(PID)]);
}

/** A step of a lesson as the pane shows it, with the verdict given. */
function progressOf(lesson: Lesson, stepIndex: number, verdict: Pick<LessonProgress, 'phase' | 'outcome' | 'seen'>): LessonProgress {
	const step = lesson.steps[stepIndex];
	assert.ok(step);
	const action = step.action;
	return {
		name: lesson.name,
		title: t(lesson.title),
		step: stepIndex,
		steps: lesson.steps.length,
		stepTitle: t(step.title, step.params),
		explanation: t(step.explanation, step.params),
		key: action?.key,
		command: shownCommand(lesson, stepIndex),
		...verdict,
	};
}

/** The lines' text without spaces: a wrapped text is found whole in it, wherever it broke. */
function squeezed(lines: readonly string[]): string {
	return lines.join('').replace(/\s+/g, '');
}

/** Renders the App at 80×24 with the lesson's step shown; every text given must be on screen, whole, and no line wider than 80. */
async function assertShownWhole(progress: LessonProgress, texts: readonly string[]): Promise<void> {
	const { rendered } = await renderApp({ ...fixtureState(), lesson: progress }, SIZE);
	await waitForContent(rendered, progress.title.slice(0, 8));
	const lines = screenLines(rendered);
	for (const line of lines) assert.ok(displayWidth(line) <= SIZE.columns, `${displayWidth(line)} columns: ${line}`);
	for (const text of texts) {
		assert.ok(squeezed(lines).includes(squeezed([text])), `whole at ${SIZE.columns}×${SIZE.rows}: "${text}"\n${lines.join('\n')}`);
	}
	rendered.unmount();
}

for (const language of LANGUAGES) {
	describe(`every lesson's texts fit the lesson pane at 80×24 (${language})`, () => {
		for (const lesson of LESSONS) {
			test(`${lesson.name}: the heading, each step's title, explanation and command, and every verdict`, async () => {
				setLanguage(language);
				try {
					for (const [index, step] of lesson.steps.entries()) {
						const progress = progressOf(lesson, index, { phase: 'ready', outcome: undefined, seen: undefined });
						await assertShownWhole(progress, [
							t('lesson.ui.heading', { title: t(lesson.title), step: index + 1, steps: lesson.steps.length }),
							progress.stepTitle,
							progress.explanation,
							...(progress.key === undefined ? [] : [`${t('lesson.ui.press', { key: progress.key })} $ ${progress.command ?? ''}`]),
						]);
						// What the step expects, as a failed check says it beside what was seen.
						const expected = t(step.expectation, { ...sampleParams(lesson, CATALOGUES.en[step.expectation]), ...step.params });
						const failed = t('lesson.expectedSeen', { expected, seen: t('lesson.seen.noContainer') });
						await assertShownWhole(progressOf(lesson, index, { phase: 'failed', outcome: failed, seen: undefined }), [`✗ ${failed}`]);
					}
					// Every verdict of the lesson, on its longest step (the most explanation above it).
					const longest =
						lesson.steps
							.map((_s, i) => i)
							.sort(
								(a, b) =>
									displayWidth(progressOf(lesson, b, { phase: 'ready', outcome: undefined, seen: undefined }).explanation) -
									displayWidth(progressOf(lesson, a, { phase: 'ready', outcome: undefined, seen: undefined }).explanation),
							)[0] ?? 0;
					for (const key of verdictKeys(lesson)) {
						const text = t(key, sampleParams(lesson, CATALOGUES.en[key]));
						const verdict = key.endsWith('.met')
							? { phase: 'passed' as const, outcome: text, seen: undefined, shown: `✓ ${text}` }
							: { phase: 'checking' as const, outcome: undefined, seen: text, shown: `${t('lesson.ui.checking')} ${text}` };
						await assertShownWhole(progressOf(lesson, longest, { phase: verdict.phase, outcome: verdict.outcome, seen: verdict.seen }), [verdict.shown]);
					}
				} finally {
					setLanguage('en');
				}
			});
		}
	});
}
