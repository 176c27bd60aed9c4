import { Box, Text } from 'ink';
import type React from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { t } from '../src/messages/i18n.js';
import { displayWidth, truncateToWidth, wrapToWidth } from '../src/present/displayWidth.js';
import { type BudgetLine, fitLines } from '../src/present/lineBudget.js';
import { safeText } from '../src/present/safeText.js';
import type { AppStore, LessonProgress } from '../src/state/store.js';

/** Lines the lesson pane takes at least: heading, step title, explanation (3), command, verdict (2), keys. */
export const LESSON_PANE_LINES = 9;

/** Lines besides the explanation, at most: heading, step title, command (2), verdict (2), keys. */
const FIXED_LINES = 7;

/**
 * The rows the pane asks for, so that the whole explanation is read, not cut: at least
 * LESSON_PANE_LINES, more for a long explanation (the App gives it what the terminal can spare).
 */
export function lessonPaneRows(explanation: string, width: number): number {
	return Math.max(LESSON_PANE_LINES, FIXED_LINES + wrapToWidth(explanation, width).length);
}

const VERDICT_COLOR: Partial<Record<LessonProgress['phase'], string>> = {
	passed: 'green',
	failed: 'red',
	confirm: 'yellow',
	checking: 'yellow',
	acting: 'yellow',
};

/**
 * The step view: what the step explains, the key and the exact command, and the check's verdict with real values.
 * Every part is wrapped by display width into lines, and exactly as many lines as the pane has rows are drawn:
 * shorter than it would like (a small terminal), the explanation gives its lines up first (its last line then ends in …), then the command's
 * and the verdict's second lines, then the step title — never two lines on one row (Ink draws Texts squeezed
 * into a short box over each other).
 */
export function LessonPane({ store, width, height }: { store: AppStore; width: number; height: number }) {
	const lesson = useAppState(store, (s) => s.lesson);
	if (!lesson) return null;
	const heading = `─ ${t('lesson.ui.heading', { title: lesson.title, step: lesson.step + 1, steps: lesson.steps })} `;
	const color = lesson.confirmLeave ? 'yellow' : VERDICT_COLOR[lesson.phase];
	const lines: BudgetLine<React.ReactElement>[] = [
		{
			line: (
				<Text key="heading" bold color="cyan">
					{truncateToWidth(heading + '─'.repeat(Math.max(0, width - displayWidth(heading))), width)}
				</Text>
			),
			priority: 70,
		},
	];
	if (lesson.phase === 'finished') {
		lines.push(
			...wrapToWidth(t('lesson.ui.finished'), width).map((line, i) => ({
				line: (
					<Text key={`finished/${i}`} bold color="green">
						{line}
					</Text>
				),
				priority: 90 - i,
			})),
		);
	} else {
		lines.push({
			line: (
				<Text key="step" bold>
					{truncateToWidth(lesson.stepTitle, width)}
				</Text>
			),
			priority: 60,
		});
		const action = stepActionLines(lesson, width);
		const verdictLines = capLines(wrapToWidth(verdict(lesson), width), 2, width);
		// Whole when the pane has the rows lessonPaneRows asked for; on a terminal too short for it, what is left over ends in ….
		const explanationRoom = Math.max(1, height - 3 - action.length - verdictLines.length);
		lines.push(
			...capLines(wrapToWidth(lesson.explanation, width), explanationRoom, width).map((line, i) => ({
				line: <Text key={`explain/${i}`}>{line}</Text>,
				priority: 30 - i,
			})),
		);
		lines.push(...action.map((line, i) => ({ line, priority: i === 0 ? 85 : 50 - i })));
		lines.push(
			...verdictLines.map((line, i) => ({
				line: (
					<Text key={`verdict/${i}`} {...(color ? { color } : {})}>
						{line}
					</Text>
				),
				priority: i === 0 ? 88 : 55 - i,
			})),
		);
		const keys = t(lesson.phase === 'failed' ? 'lesson.ui.failedKeys' : lesson.step + 1 === lesson.steps ? 'lesson.ui.keysLast' : 'lesson.ui.keys');
		lines.push({
			line: (
				<Text key="keys" dimColor>
					{truncateToWidth(keys, width)}
				</Text>
			),
			priority: 80,
		});
	}
	const shown = fitLines(lines, height);
	// The keys stay on the pane's last row, where they always are, whatever the texts above take.
	const blanks = Array.from({ length: Math.max(0, height - shown.length) }, (_v, i) => <Text key={`blank/${i}`}> </Text>);
	const body = lesson.phase === 'finished' ? [...shown, ...blanks] : [...shown.slice(0, -1), ...blanks, ...shown.slice(-1)];
	return (
		<Box flexDirection="column" height={height} overflow="hidden" flexShrink={0}>
			{body}
		</Box>
	);
}

/** At most `max` lines; what is left over ends the last one in …. */
function capLines(lines: readonly string[], max: number, width: number): string[] {
	if (lines.length <= max) return [...lines];
	return [...lines.slice(0, max - 1), truncateToWidth(`${lines.slice(max - 1).join(' ')} …`, width)];
}

/** `Press k: $ podman kill 6dcd50dd9924`, wrapped (up to 2 lines: a `podman run` is long), or that there is nothing to press. */
function stepActionLines(lesson: LessonProgress, width: number): React.ReactElement[] {
	if (lesson.key === undefined)
		return [
			<Text key="action" dimColor>
				{truncateToWidth(t('lesson.ui.watch'), width)}
			</Text>,
		];
	const press = t('lesson.ui.press', { key: lesson.key });
	const command = lesson.command ? `$ ${safeText(lesson.command)}` : '…';
	return capLines(wrapToWidth(`${press} ${command}`, width), 2, width).map((line, i) =>
		i === 0 && line.startsWith(press) ? (
			<Text key="action/0">
				<Text bold>{press}</Text>
				<Text color="cyan">{line.slice(press.length)}</Text>
			</Text>
		) : (
			<Text key={`action/${i}`} color="cyan">
				{line}
			</Text>
		),
	);
}

function verdict(lesson: LessonProgress): string {
	if (lesson.confirmLeave) return t('lesson.ui.confirmLeave');
	switch (lesson.phase) {
		case 'confirm':
			return t('lesson.ui.confirm');
		case 'acting':
			return t('lesson.ui.running');
		case 'checking':
			return `${t('lesson.ui.checking')} ${safeText(lesson.seen ?? '')}`;
		case 'passed':
			return `✓ ${safeText(lesson.outcome ?? '')}`;
		case 'failed':
			return `✗ ${safeText(lesson.outcome ?? '')}`;
		default:
			return '';
	}
}
