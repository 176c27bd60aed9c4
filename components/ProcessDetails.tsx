import { Text } from 'ink';
import type React from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { useProcessFacts } from '../hooks/useProcessFacts.js';
import { type MessageKey, t } from '../src/messages/i18n.js';
import { displayWidth, fitToWidth } from '../src/present/displayWidth.js';
import { formatClock, processCommand } from '../src/present/format.js';
import { helperPurpose } from '../src/present/helperPurpose.js';
import { type BudgetLine, fitLines, overlayFramed } from '../src/present/lineBudget.js';
import { safeText } from '../src/present/safeText.js';
import { type ProcessInfo, startTicksToMs, uidInside } from '../src/proc/parse.js';
import { isPodmanInit } from '../src/proc/podmanInit.js';
import type { RootlessHelper } from '../src/proc/rootlessHelpers.js';
import { shownView } from '../src/state/frozenView.js';
import type { AppStore } from '../src/state/store.js';
import { OverlayBox } from './OverlayBox.js';

/** The labels of the details, in the order shown. */
const LABELS = [
	'details.process.hostPid',
	'details.process.insidePid',
	'details.process.parent',
	'details.process.user',
	'details.process.state',
	'details.process.command',
	'details.process.started',
	'details.process.children',
] as const satisfies readonly MessageKey[];

/** The narrowest the labels column gets; wider labels (in terminal columns) widen it. */
const LABEL_WIDTH = 16;

/** What a state letter of /proc/PID/stat means. */
const STATE_NAMES: Readonly<Record<string, MessageKey>> = {
	R: 'details.process.stateName.R',
	S: 'details.process.stateName.S',
	D: 'details.process.stateName.D',
	Z: 'details.process.stateName.Z',
	T: 'details.process.stateName.T',
	t: 'details.process.stateName.t',
	X: 'details.process.stateName.X',
	I: 'details.process.stateName.I',
};

/** Enter on a container process (or a rootless helper): its PIDs and UIDs inside and out, state, command, start, children. */
export function ProcessDetails({
	store,
	process,
	helper,
	height,
	now,
}: {
	store: AppStore;
	process: ProcessInfo;
	helper?: RootlessHelper;
	height: number;
	now: number;
}) {
	const { children, bootTimeMs } = useAppState(store, (s) => ({
		children: shownView(s)
			.processes.filter((p) => p.ppid === process.pid)
			.map((p) => `${processCommand(p)} ${p.pid}`)
			.join(', '),
		bootTimeMs: s.bootTimeMs,
	}));
	const { read, facts, parentComm } = useProcessFacts(process.pid, process.ppid, now);
	const insidePid = facts && facts.nsPid.length > 1 ? facts.nsPid.at(-1) : undefined;
	const hostUid = facts?.uid ?? process.uid;
	const insideUid = hostUid === undefined || !facts ? undefined : uidInside(hostUid, facts.uidMap);
	const started = bootTimeMs === undefined ? undefined : startTicksToMs(process.startTicks, bootTimeMs);
	const labelWidth = Math.max(LABEL_WIDTH, ...LABELS.map((label) => displayWidth(t(label)) + 1));
	const line = (label: (typeof LABELS)[number], value: string) => (
		<Text key={label} wrap="truncate-end">
			<Text color="cyan">{fitToWidth(t(label), labelWidth)}</Text>
			{value}
		</Text>
	);
	const user =
		hostUid === undefined
			? '—'
			: insideUid === undefined || insideUid === hostUid
				? t('details.process.hostUid', { uid: hostUid })
				: t('details.process.hostUidInside', { uid: hostUid, inside: insideUid });
	// Too short for all: the lines at the end go first, never the title or the way out.
	const framed = overlayFramed(height);
	const budget: BudgetLine<React.ReactElement>[] = [
		{
			line: (
				<Text key="title" bold wrap="truncate-end">
					{processCommand(process)}
				</Text>
			),
			priority: 100,
		},
		...(helper
			? [
					{
						line: (
							<Text key="helper" wrap="truncate-end" color="yellow">
								{helperPurpose(helper)}
							</Text>
						),
						priority: 85,
					},
				]
			: []),
		// --init: catatonit as the container's PID 1, told apart from the pause process and a pod's infra.
		...(isPodmanInit(process)
			? [
					{
						line: (
							<Text key="init" wrap="truncate-end" color="yellow">
								{t('setups.init.details')}
							</Text>
						),
						priority: 84,
					},
				]
			: []),
		{ line: line('details.process.hostPid', String(process.pid)), priority: 80 },
		{
			line: line(
				'details.process.insidePid',
				!read ? '…' : insidePid === undefined ? t('details.process.samePidNamespace') : `${insidePid}  (NSpid ${facts?.nsPid.join(' → ')})`,
			),
			priority: 79,
		},
		{ line: line('details.process.parent', `${process.ppid}${parentComm ? ` (${safeText(parentComm)})` : ''}`), priority: 78 },
		{ line: line('details.process.user', user), priority: 77 },
		{
			line: line('details.process.state', `${safeText(process.state)} — ${t(STATE_NAMES[process.state] ?? 'details.process.stateName.unknown')}`),
			priority: 76,
		},
		{
			line: line(
				'details.process.command',
				process.argv.length > 0 ? processCommand(process) : t('details.process.noCommandLine', { comm: safeText(process.comm) }),
			),
			priority: 75,
		},
		{ line: line('details.process.started', started === undefined ? '—' : formatClock(started)), priority: 74 },
		{ line: line('details.process.children', children || t('details.process.noChildren')), priority: 73 },
		// Not read yet (the view just opened, or the cursor moved): not known to have exited.
		...(read && facts === undefined
			? [
					{
						line: (
							<Text key="exited" color="red">
								{t('details.process.exited')}
							</Text>
						),
						priority: 95,
					},
				]
			: []),
		{
			line: (
				<Text key="close" dimColor wrap="truncate-end">
					{t('details.closeHint')}
				</Text>
			),
			priority: 90,
		},
	];
	return <OverlayBox height={height}>{fitLines(budget, height - (framed ? 2 : 0))}</OverlayBox>;
}
