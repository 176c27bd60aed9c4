import { Box, Text } from 'ink';
import React from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { useProcessFacts } from '../hooks/useProcessFacts.js';
import { processCommand, formatClock } from '../src/present.js';
import { STATE_NAMES, startTicksToMs, uidInside, type ProcessInfo } from '../src/procfs.js';
import { HELPER_PURPOSE, type RootlessHelper } from '../src/rootlessHelpers.js';
import { shownView } from '../src/frozenView.js';
import type { AppStore } from '../src/store.js';

/** Enter on a container process (or a rootless helper): its PIDs and UIDs inside and out, state, command, start, children. */
export function ProcessDetails({ store, process, helper, height, now }: { store: AppStore; process: ProcessInfo; helper?: RootlessHelper; height: number; now: number }) {
	const { children, bootTimeMs } = useAppState(store, (s) => ({
		children: shownView(s).processes.filter((p) => p.ppid === process.pid).map((p) => `${processCommand(p)} ${p.pid}`).join(', '),
		bootTimeMs: s.bootTimeMs,
	}));
	const { facts, parentComm } = useProcessFacts(process.pid, process.ppid, now);
	const insidePid = facts && facts.nsPid.length > 1 ? facts.nsPid.at(-1) : undefined;
	const hostUid = facts?.uid ?? process.uid;
	const insideUid = hostUid === undefined || !facts ? undefined : uidInside(hostUid, facts.uidMap);
	const started = bootTimeMs === undefined ? undefined : startTicksToMs(process.startTicks, bootTimeMs);
	const line = (label: string, value: string) => (
		<Text wrap="truncate-end">
			<Text color="cyan">{label.padEnd(16)}</Text>
			{value}
		</Text>
	);
	return (
		<Box flexDirection="column" height={height} borderStyle="round" paddingX={1} overflow="hidden">
			<Text bold wrap="truncate-end">
				{processCommand(process)}
			</Text>
			{helper ? <Text wrap="truncate-end" color="yellow">{HELPER_PURPOSE[helper.kind]}</Text> : null}
			{line('host PID', String(process.pid))}
			{line('PID inside', insidePid === undefined ? '— (same PID namespace as the host)' : `${insidePid}  (NSpid ${facts?.nsPid.join(' → ')})`)}
			{line('parent', `${process.ppid}${parentComm ? ` (${parentComm})` : ''}`)}
			{line('user', hostUid === undefined ? '—' : `host uid ${hostUid}${insideUid === undefined || insideUid === hostUid ? '' : `, uid ${insideUid} inside the container`}`)}
			{line('state', `${process.state} — ${STATE_NAMES[process.state] ?? 'unknown'}`)}
			{line('command', process.argv.length > 0 ? process.argv.join(' ') : `[${process.comm}] (no command line: exited or a kernel thread)`)}
			{line('started', started === undefined ? '—' : formatClock(started))}
			{line('children', children || 'none')}
			{facts === undefined ? <Text color="red">this process has exited</Text> : null}
			<Text dimColor>Enter or Escape closes · ←/→ moves between rows</Text>
		</Box>
	);
}
