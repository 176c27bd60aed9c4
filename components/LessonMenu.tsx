import { Box, Text } from 'ink';
import React from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { displayWidth, fitToWidth } from '../src/present/displayWidth.js';
import { t } from '../src/messages/i18n.js';
import { LESSONS } from '../src/lessons/lessons.js';
import type { AppStore } from '../src/state/store.js';

/** The menu of lessons (`conmon-tui lesson`, or L): number, name, title and a line on what it shows. */
export function LessonMenu({ store, height }: { store: AppStore; height: number }) {
	const index = useAppState(store, (s) => s.lessonMenuIndex);
	const nameWidth = Math.max(...LESSONS.map((l) => displayWidth(l.name)));
	return (
		<Box flexDirection="column" height={height} borderStyle="round" paddingX={1} overflow="hidden">
			<Text bold wrap="truncate-end">
				{t('lesson.ui.menuTitle', { count: LESSONS.length })}
			</Text>
			{LESSONS.map((lesson, i) => (
				<Box key={lesson.name} flexDirection="column">
					<Text wrap="truncate-end" inverse={i === index}>
						{`${i === index ? '▸' : ' '} ${i + 1} `}
						<Text color="cyan">{fitToWidth(lesson.name, nameWidth)}</Text>
						{`  ${t(lesson.title)}`}
					</Text>
					<Text dimColor wrap="truncate-end">
						{`${' '.repeat(displayWidth(`▸ ${LESSONS.length} `) + nameWidth + 2)}${t(lesson.summary)}`}
					</Text>
				</Box>
			))}
			<Text dimColor wrap="truncate-end">
				{t('lesson.ui.menuHint')}
			</Text>
		</Box>
	);
}
