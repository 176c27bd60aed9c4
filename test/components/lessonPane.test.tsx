/**
 * The lesson's step view and the lesson menu, in English and in Japanese: what the step
 * explains, the key with the exact command it runs, the check's verdict, and a layout measured
 * in terminal columns so that a Japanese lesson still fits beside the tree at 80×24 and 40×12.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).
import '../helpers/forceColor.js';

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { LESSON_PANE_LINES, LessonPane } from '../../components/LessonPane.js';
import { exec } from '../../src/lessons/exec.js';
import { lessonMenuDigit, lessonMenuDigits } from '../../src/lessons/lessonKeys.js';
import { LESSONS } from '../../src/lessons/lessons.js';
import { lifecycle } from '../../src/lessons/lifecycle.js';
import { type Language, setLanguage, t } from '../../src/messages/i18n.js';
import { displayWidth } from '../../src/present/displayWidth.js';
import { createAppStore, type LessonProgress } from '../../src/state/store.js';
import { footerLine, renderApp } from '../helpers/appHarness.js';
import { fixtureState } from '../helpers/fixtureState.js';
import { highlightedLines, renderInk, screenLines, screenText, waitForContent, waitForFrame } from '../helpers/inkTesting.js';

const PANE_WIDTH = 100;
const LANGUAGES: readonly Language[] = ['en', 'ja'];
const SHORT_ID = '0123456789ab';
const KILL_COMMAND = `podman kill ${SHORT_ID}`;
const GREEN = '\u001B[32m';
const RED = '\u001B[31m';

afterEach(() => cleanup());

/** The lines' text without spaces and frame bars: a wrapped text is found whole in it, wherever it broke. */
function squeezed(lines: readonly string[]): string {
	return lines
		.map((line) => line.replace(/^\s*│?|│?\s*$/g, ''))
		.join('')
		.replace(/\s+/g, '');
}

/** Runs `body` with the texts in `language`, and English again afterwards whatever happens. */
async function inLanguage(language: Language, body: () => Promise<void>): Promise<void> {
	setLanguage(language);
	try {
		await body();
	} finally {
		setLanguage('en');
	}
}

/** The lifecycle lesson at step `index` (0-based) as the runner shows it, in the current language. */
function progressAt(index: number, overrides: Partial<LessonProgress> = {}): LessonProgress {
	const step = lifecycle.steps[index];
	assert.ok(step, `lifecycle has a step ${index}`);
	return {
		name: lifecycle.name,
		title: t(lifecycle.title),
		step: index,
		steps: lifecycle.steps.length,
		stepTitle: t(step.title),
		explanation: t(step.explanation),
		phase: 'ready',
		key: step.action?.key,
		command: undefined,
		seen: undefined,
		outcome: undefined,
		...overrides,
	};
}

/** The kill step, waiting for k. */
function killStep(overrides: Partial<LessonProgress> = {}): LessonProgress {
	return progressAt(1, { command: KILL_COMMAND, ...overrides });
}

/** The pane's heading: `─ Lesson: … · step n/m ───…`. */
function headingOf(progress: LessonProgress): string {
	return `─ ${t('lesson.ui.heading', { title: progress.title, step: progress.step + 1, steps: progress.steps })} `;
}

/** The pane alone, as wide as the fake terminal. */
async function renderPane(progress: LessonProgress | undefined) {
	const store = createAppStore({ lesson: progress });
	const rendered = await renderInk(<LessonPane store={store} width={PANE_WIDTH} height={LESSON_PANE_LINES} />);
	return { rendered, store };
}

/** Text as wrapped lines give it back: without the spaces and line breaks wrapping moves or adds. */
function unwrapped(text: string): string {
	return text.replace(/\s+/g, '');
}

/** Fails unless the screen shows `text`, perhaps wrapped over several lines. */
function assertShows(screen: string, text: string): void {
	assert.ok(unwrapped(screen).includes(unwrapped(text)), `${JSON.stringify(text)} not on:\n${screen}`);
}

/** Fails unless every line of the screen fits in `columns` terminal columns. */
function assertFits(lines: readonly string[], columns: number): void {
	for (const line of lines) assert.ok(displayWidth(line) <= columns, `${displayWidth(line)} columns, more than ${columns}: ${line}`);
}

for (const language of LANGUAGES) {
	describe(`the lesson pane (${language})`, () => {
		test("heads with the lesson and the step number, then the step's title, its explanation and the key with the exact command", () =>
			inLanguage(language, async () => {
				const progress = killStep();
				const { rendered } = await renderPane(progress);

				const lines = screenLines(rendered);

				const heading = headingOf(progress);
				assert.equal(lines[0], heading + '─'.repeat(PANE_WIDTH - displayWidth(heading)), 'the heading rule fills the line');
				assert.match(heading, language === 'en' ? /step 2\/5/ : /ステップ 2\/5/);
				assert.equal(lines[1], t('lesson.lifecycle.kill.title'));
				assertShows(lines.slice(2, 5).join('\n'), t('lesson.lifecycle.kill.explain'));
				assert.ok(lines.includes(`${t('lesson.ui.press', { key: 'k' })} $ ${KILL_COMMAND}`), `the key and the command:\n${lines.join('\n')}`);
				assert.equal(lines.at(-1), t('lesson.ui.keys'));
			}));

		// Functions: the texts are looked up once the test has chosen its language.
		const seen = (): string => t('lesson.seen.conmonRuns', { conmon: 5000 });
		const passed = (): string => t('lesson.lifecycle.kill.met', { conmon: 5000, code: 137 });
		const failed = (): string => t('lesson.expectedSeen', { expected: t('lesson.lifecycle.kill.expect'), seen: seen() });
		const verdicts: Array<{ phase: LessonProgress['phase']; progress: () => Partial<LessonProgress>; shows: () => string }> = [
			{ phase: 'confirm', progress: () => ({}), shows: () => t('lesson.ui.confirm') },
			{ phase: 'acting', progress: () => ({}), shows: () => t('lesson.ui.running') },
			{ phase: 'checking', progress: () => ({ seen: seen() }), shows: () => `${t('lesson.ui.checking')} ${seen()}` },
			{ phase: 'passed', progress: () => ({ outcome: passed() }), shows: () => `✓ ${passed()}` },
			{ phase: 'failed', progress: () => ({ outcome: failed() }), shows: () => `✗ ${failed()}` },
		];
		for (const { phase, progress, shows } of verdicts) {
			test(`${phase}: the verdict line says so`, () =>
				inLanguage(language, async () => {
					const { rendered } = await renderPane(killStep({ phase, ...progress() }));

					assertShows(screenText(rendered), shows());
					if (phase === 'passed') assert.ok(rendered.lastFrame()?.includes(GREEN), 'a pass is green');
					if (phase === 'failed') {
						assert.ok(rendered.lastFrame()?.includes(RED), 'a failure is red');
						assert.equal(screenLines(rendered).at(-1), t('lesson.ui.failedKeys'), 'n goes on anyway, t tries again, b and Escape as always');
					}
				}));
		}

		test('the verdict follows the store: checking, then passed', () =>
			inLanguage(language, async () => {
				const seen = t('lesson.seen.waitingExitCode');
				const { rendered, store } = await renderPane(killStep({ phase: 'checking', seen }));
				assertShows(screenText(rendered), `${t('lesson.ui.checking')} ${seen}`);

				const outcome = t('lesson.lifecycle.kill.met', { conmon: 5000, code: 137 });
				store.setState({ lesson: killStep({ phase: 'passed', outcome }) });

				await waitForFrame(rendered, (screen) => unwrapped(screen).includes(unwrapped(`✓ ${outcome}`)), 'the verdict');
				assert.ok(!screenText(rendered).includes(seen), 'what was seen while waiting is gone');
			}));

		test("a step with nothing to press says to watch; the last step's n finishes", () =>
			inLanguage(language, async () => {
				const { rendered, store } = await renderPane(progressAt(3, { phase: 'checking', seen: '' }));
				assert.ok(screenLines(rendered).includes(t('lesson.ui.watch')), screenText(rendered));

				store.setState({ lesson: progressAt(4, { command: `podman rm -f -i -t 0 ${SHORT_ID}` }) });

				await waitForContent(rendered, t('lesson.ui.keysLast'));
				assert.ok(screenLines(rendered).includes(`${t('lesson.ui.press', { key: 'd' })} $ podman rm -f -i -t 0 ${SHORT_ID}`));
			}));

		test('shorter than its lines, the pane gives up the explanation, then the title: heading, key, verdict and the keys that move on stay whole', () =>
			inLanguage(language, async () => {
				const SHORT_PANE_LINES = 4;
				const seen = t('lesson.seen.conmonRuns', { conmon: 5000 });
				const progress = killStep({ phase: 'checking', seen });
				const store = createAppStore({ lesson: progress });
				const rendered = await renderInk(<LessonPane store={store} width={PANE_WIDTH} height={SHORT_PANE_LINES} />);

				const lines = screenLines(rendered);

				assert.deepEqual(lines, [
					headingOf(progress) + '─'.repeat(PANE_WIDTH - displayWidth(headingOf(progress))),
					`${t('lesson.ui.press', { key: 'k' })} $ ${KILL_COMMAND}`,
					`${t('lesson.ui.checking')} ${seen}`,
					t('lesson.ui.keys'),
				]);
			}));

		test('a finished lesson says so, with the way to the other lessons', () =>
			inLanguage(language, async () => {
				const progress = progressAt(4, { phase: 'finished', key: undefined });
				const { rendered } = await renderPane(progress);

				const lines = screenLines(rendered);

				assert.equal(lines[0]?.startsWith(headingOf(progress)), true);
				assert.equal(lines[1], t('lesson.ui.finished'));
				assert.ok(!lines.includes(t('lesson.cleanup.title')), 'no step title any more');
			}));
	});
}

describe('the App with a lesson, in Japanese', () => {
	for (const size of [
		{ columns: 80, rows: 24 },
		{ columns: 40, rows: 12 },
	]) {
		test(`at ${size.columns}×${size.rows} every line fits, the heading rule fills its line, and the footer keeps help and quit`, () =>
			inLanguage('ja', async () => {
				const lesson = killStep({ phase: 'checking', seen: t('lesson.seen.conmonRuns', { conmon: 3990 }) });
				const { rendered } = await renderApp({ ...fixtureState(), lesson }, size);
				await waitForContent(rendered, '─ レッスン');

				const lines = screenLines(rendered);

				assertFits(lines, size.columns);
				assert.equal(lines.length, size.rows - 1, 'one line less than the terminal');
				const heading = lines.find((line) => line.startsWith('─ レッスン'));
				assert.equal(displayWidth(heading ?? ''), size.columns, `the heading rule is exactly as wide as the terminal: ${heading}`);
				// At 40×12 the pane has 4 rows: the step title gives way to the keys that move on.
				const wanted = size.rows >= 24 ? t('lesson.lifecycle.kill.title') : t('lesson.ui.keys');
				assert.ok(
					lines.includes(wanted) || lines.some((line) => line.endsWith('…') && wanted.startsWith(line.slice(0, -1))),
					`${wanted}:\n${lines.join('\n')}`,
				);
				assert.ok(lines.includes(`${t('lesson.ui.press', { key: 'k' })} $ ${KILL_COMMAND}`), 'the key and the command');
				const footer = footerLine(rendered);
				assert.ok(footer.includes(t('help.footer.help')) && footer.endsWith(t('help.footer.quit')), `footer: ${footer}`);
			}));
	}
});

for (const language of LANGUAGES) {
	describe(`the lesson menu (${language})`, () => {
		test('lists every lesson, in course order, with its number, title and summary; the cursor is on lessonMenuIndex', () =>
			inLanguage(language, async () => {
				const execIndex = LESSONS.indexOf(exec);
				const { rendered } = await renderApp({ ...fixtureState(), overlay: 'lessons', lessonMenuIndex: execIndex }, { columns: 160, rows: 40 });
				await waitForContent(rendered, t('lesson.ui.menuTitle', { digits: lessonMenuDigits(LESSONS.length) }));

				const lines = screenLines(rendered);

				LESSONS.forEach((lesson, i) => {
					const row = lines.find((line) => new RegExp(`[▸ ] ${lessonMenuDigit(i)} ${lesson.name} +${escapeRegExp(t(lesson.title))}`).test(line));
					assert.ok(row, `lesson ${lessonMenuDigit(i)} (${lesson.name}) in:\n${lines.join('\n')}`);
					assert.ok(squeezed(lines).includes(squeezed([t(lesson.summary)])), `${lesson.name}'s summary, whole (wrapped, not cut)`);
				});
				const highlighted = highlightedLines(rendered).filter((line) => line.includes(' exec '));
				assert.equal(highlighted.length, 1, `the cursor is on exec:\n${highlightedLines(rendered).join('\n')}`);
				assert.match(highlighted[0] ?? '', new RegExp(`▸ ${lessonMenuDigit(execIndex)} exec`));
				assert.equal(lines.filter((line) => line.includes('▸')).length, 1, 'one cursor');
				assert.ok(squeezed(lines).includes(squeezed([t('lesson.ui.menuHint')])));
			}));

		test('fits at 80×24: every lesson by number, name and title, and the summary under the cursor whole', () =>
			inLanguage(language, async () => {
				for (const [index, chosen] of LESSONS.entries()) {
					const { rendered } = await renderApp({ ...fixtureState(), overlay: 'lessons', lessonMenuIndex: index }, { columns: 80, rows: 24 });
					await waitForContent(rendered, `▸ ${lessonMenuDigit(index)} ${chosen.name}`);

					const lines = screenLines(rendered);

					assertFits(lines, 80);
					for (const [i, lesson] of LESSONS.entries()) {
						assert.ok(
							lines.some((line) => line.includes(`${lessonMenuDigit(i)} ${lesson.name}`)),
							`${lesson.name}:\n${lines.join('\n')}`,
						);
						assert.ok(squeezed(lines).includes(squeezed([t(lesson.title)])), `${lesson.name}'s title, whole (wrapped, not cut):\n${lines.join('\n')}`);
					}
					assert.ok(squeezed(lines).includes(squeezed([t(chosen.summary)])), `${chosen.name}'s summary is whole at 80×24:\n${lines.join('\n')}`);
					rendered.unmount();
				}
			}));
	});
}

/** `text` as a regular expression that matches it literally. */
function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
