import { Text } from 'ink';
import type React from 'react';
import { useEffect } from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { useProcessFacts } from '../hooks/useProcessFacts.js';
import { t } from '../src/messages/i18n.js';
import { shortId } from '../src/model/container.js';
import type { TreeRow } from '../src/model/tree.js';
import { explainConmonArgs, explainConmonParent } from '../src/present/conmonExplain.js';
import { displayWidth, fitToWidth, wrapToWidth } from '../src/present/displayWidth.js';
import { formatClock, formatDuration, ordinal } from '../src/present/format.js';
import { type BudgetLine, fitLines, overlayFramed } from '../src/present/lineBudget.js';
import { safeText } from '../src/present/safeText.js';
import { explainConmonCgroup, explainSdNotify } from '../src/present/systemdExplain.js';
import { parseConmonArgs } from '../src/proc/conmonArgs.js';
import { shownView } from '../src/state/frozenView.js';
import type { AppStore } from '../src/state/store.js';
import { OverlayBox } from './OverlayBox.js';

type ConmonRow = Extract<TreeRow, { kind: 'conmon' | 'exec' | 'foreign' }>;

/** Enter on a conmon: its arguments in plain words, its parent and why, its uptime and its predecessors. */
export function ConmonDetails({ store, row, height, now, width }: { store: AppStore; row: ConmonRow; height: number; now: number; width: number }) {
	const pid = row.kind === 'exec' ? row.exec.pid : row.generation.pid;
	const { process, generations, containerName, systemdUnit, sdNotifyMode, scrollWanted } = useAppState(store, (s) => ({
		process: shownView(s).processes.find((p) => p.pid === pid),
		generations: shownView(s).history.generations[row.containerId],
		containerName: shownView(s).containers[row.containerId]?.name,
		systemdUnit: shownView(s).containers[row.containerId]?.systemdUnit,
		sdNotifyMode: shownView(s).containers[row.containerId]?.sdNotifyMode,
		scrollWanted: s.detailsScroll,
	}));
	const { parentComm, cgroup } = useProcessFacts(process?.pid, process?.ppid, now);
	const args =
		row.kind === 'exec'
			? process
				? parseConmonArgs(process.argv)
				: undefined
			: (row.generation.args ?? (process ? parseConmonArgs(process.argv) : undefined));
	const startedAt = row.kind === 'exec' ? row.exec.startedAt : row.generation.startedAt;
	const exitedAt = row.kind === 'exec' ? row.exec.exitedAt : row.generation.exitedAt;
	const parentIsConmon = parentComm === 'conmon';
	const earlier = row.kind === 'exec' ? [] : (generations ?? []).filter((g) => g.startTicks < row.generation.startTicks).reverse();
	const title = t(row.kind === 'exec' ? 'details.conmon.titleExec' : row.kind === 'foreign' ? 'details.conmon.titleForeign' : 'details.conmon.title');
	// Where systemd stands: the conmon's cgroup says who placed it, --sdnotify what systemd was told of it.
	const placement = row.kind === 'exec' ? [] : [explainConmonCgroup(cgroup), explainSdNotify({ systemdUnit, sdNotifyMode }, pid)].flatMap((fact) => fact ?? []);
	const facts = [...(args ? explainConmonArgs(args) : []), ...placement];
	const labelWidth = Math.max(LABEL_WIDTH, ...facts.map((fact) => displayWidth(fact.label) + 1));
	const when =
		exitedAt === undefined
			? t('details.conmon.startedUp', { time: formatClock(startedAt), duration: formatDuration(now - startedAt) })
			: t('details.conmon.startedExited', { time: formatClock(startedAt), exitTime: formatClock(exitedAt), duration: formatDuration(exitedAt - startedAt) });
	const beforeItem = (g: (typeof earlier)[number]): string => {
		const span = { pid: g.pid, from: formatClock(g.startedAt), to: g.exitedAt === undefined ? '?' : formatClock(g.exitedAt) };
		return g.exitCode === undefined ? t('details.conmon.beforeItem', span) : t('details.conmon.beforeItemCode', { ...span, code: g.exitCode });
	};
	const inner = width - (overlayFramed(height) ? 4 : 0);
	const lines: React.ReactElement[] = [
		<Text key="title" bold wrap="truncate-end">
			{title} {pid}
			{'  '}
			<Text dimColor>
				{containerName ? `${safeText(containerName)} ` : ''}
				{shortId(row.containerId)}
			</Text>
		</Text>,
		<Text key="when" wrap="truncate-end">
			{when}
			{row.kind === 'conmon' ? t('details.conmon.nthStart', { nth: ordinal(row.startNumber) }) : ''}
		</Text>,
		// Why conmon's parent is what it is: the sentence this view is for, wrapped whole, not cut.
		...wrapToWidth(
			t('details.conmon.parent', {
				parent:
					process && exitedAt === undefined
						? explainConmonParent(process.ppid, parentComm === undefined ? undefined : safeText(parentComm), parentIsConmon)
						: t('details.conmon.parentGone'),
			}),
			inner,
		).map((line, i) => <Text key={`parent/${i}`}>{line}</Text>),
	];
	if (systemdUnit !== undefined) {
		lines.push(
			<Text key="unit" wrap="truncate-end">
				{t('setups.unit.details', { unit: safeText(systemdUnit) })}
			</Text>,
		);
	}
	if (earlier.length > 0) {
		lines.push(
			<Text key="earlier" wrap="truncate-end">
				{t('details.conmon.before', { list: earlier.map(beforeItem).join(', ') })}
			</Text>,
		);
	}
	for (const fact of facts) {
		lines.push(
			<Text key={`${fact.label}/value`} wrap="truncate-end">
				<Text color="cyan">{fitToWidth(fact.label, labelWidth)}</Text>
				{safeText(fact.value)}
			</Text>,
			...wrapToWidth(safeText(fact.meaning), Math.max(10, inner - labelWidth)).map((line, i) => (
				<Text key={`${fact.label}/meaning/${i}`} dimColor>
					{' '.repeat(labelWidth)}
					{line}
				</Text>
			)),
		);
	}
	const framed = overlayFramed(height);
	const room = height - (framed ? 2 : 0);
	// The title and the way out stay; what is between them scrolls (↑↓ PgUp PgDn) when it does not fit.
	const body = lines.slice(1);
	const bodyRoom = room - 2;
	const maxScroll = Math.max(0, body.length - bodyRoom);
	const scroll = Math.min(scrollWanted, maxScroll);
	useEffect(() => {
		// Past the end (the window grew, or a key went too far): bring the offset back, so that ↑ acts at once.
		if (scrollWanted > maxScroll) store.setState({ detailsScroll: maxScroll });
	}, [scrollWanted, maxScroll, store]);
	if (bodyRoom < 2) {
		// Too short to scroll sensibly: the explained arguments go first (the last first), never the title or the way out.
		const budget: BudgetLine<React.ReactElement>[] = [
			...lines.map((line, i) => ({ line, priority: i === 0 ? 100 : 80 - i })),
			{
				line: (
					<Text key="close" dimColor wrap="truncate-end">
						{t('details.closeHint')}
					</Text>
				),
				priority: 90,
			},
		];
		return <OverlayBox height={height}>{fitLines(budget, room)}</OverlayBox>;
	}
	const shown = body.slice(scroll, scroll + bodyRoom);
	const hint =
		maxScroll === 0
			? t('details.closeHint')
			: `${t('details.scroll', { from: scroll + 1, to: scroll + shown.length, total: body.length })} · ${t('details.closeHint')}`;
	return (
		<OverlayBox height={height}>
			{lines[0]}
			{shown}
			<Text key="close" dimColor wrap="truncate-end">
				{hint}
			</Text>
		</OverlayBox>
	);
}

/** The narrowest the labels column of conmon's explained arguments gets; wider labels widen it. */
const LABEL_WIDTH = 18;
