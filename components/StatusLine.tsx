import { Box, Text } from 'ink';
import { memo } from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { truncateToWidth, wrapToWidth } from '../src/present/displayWidth.js';
import { safeText } from '../src/present/safeText.js';
import { shownStatus } from '../src/state/hostStatus.js';
import type { AppStore, StatusMessage } from '../src/state/store.js';

const TONE_COLOR: Record<StatusMessage['tone'], string | undefined> = {
	info: undefined,
	working: 'yellow',
	ok: 'green',
	error: 'red',
};

/**
 * How many lines the status may take in a terminal this tall: podman's errors are long
 * (`Error: container 9d14f3… is running: …`) and cut at the width they could not be read.
 */
export function statusMaxLines(rows: number): number {
	return rows >= 20 ? 3 : rows >= 16 ? 2 : 1;
}

/**
 * The status text as the lines it takes: wrapped by display width, at most `maxLines`; what
 * does not fit ends the last line with … (the event log keeps podman's message whole).
 */
export function statusLineTexts(text: string | undefined, width: number, maxLines: number): string[] {
	if (text === undefined || text === '') return [' '];
	// podman's message is outside text: escaped before it is measured and wrapped.
	const lines = wrapToWidth(safeText(text), width);
	if (lines.length <= maxLines) return lines.length === 0 ? [' '] : lines;
	return [...lines.slice(0, maxLines - 1), truncateToWidth(`${lines.slice(maxLines - 1).join(' ')} …`, width)];
}

/**
 * What the last podman command was and what podman answered; questions (y/n) too; a far host
 * that cannot be reached keeps its own line above the failures that follow (shownStatus).
 * Wrapped, not cut. Memoized: the clock's tick redraws the App, and this does not depend on the time.
 */
export const StatusLine = memo(function StatusLine({ store, width, maxLines }: { store: AppStore; width: number; maxLines: number }) {
	const status = useAppState(store, shownStatus);
	const color = status ? TONE_COLOR[status.tone] : undefined;
	return (
		<Box flexDirection="column" flexShrink={0}>
			{statusLineTexts(status?.text, width, maxLines).map((line, index) => (
				<Text key={index} wrap="truncate-end" {...(color ? { color } : {})}>
					{line}
				</Text>
			))}
		</Box>
	);
});
