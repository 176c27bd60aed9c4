import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import { useHostsState } from '../hooks/useHostsState.js';
import { shownView } from '../src/state/frozenView.js';
import type { HostStore } from '../src/state/hosts.js';
import type { LogEntry } from '../src/state/store.js';
import { EventLogLine, eventLogTitle } from './EventLog.js';

/** Every host's event log merged in time order, each line naming its host (a screen of several hosts). */
export const HostsEventLog = memo(function HostsEventLog({ hosts, lines, width }: { hosts: readonly HostStore[]; lines: number; width: number }) {
	const stores = useMemo(() => hosts.map((h) => h.store), [hosts]);
	const logs = useHostsState(stores, (s) => shownView(s).log.slice(-lines));
	const merged = useMemo(() => mergedLog(logs, lines), [logs, lines]);
	return (
		<Box flexDirection="column" height={lines + 1}>
			<Text dimColor>{eventLogTitle(width)}</Text>
			{merged.map(({ entry, host }) => (
				<EventLogLine key={`${host}:${entry.id}`} entry={entry} width={width} host={hosts[host]?.name ?? ''} />
			))}
		</Box>
	);
});

/** The newest `lines` entries of all the logs, oldest first (stable for equal times: the first host's first). */
function mergedLog(logs: readonly (readonly LogEntry[])[], lines: number): { entry: LogEntry; host: number }[] {
	return logs
		.flatMap((log, host) => log.map((entry) => ({ entry, host })))
		.sort((a, b) => a.entry.at - b.entry.at)
		.slice(-lines);
}
