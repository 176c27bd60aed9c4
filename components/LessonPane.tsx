import { Box, Text } from 'ink';
import React from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { displayWidth, wrapToWidth } from '../src/present/displayWidth.js';
import { t } from '../src/messages/i18n.js';
import type { AppStore, LessonProgress } from '../src/state/store.js';
import { safeText } from '../src/present/safeText.js';

/** Lines the lesson pane takes: heading, step title, explanation (up to 3), command, verdict (up to 2), keys. */
export const LESSON_PANE_LINES = 9;

const VERDICT_COLOR: Partial<Record<LessonProgress['phase'], string>> = { passed: 'green', failed: 'red', confirm: 'yellow', checking: 'yellow', acting: 'yellow' };

/**
 * The step view: what the step explains, the key and the exact command, and the check's verdict with real values.
 * Shorter than LESSON_PANE_LINES (a small terminal), the explanation gives its lines up first, then the verdict's
 * second line; the one-line parts never shrink (Ink draws a Text squeezed to no height over the next line).
 */
export function LessonPane({ store, width, height }: { store: AppStore; width: number; height: number }) {
	const lesson = useAppState(store, (s) => s.lesson);
	if (!lesson) return null;
	const heading = `─ ${t('lesson.ui.heading', { title: lesson.title, step: lesson.step + 1, steps: lesson.steps })} `;
	const color = lesson.confirmLeave ? 'yellow' : VERDICT_COLOR[lesson.phase];
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Box flexShrink={0}>
				<Text bold color="cyan" wrap="truncate-end">
					{heading + '─'.repeat(Math.max(0, width - displayWidth(heading)))}
				</Text>
			</Box>
			{lesson.phase === 'finished' ? (
				<Text bold color="green" wrap="wrap">
					{t('lesson.ui.finished')}
				</Text>
			) : (
				<>
					<Box flexShrink={0}>
						<Text bold wrap="truncate-end">
							{lesson.stepTitle}
						</Text>
					</Box>
					<Box height={3} flexShrink={1} flexDirection="column" overflow="hidden">
						<WrappedLines text={lesson.explanation} width={width} />
					</Box>
					<Box flexShrink={0}>
						<StepAction lesson={lesson} />
					</Box>
					<Box height={2} minHeight={1} flexShrink={1} flexDirection="column" overflow="hidden">
						<WrappedLines text={verdict(lesson)} width={width} {...(color ? { color } : {})} />
					</Box>
					<Box flexShrink={0}>
						<Text dimColor wrap="truncate-end">
							{t(lesson.phase === 'failed' ? 'lesson.ui.failedKeys' : lesson.step + 1 === lesson.steps ? 'lesson.ui.keysLast' : 'lesson.ui.keys')}
						</Text>
					</Box>
				</>
			)}
		</Box>
	);
}

/**
 * Text wrapped by display width, a line per row: Ink's own wrapping keeps a Japanese sentence
 * (no spaces) whole as one word and breaks before it, leaving a short line and a long one.
 */
function WrappedLines({ text, width, color }: { text: string; width: number; color?: string }) {
	return (
		<>
			{wrapToWidth(text, width).map((line, index) => (
				<Text key={index} wrap="truncate-end" {...(color ? { color } : {})}>
					{line}
				</Text>
			))}
		</>
	);
}

/** `Press k: $ podman kill 6dcd50dd9924`, or that there is nothing to press. */
function StepAction({ lesson }: { lesson: LessonProgress }) {
	if (lesson.key === undefined) return <Text dimColor wrap="truncate-end">{t('lesson.ui.watch')}</Text>;
	return (
		<Text wrap="truncate-end">
			<Text bold>{t('lesson.ui.press', { key: lesson.key })}</Text> <Text color="cyan">{lesson.command ? `$ ${safeText(lesson.command)}` : '…'}</Text>
		</Text>
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
