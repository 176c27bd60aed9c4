import { Box, Text } from 'ink';
import React from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { useProcessFacts } from '../hooks/useProcessFacts.js';
import { parseConmonArgs } from '../src/conmonArgs.js';
import { explainConmonArgs, explainConmonParent } from '../src/conmonExplain.js';
import { shortId } from '../src/container.js';
import { formatClock, formatDuration, ordinal } from '../src/present.js';
import { shownView } from '../src/frozenView.js';
import type { AppStore } from '../src/store.js';
import type { TreeRow } from '../src/tree.js';

type ConmonRow = Extract<TreeRow, { kind: 'conmon' | 'exec' | 'foreign' }>;

/** Enter on a conmon: its arguments in plain words, its parent and why, its uptime and its predecessors. */
export function ConmonDetails({ store, row, height, now }: { store: AppStore; row: ConmonRow; height: number; now: number }) {
	const pid = row.kind === 'exec' ? row.exec.pid : row.generation.pid;
	const { process, generations, containerName } = useAppState(store, (s) => ({
		process: shownView(s).processes.find((p) => p.pid === pid),
		generations: shownView(s).history.generations[row.containerId],
		containerName: shownView(s).containers[row.containerId]?.name,
	}));
	const { parentComm } = useProcessFacts(process?.pid, process?.ppid, now);
	const args = row.kind === 'exec' ? (process ? parseConmonArgs(process.argv) : undefined) : (row.generation.args ?? (process ? parseConmonArgs(process.argv) : undefined));
	const startedAt = row.kind === 'exec' ? row.exec.startedAt : row.generation.startedAt;
	const exitedAt = row.kind === 'exec' ? undefined : row.generation.exitedAt;
	const parentIsConmon = parentComm === 'conmon';
	const earlier = row.kind === 'exec' ? [] : (generations ?? []).filter((g) => g.startTicks < row.generation.startTicks).reverse();
	const title = row.kind === 'exec' ? 'exec-session conmon' : row.kind === 'foreign' ? 'conmon of a container this podman does not list' : 'conmon';
	const facts = args ? explainConmonArgs(args) : [];
	const lines: React.ReactElement[] = [
		<Text key="title" bold wrap="truncate-end">
			{title} {pid}  <Text dimColor>{containerName ? `${containerName} ` : ''}{shortId(row.containerId)}</Text>
		</Text>,
		<Text key="when" wrap="truncate-end">
			started {formatClock(startedAt)} ·{' '}
			{exitedAt === undefined ? `up ${formatDuration(now - startedAt)}` : `exited ${formatClock(exitedAt)} after ${formatDuration(exitedAt - startedAt)}`}
			{row.kind === 'conmon' ? ` · ${ordinal(row.startNumber)} start of this container` : ''}
		</Text>,
		<Text key="parent" wrap="truncate-end">
			parent: {process && exitedAt === undefined ? explainConmonParent(process.ppid, parentComm, parentIsConmon) : 'gone (this conmon has exited)'}
		</Text>,
	];
	if (earlier.length > 0) {
		lines.push(
			<Text key="earlier" wrap="truncate-end">
				before it: {earlier.map((g) => `${g.pid} (${formatClock(g.startedAt)}–${g.exitedAt === undefined ? '?' : formatClock(g.exitedAt)}${g.exitCode === undefined ? '' : `, code ${g.exitCode}`})`).join(', ')}
			</Text>,
		);
	}
	for (const fact of facts) {
		lines.push(
			<Text key={`${fact.label}/value`} wrap="truncate-end">
				<Text color="cyan">{fact.label.padEnd(LABEL_WIDTH)}</Text>
				{fact.value}
			</Text>,
			<Text key={`${fact.label}/meaning`} dimColor wrap="truncate-end">
				{' '.repeat(LABEL_WIDTH)}
				{fact.meaning}
			</Text>,
		);
	}
	// Two lines go to the border; the closing hint always stays.
	const room = Math.max(1, height - 3);
	return (
		<Box flexDirection="column" height={height} borderStyle="round" paddingX={1} overflow="hidden">
			{lines.slice(0, room)}
			<Text dimColor>Enter or Escape closes · ←/→ moves between rows</Text>
		</Box>
	);
}

/** The width of the labels column of conmon's explained arguments. */
const LABEL_WIDTH = 18;
