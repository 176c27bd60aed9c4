import { Box, Text } from 'ink';
import React from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { currentGeneration } from '../src/conmonHistory.js';
import { t } from '../src/i18n.js';
import { formatClock } from '../src/present.js';
import type { AppStore } from '../src/store.js';

/** Title, podman version, counts, the event stream's health and the time. */
export function Header({ store, now }: { store: AppStore; now: number }) {
	const { version, containers, running, conmons, stream } = useAppState(store, (s) => ({
		version: s.podmanVersion,
		containers: Object.keys(s.containers).length,
		running: Object.values(s.containers).filter((c) => c.state === 'running').length,
		conmons: Object.entries(s.history.generations).filter(([id, g]) => s.containers[id] && currentGeneration(g)).length,
		stream: s.eventStream,
	}));
	return (
		<Box justifyContent="space-between">
			<Text wrap="truncate-end">
				<Text bold color="cyan">conmon-tui</Text>
				<Text dimColor>{version ? `  podman ${version}` : ''}</Text>
				{`  ${t('header.counts', { containers, running, conmons })}`}
				{stream === 'live' ? '' : <Text color={stream === 'lost' ? 'red' : 'yellow'}>{`  ${t(`header.stream.${stream}`)}`}</Text>}
			</Text>
			{/* The clock keeps its width and the counts are cut instead: in a narrow terminal the
			    clock wrapped onto a second line, which pushed the tree's top row off screen. */}
			<Box flexShrink={0} marginLeft={1}>
				<Text dimColor>{formatClock(now).slice(0, 5)}</Text>
			</Box>
		</Box>
	);
}
