import { Text } from 'ink';
import type React from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { lessonMenuDigit, lessonMenuDigits } from '../src/lessons/lessonKeys.js';
import { LESSONS } from '../src/lessons/lessons.js';
import { t } from '../src/messages/i18n.js';
import { displayWidth, fitToWidth, truncateToWidth, wrapToWidth } from '../src/present/displayWidth.js';
import { type BudgetLine, fitLines, overlayFramed } from '../src/present/lineBudget.js';
import type { AppStore } from '../src/state/store.js';
import { OverlayBox } from './OverlayBox.js';

/**
 * The menu of lessons (`conmon-tui lesson`, or L): the digit key that chooses it (1–9, 0 for the
 * tenth), name, title and a line on what it shows.
 * Summaries and the hint are wrapped, never cut. Too short for all, the other lessons' summaries
 * go first (the last lines of each first), then the hint, then the names farthest from the cursor:
 * the title and the lessons around the cursor stay.
 */
export function LessonMenu({ store, height, width }: { store: AppStore; height: number; width: number }) {
	const index = useAppState(store, (s) => s.lessonMenuIndex);
	const framed = overlayFramed(height);
	const inner = width - (framed ? 4 : 0);
	const nameWidth = Math.max(...LESSONS.map((l) => displayWidth(l.name)));
	const indent = displayWidth('▸ 0 ') + nameWidth + 2;
	const lines: BudgetLine<React.ReactElement>[] = [
		{
			line: (
				<Text key="title" bold>
					{truncateToWidth(t('lesson.ui.menuTitle', { digits: lessonMenuDigits(LESSONS.length) }), inner)}
				</Text>
			),
			priority: 100,
		},
	];
	LESSONS.forEach((lesson, i) => {
		const lead = `${i === index ? '▸' : ' '} ${lessonMenuDigit(i) ?? ' '} `;
		// Narrower than the indent: the summary starts at the left edge rather than vanish.
		const summaryIndent = inner - indent >= 20 ? indent : 0;
		// A title too long for its line goes on under itself, at the summary's indent: wrapped, never cut.
		const [firstTitleLine = '', ...moreTitleLines] = wrapToWidth(t(lesson.title), Math.max(1, inner - indent));
		lines.push({
			line: (
				<Text key={lesson.name} inverse={i === index}>
					{lead}
					<Text color="cyan">{fitToWidth(lesson.name, nameWidth)}</Text>
					{truncateToWidth(`  ${firstTitleLine}`, Math.max(0, inner - displayWidth(lead) - nameWidth))}
				</Text>
			),
			// Too short for every lesson, the rows nearest the cursor stay: the menu scrolls with it.
			priority: 50 - Math.abs(i - index) / 100,
		});
		moreTitleLines.forEach((text, n) => {
			lines.push({
				line: <Text key={`${lesson.name}/title/${n}`} inverse={i === index}>{`${' '.repeat(summaryIndent)}${text}`}</Text>,
				priority: 49 - Math.abs(i - index) / 100,
			});
		});
		wrapToWidth(t(lesson.summary), Math.max(1, inner - summaryIndent)).forEach((text, n, all) => {
			lines.push({
				line: <Text key={`${lesson.name}/summary/${n}`} dimColor>{`${' '.repeat(summaryIndent)}${text}`}</Text>,
				priority: (i === index ? 15 : 10) - n / all.length,
			});
		});
	});
	wrapToWidth(t('lesson.ui.menuHint'), Math.max(1, inner)).forEach((text, n) => {
		lines.push({
			line: (
				<Text key={`hint/${n}`} dimColor>
					{text}
				</Text>
			),
			priority: 20 - n / 100,
		});
	});
	return <OverlayBox height={height}>{fitLines(lines, height - (framed ? 2 : 0))}</OverlayBox>;
}
