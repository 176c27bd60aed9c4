import { Box, Text } from 'ink';
import type React from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { displayWidth, fitToWidth, truncateToWidth } from '../src/present/displayWidth.js';
import { t } from '../src/messages/i18n.js';
import { fitLines, overlayFramed, type BudgetLine } from '../src/present/lineBudget.js';
import { LESSONS } from '../src/lessons/lessons.js';
import type { AppStore } from '../src/state/store.js';

/**
 * The menu of lessons (`conmon-tui lesson`, or L): number, name, title and a line on what it shows.
 * Too short for all, the summaries go first, then the hint: the title and every lesson's name stay.
 */
export function LessonMenu({ store, height, width }: { store: AppStore; height: number; width: number }) {
	const index = useAppState(store, (s) => s.lessonMenuIndex);
	const framed = overlayFramed(height);
	const inner = width - (framed ? 4 : 0);
	const nameWidth = Math.max(...LESSONS.map((l) => displayWidth(l.name)));
	const indent = displayWidth(`▸ ${LESSONS.length} `) + nameWidth + 2;
	const lines: BudgetLine<React.ReactElement>[] = [
		{ line: <Text key="title" bold>{truncateToWidth(t('lesson.ui.menuTitle', { count: LESSONS.length }), inner)}</Text>, priority: 100 },
	];
	LESSONS.forEach((lesson, i) => {
		const lead = `${i === index ? '▸' : ' '} ${i + 1} `;
		lines.push(
			{
				line: (
					<Text key={lesson.name} inverse={i === index}>
						{lead}
						<Text color="cyan">{fitToWidth(lesson.name, nameWidth)}</Text>
						{truncateToWidth(`  ${t(lesson.title)}`, Math.max(0, inner - displayWidth(lead) - nameWidth))}
					</Text>
				),
				priority: 50,
			},
			{ line: <Text key={`${lesson.name}/summary`} dimColor>{truncateToWidth(`${' '.repeat(indent)}${t(lesson.summary)}`, inner)}</Text>, priority: i === index ? 15 : 10 },
		);
	});
	lines.push({ line: <Text key="hint" dimColor>{truncateToWidth(t('lesson.ui.menuHint'), inner)}</Text>, priority: 20 });
	return (
		<Box flexDirection="column" height={height} {...(framed ? { borderStyle: 'round', paddingX: 1 } : {})} overflow="hidden" flexShrink={0}>
			{fitLines(lines, height - (framed ? 2 : 0))}
		</Box>
	);
}
