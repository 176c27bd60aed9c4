import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef } from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { useTimedRows } from '../hooks/useShownRows.js';
import { t } from '../src/messages/i18n.js';
import { truncateToWidth } from '../src/present/displayWidth.js';
import { drawnContainers, type TreeDrawn } from '../src/present/redrawTiming.js';
import { safeText } from '../src/present/safeText.js';
import { branchEnd, scrollOffset } from '../src/present/scrollOffset.js';
import { containerColumnWidths } from '../src/present/treeColumns.js';
import { focusedRow } from '../src/state/focus.js';
import type { AppStore } from '../src/state/store.js';
import { shownFilter } from '../src/state/treeSource.js';
import { MARKER_WIDTH, TreeLines, treeLineLook } from './TreeLine.js';

/**
 * The live tree: containers, their conmon, exec sessions and processes, scrolled to keep the
 * selection in view. `onDrawn` is told, after each frame, which containers it draws (only their
 * ages make the screen tick), and when its rows change next (a mark comes off, a row goes: the
 * screen is drawn again then).
 */
export function ContainerTree({
	store,
	height,
	width,
	now,
	onDrawn,
}: {
	store: AppStore;
	height: number;
	width: number;
	now: number;
	onDrawn?: (drawn: TreeDrawn) => void;
}) {
	const { rows, until } = useTimedRows(store, now);
	const { filter, selectedId, busy, loaded, focusKey } = useAppState(store, (s) => ({
		filter: shownFilter(s),
		selectedId: s.selectedId,
		busy: s.busy,
		loaded: s.loaded,
		focusKey: s.focusKey,
	}));
	const containers = useMemo(() => rows.flatMap((r) => (r.kind === 'container' ? [r.container] : [])), [rows]);
	const widths = useMemo(() => containerColumnWidths(containers, now, width - MARKER_WIDTH), [containers, now, width]);

	// The cursor: a focused row of the selected container's branch, else the container's row.
	const cursorKey = focusedRow({ focusKey, selectedId }, rows)?.key;

	// Scroll so that the selected container's row, and as much of its branch as fits, is visible.
	const offset = useRef(0);
	const selectedIndex = rows.findIndex((r) => (r.kind === 'container' || r.kind === 'pod') && r.containerId === selectedId);
	const block = selectedIndex < 0 ? undefined : { top: selectedIndex, end: branchEnd(rows, selectedIndex, (r) => r.containerId === selectedId) };
	offset.current = scrollOffset(block, height, offset.current, rows.length);
	const drawnEnd = offset.current + height;
	useEffect(() => {
		onDrawn?.({ containers: drawnContainers(rows, drawnEnd), rowsChangeAt: until });
	}, [onDrawn, rows, until, drawnEnd]);

	if (rows.length === 0) {
		const message = !loaded ? t('tree.loading') : filter ? t('tree.noMatch', { filter: safeText(filter) }) : t('tree.noContainers');
		return (
			<Box height={height} flexDirection="column">
				<Text dimColor>{truncateToWidth(message, width)}</Text>
			</Box>
		);
	}
	const visible = rows.slice(offset.current, offset.current + height);
	return (
		<Box height={height} flexDirection="column">
			<TreeLines
				looks={visible.map((row) =>
					treeLineLook(row, {
						selected: row.key === cursorKey,
						busy: row.kind === 'container' || row.kind === 'pod' ? busy[row.containerId] : undefined,
						widths,
						now,
						width,
					}),
				)}
			/>
		</Box>
	);
}
