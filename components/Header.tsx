import { Box, Text } from 'ink';
import { memo } from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { t } from '../src/messages/i18n.js';
import { currentGeneration } from '../src/model/conmonHistory.js';
import { formatClock } from '../src/present/format.js';
import { podmanVersionText } from '../src/present/podmanVersionText.js';
import { safeText } from '../src/present/safeText.js';
import { changesWaiting, shownView } from '../src/state/frozenView.js';
import type { AppStore } from '../src/state/store.js';
import { HostMarks } from './HostMarks.js';

/** Title, podman version, counts, the event stream's health and the time (`clock`, headerClock); first, while frozen, a marker that says so. */
export const Header = memo(function Header({ store, clock }: { store: AppStore; clock: string }) {
	const { version, containers, running, conmons, stream, frozenAt, waiting, farLabel, staleSince, procUnknown } = useAppState(store, (s) => ({
		// With a far podman, the far service's version (and this machine's client when they differ).
		version: podmanVersionText(s.podmanVersion, s.farSide),
		farLabel: s.farSide?.label,
		staleSince: s.farSide?.stale?.since,
		procUnknown: s.farSide?.procUnknown ?? false,
		containers: Object.keys(shownView(s).containers).length,
		running: Object.values(shownView(s).containers).filter((c) => c.state === 'running').length,
		conmons: Object.entries(shownView(s).history.generations).filter(([id, g]) => shownView(s).containers[id] && currentGeneration(g)).length,
		stream: s.eventStream,
		frozenAt: s.frozen?.at,
		waiting: changesWaiting(s),
	}));
	return (
		<Box justifyContent="space-between">
			<Text wrap="truncate-end">
				{/* First on the line, so that a narrow terminal cuts the counts, not the way back to live. */}
				{frozenAt === undefined ? null : (
					<Text bold>
						<Text backgroundColor="blue" color="white">{` ${t('changes.frozen.marker', { time: formatClock(frozenAt) })} `}</Text>
						{`— ${t('changes.frozen.resume')} · ${t('changes.frozen.waiting', { count: waiting })}  `}
					</Text>
				)}
				<Text bold color="cyan">
					conmon-tui
				</Text>
				<Text dimColor>{version ? `  podman ${safeText(version)}` : ''}</Text>
				{/* A far podman (--connection): which host this tree is, and whether it is still live. */}
				{farLabel === undefined ? null : <Text color="magenta">{`  ${safeText(farLabel)}`}</Text>}
				<HostMarks facts={{ staleSince, procUnknown, containers, running, conmons, stream }} />
			</Text>
			{/* The clock keeps its width and the counts are cut instead: in a narrow terminal the
			    clock wrapped onto a second line, which pushed the tree's top row off screen. */}
			<Box flexShrink={0} marginLeft={1}>
				<Text dimColor>{clock}</Text>
			</Box>
		</Box>
	);
});

/** The header's clock, HH:MM: a new text once a minute, so the header is not drawn again at every tick. */
export function headerClock(now: number): string {
	return formatClock(now).slice(0, 5);
}
