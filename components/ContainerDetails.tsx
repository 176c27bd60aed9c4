import { Box, Text } from 'ink';
import type React from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { type MessageKey, t } from '../src/messages/i18n.js';
import { containerDisagreements } from '../src/model/anomalies.js';
import type { ConmonGeneration } from '../src/model/conmonHistory.js';
import { currentGeneration } from '../src/model/conmonHistory.js';
import { shortId } from '../src/model/container.js';
import { quoteCommandWords } from '../src/present/commandWords.js';
import { displayWidth, fitToWidth, wrapToWidth } from '../src/present/displayWidth.js';
import { containerStatus, formatClock, formatDuration, ordinal } from '../src/present/format.js';
import { type BudgetLine, fitLines, overlayFramed } from '../src/present/lineBudget.js';
import { safeText } from '../src/present/safeText.js';
import { conmonsRunningExitCommand } from '../src/proc/conmonProcess.js';
import { shownView } from '../src/state/frozenView.js';
import type { AppStore } from '../src/state/store.js';
import { OverlayBox } from './OverlayBox.js';

/** A column of the generations table: its heading, its narrowest width (heading and gap included), and its cell. */
interface GenerationColumn {
	heading: MessageKey;
	minWidth: number;
	cell: (g: ConmonGeneration, n: number) => string;
}

const GENERATION_COLUMNS: readonly GenerationColumn[] = [
	{ heading: 'details.container.column.start', minWidth: 7, cell: (_g, n) => ordinal(n) },
	{ heading: 'details.container.column.conmon', minWidth: 9, cell: (g) => String(g.pid) },
	{ heading: 'details.container.column.started', minWidth: 10, cell: (g) => formatClock(g.startedAt) },
	{
		heading: 'details.container.column.exited',
		minWidth: 10,
		cell: (g) => (g.exitedAt === undefined ? t('details.container.running') : formatClock(g.exitedAt)),
	},
	{ heading: 'details.container.column.code', minWidth: 6, cell: (g) => (g.exitCode === undefined ? '—' : String(g.exitCode)) },
	{ heading: 'details.container.column.containerPid', minWidth: 9, cell: (g) => (g.containerPid === undefined ? '—' : String(g.containerPid)) },
];

/** Each column as wide as its widest text (in terminal columns) plus a gap, and never narrower than its minimum. */
function columnWidths(rows: readonly { g: ConmonGeneration; n: number }[]): number[] {
	return GENERATION_COLUMNS.map((column) =>
		Math.max(column.minWidth, ...[t(column.heading), ...rows.map(({ g, n }) => column.cell(g, n))].map((text) => displayWidth(text) + 1)),
	);
}

/** Enter on a container: podman's view of it beside /proc's, where they disagree, and every conmon it has had this session. */
export function ContainerDetails({ store, height, now, width }: { store: AppStore; height: number; now: number; width: number }) {
	const { container, generations, execs, unmonitoredPid, processes } = useAppState(store, (s) => {
		const id = s.selectedId ?? '';
		const view = shownView(s);
		return {
			container: view.containers[id],
			generations: view.history.generations[id],
			execs: Object.values(view.history.execConmons).filter((e) => e.containerId === id).length,
			unmonitoredPid: view.unmonitored[id],
			processes: view.processes,
		};
	});
	if (!container) {
		return (
			<Box height={height} borderStyle="round" paddingX={1}>
				<Text wrap="truncate-end">{t('details.container.gone')}</Text>
			</Box>
		);
	}
	const list = generations ?? [];
	const live = currentGeneration(list);
	const disagreements = containerDisagreements(container, list, unmonitoredPid, conmonsRunningExitCommand(processes));
	// Newest first; as many as fit beside the 8 fixed lines and the 2 border lines.
	const room = Math.max(1, height - 10 - disagreements.length);
	const shown = [...list]
		.map((g, i) => ({ g, n: i + 1 }))
		.reverse()
		.slice(0, room);
	const widths = columnWidths(shown);
	const cells = (texts: readonly string[]): string => texts.map((text, i) => fitToWidth(text, widths[i] ?? 0)).join('');
	const podmanSays =
		t('details.container.podmanSays', { state: safeText(container.state), pid: container.pid ?? '—', conmonPid: container.podmanConmonPid ?? '—' }) +
		(container.exitCode !== undefined && container.state !== 'running' ? t('details.container.exitCode', { code: container.exitCode }) : '') +
		(container.restartCount ? t('details.container.restarted', { count: container.restartCount }) : '');
	const liveConmon = !live
		? t('details.container.noLiveConmon')
		: live.containerPid
			? t('details.container.liveConmonPid', { pid: live.pid, containerPid: live.containerPid })
			: t('details.container.liveConmon', { pid: live.pid });
	const procShows = t('details.container.procShows', { conmon: liveConmon }) + (execs > 0 ? t('details.container.execConmons', { count: execs }) : '');
	// Too short for all (a 12-row terminal): the generations and the explanations go before the title and the way out.
	const lines: BudgetLine<React.ReactElement>[] = [
		{
			line: (
				<Text key="title" bold wrap="truncate-end">
					{safeText(container.name)}
					{'  '}
					<Text dimColor>{safeText(container.id)}</Text>
				</Text>
			),
			priority: 100,
		},
		{
			line: (
				<Text key="summary" wrap="truncate-end">
					{t('details.container.summary', {
						image: safeText(container.image),
						command: safeText(quoteCommandWords(container.command)),
						status: containerStatus(container, now),
					})}
				</Text>
			),
			priority: 60,
		},
		{
			line: (
				<Text key="podman" wrap="truncate-end">
					{podmanSays}
				</Text>
			),
			priority: 70,
		},
		// The systemd unit that runs it (label PODMAN_SYSTEMD_UNIT), beside podman's view.
		...(container.systemdUnit === undefined
			? []
			: [
					{
						line: (
							<Text key="unit" wrap="truncate-end" color="blue">
								{t('setups.unit.details', { unit: safeText(container.systemdUnit) })}
							</Text>
						),
						priority: 68,
					},
				]),
		{
			line: (
				<Text key="proc" wrap="truncate-end">
					{procShows}
				</Text>
			),
			priority: 65,
		},
		// A disagreement is the point of this view: wrapped whole (a Japanese one was cut with no …).
		...disagreements.flatMap((d) =>
			wrapToWidth(`⚠ ${safeText(d.text)}`, width - (overlayFramed(height) ? 4 : 0) - 2).map((line, i) => ({
				line: (
					<Text key={`${d.kind}/${i}`} color="yellow">
						{i === 0 ? line : `  ${line}`}
					</Text>
				),
				priority: 80 - i,
			})),
		),
		{ line: <Text key="gap"> </Text>, priority: 5 },
		{
			line: (
				<Text key="generations" bold wrap="truncate-end">
					{t('details.container.generations', { count: list.length })}
				</Text>
			),
			priority: 50,
		},
		{
			line: (
				<Text key="columns" dimColor wrap="truncate-end">
					{cells(GENERATION_COLUMNS.map((c) => t(c.heading))) + t('details.container.column.lived')}
				</Text>
			),
			priority: 45,
		},
		...shown.map(({ g, n }, i) => ({
			line: (
				<Text key={`${g.pid}@${g.startTicks}`} {...(g.exitedAt === undefined ? { color: 'cyan' } : {})} wrap="truncate-end">
					{cells(GENERATION_COLUMNS.map((c) => c.cell(g, n)))}
					{formatDuration((g.exitedAt ?? now) - g.startedAt)}
				</Text>
			),
			priority: 40 - i / 1000,
		})),
		...(list.length === 0
			? [
					{
						line: (
							<Text key="none" dimColor wrap="truncate-end">
								{t('details.container.noGenerations')}
							</Text>
						),
						priority: 44,
					},
				]
			: []),
		{
			line: (
				<Text key="close" dimColor wrap="truncate-end">
					{t('details.container.closeHint', { id: shortId(container.id) })}
				</Text>
			),
			priority: 90,
		},
	];
	const framed = overlayFramed(height);
	return <OverlayBox height={height}>{fitLines(lines, height - (framed ? 2 : 0))}</OverlayBox>;
}
