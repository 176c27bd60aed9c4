import { Box, Text } from 'ink';
import React from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { containerDisagreements } from '../src/anomalies.js';
import { currentGeneration } from '../src/conmonHistory.js';
import { shortId } from '../src/container.js';
import { containerStatus, formatClock, formatDuration, ordinal } from '../src/present.js';
import { shownView } from '../src/frozenView.js';
import type { AppStore } from '../src/store.js';

function cell(text: string, width: number): string {
	return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** Enter on a container: podman's view of it beside /proc's, where they disagree, and every conmon it has had this session. */
export function ContainerDetails({ store, height, now }: { store: AppStore; height: number; now: number }) {
	const { container, generations, execs, unmonitoredPid } = useAppState(store, (s) => {
		const id = s.selectedId ?? '';
		const view = shownView(s);
		return {
			container: view.containers[id],
			generations: view.history.generations[id],
			execs: Object.values(view.history.execConmons).filter((e) => e.containerId === id).length,
			unmonitoredPid: view.unmonitored[id],
		};
	});
	if (!container) {
		return (
			<Box height={height} borderStyle="round" paddingX={1}>
				<Text>The container is gone. Escape closes.</Text>
			</Box>
		);
	}
	const list = generations ?? [];
	const live = currentGeneration(list);
	const disagreements = containerDisagreements(container, list, unmonitoredPid);
	// Newest first; as many as fit beside the 8 fixed lines and the 2 border lines.
	const room = Math.max(1, height - 10 - disagreements.length);
	const shown = [...list].map((g, i) => ({ g, n: i + 1 })).reverse().slice(0, room);
	return (
		<Box flexDirection="column" height={height} borderStyle="round" paddingX={1} overflow="hidden">
			<Text bold wrap="truncate-end">
				{container.name}  <Text dimColor>{container.id}</Text>
			</Text>
			<Text wrap="truncate-end">
				image {container.image} · command {container.command.join(' ')} · {containerStatus(container, now)}
			</Text>
			<Text wrap="truncate-end">
				podman says: state {container.state}, PID {container.pid ?? '—'}, conmon PID {container.podmanConmonPid ?? '—'}
				{container.exitCode !== undefined && container.state !== 'running' ? `, exit code ${container.exitCode}` : ''}
				{container.restartCount ? `, restarted ${container.restartCount}×` : ''}
			</Text>
			<Text wrap="truncate-end">
				/proc shows: {live ? `conmon ${live.pid}${live.containerPid ? `, container PID ${live.containerPid}` : ''}` : 'no live conmon'}
				{execs > 0 ? `, ${execs} exec session conmon(s)` : ''}
			</Text>
			{disagreements.map((d) => (
				<Text key={d.kind} color="yellow" wrap="truncate-end">
					⚠ {d.text}
				</Text>
			))}
			<Text> </Text>
			<Text bold>conmon generations seen this session ({list.length}), newest first</Text>
			<Text dimColor>{`${cell('start', 7)}${cell('conmon', 9)}${cell('started', 10)}${cell('exited', 10)}${cell('code', 6)}${cell('ctr PID', 9)}lived`}</Text>
			{shown.map(({ g, n }) => (
				<Text key={`${g.pid}@${g.startTicks}`} {...(g.exitedAt === undefined ? { color: 'cyan' } : {})} wrap="truncate-end">
					{cell(ordinal(n), 7)}
					{cell(String(g.pid), 9)}
					{cell(formatClock(g.startedAt), 10)}
					{cell(g.exitedAt === undefined ? 'running' : formatClock(g.exitedAt), 10)}
					{cell(g.exitCode === undefined ? '—' : String(g.exitCode), 6)}
					{cell(g.containerPid === undefined ? '—' : String(g.containerPid), 9)}
					{formatDuration((g.exitedAt ?? now) - g.startedAt)}
				</Text>
			))}
			{list.length === 0 ? <Text dimColor>none yet: conmon-tui has not seen this container run</Text> : null}
			<Text dimColor>{`Enter or Escape closes · container ${shortId(container.id)}`}</Text>
		</Box>
	);
}
