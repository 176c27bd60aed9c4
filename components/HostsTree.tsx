import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef } from 'react';
import { useHostsState } from '../hooks/useHostsState.js';
import { t } from '../src/messages/i18n.js';
import type { TreeRow } from '../src/model/tree.js';
import { truncateToWidth } from '../src/present/displayWidth.js';
import type { TreeDrawn } from '../src/present/redrawTiming.js';
import { safeText } from '../src/present/safeText.js';
import { containerColumnWidths } from '../src/present/treeColumns.js';
import { type HostLine, hostHeadingFacts, hostLines, hostLinesOffset } from '../src/state/hostLines.js';
import type { HostStore } from '../src/state/hosts.js';
import { shownFilter, shownTreeInput, type TimedRows, timedRowsAt } from '../src/state/treeSource.js';
import { HostHeading } from './HostHeading.js';
import { MARKER_WIDTH, TreeLine, treeLineLook } from './TreeLine.js';

/**
 * The tree of several hosts (`--connection a --connection b`): each host's heading, then its
 * tree, one list scrolled to keep the cursor in view. The cursor is in the active host only.
 */
export function HostsTree({
	hosts,
	active,
	height,
	width,
	now,
	onDrawn,
}: {
	hosts: readonly HostStore[];
	active: number;
	height: number;
	width: number;
	now: number;
	/** Told after each frame when any host's rows change next (every container counts as drawn). */
	onDrawn?: (drawn: TreeDrawn) => void;
}) {
	const stores = useMemo(() => hosts.map((h) => h.store), [hosts]);
	const inputs = useHostsState(stores, shownTreeInput);
	// Each host's rows are built again only when its input changes or a deadline of its tree comes (timedRowsAt).
	// The same array while every host's rows are the same (the widths below are measured again at each tick
	// all the same: the statuses' ages change).
	const built = useRef<{ timed: readonly TimedRows[]; rows: readonly TreeRow[][] }>({ timed: [], rows: [] });
	const timed = inputs.map((input, i) => timedRowsAt(input, now, built.current.timed[i]));
	if (timed.length !== built.current.timed.length || timed.some((host, i) => host !== built.current.timed[i])) {
		built.current = { timed, rows: timed.map((host) => host.rows) };
	}
	const rowsByHost = built.current.rows;
	const rowsChangeAt = Math.min(...timed.map((host) => host.until));
	useEffect(() => {
		onDrawn?.({ containers: undefined, rowsChangeAt });
	}, [onDrawn, rowsChangeAt]);
	const facts = useHostsState(stores, (s) => hostHeadingFacts(s, ''));
	const others = useHostsState(stores, (s) => ({ busy: s.busy, filter: shownFilter(s) }));
	const lines = hostLines(
		facts.map((f, i) => ({ facts: { ...f, label: f.label || (hosts[i]?.name ?? '') }, rows: rowsByHost[i] ?? [] })),
		active,
	);
	// One set of column widths for every host: the trees line up under each other.
	const widths = useMemo(
		() =>
			containerColumnWidths(
				rowsByHost.flatMap((rows) => rows.flatMap((r) => (r.kind === 'container' ? [r.container] : []))),
				now,
				width - MARKER_WIDTH,
			),
		[rowsByHost, now, width],
	);
	const offset = useRef(0);
	offset.current = hostLinesOffset(lines, height, offset.current);
	const visible = lines.slice(offset.current, offset.current + height);
	return (
		<Box height={height} flexDirection="column">
			{visible.map((line) => (
				<HostTreeLine key={line.key} line={line} width={width} now={now} widths={widths} extra={others[line.host]} />
			))}
		</Box>
	);
}

function HostTreeLine({
	line,
	width,
	now,
	widths,
	extra,
}: {
	line: HostLine;
	width: number;
	now: number;
	widths: ReturnType<typeof containerColumnWidths>;
	extra: { busy: Readonly<Record<string, string>>; filter: string } | undefined;
}) {
	switch (line.kind) {
		case 'heading':
			return <HostHeading facts={line.facts} width={width} />;
		case 'problem':
			return (
				<Text color="red" wrap="truncate-end">
					{truncateToWidth(`  ${safeText(line.text)}`, width)}
				</Text>
			);
		case 'empty': {
			const filter = extra?.filter ?? '';
			const message = !line.loaded ? t('tree.loading') : filter ? t('tree.noMatch', { filter: safeText(filter) }) : t('tree.noContainers');
			return <Text dimColor>{truncateToWidth(`  ${message}`, width)}</Text>;
		}
		case 'row': {
			const { row } = line;
			const busy = row.kind === 'container' || row.kind === 'pod' ? extra?.busy[row.containerId] : undefined;
			return <TreeLine look={treeLineLook(row, { selected: line.cursor, busy, widths, now, width })} />;
		}
	}
}
