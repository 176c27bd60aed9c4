import { Text } from 'ink';
import { t } from '../src/messages/i18n.js';
import { formatClock } from '../src/present/format.js';
import type { AppState } from '../src/state/store.js';

/** What is said of a host after its name, in the header (one host) and in a host's heading (several). */
export interface HostMarksFacts {
	/** The far side's last scan failed then: the tree is the last one known. */
	staleSince: number | undefined;
	/** The far /proc cannot be read: conmon facts unknown. */
	procUnknown: boolean;
	containers: number;
	running: number;
	conmons: number;
	/** The event stream's health; undefined: not said (a host still loading). */
	stream: AppState['eventStream'] | undefined;
}

/**
 * A host's marks, inside a `<Text>`: stale since, /proc unknown, the counts (`?` conmons when /proc
 * is unknown: how many run is not known, not zero) and an event stream that is not live.
 */
export function HostMarks({ facts, dimCounts = false }: { facts: HostMarksFacts; dimCounts?: boolean }) {
	const { staleSince, procUnknown, containers, running, conmons, stream } = facts;
	const counts = `  ${t('header.counts', { containers, running, conmons: procUnknown ? '?' : conmons })}`;
	return (
		<>
			{staleSince === undefined ? null : <Text color="red" bold>{`  ${t('far.stale', { time: formatClock(staleSince).slice(0, 5) })}`}</Text>}
			{procUnknown ? <Text color="yellow">{`  ${t('far.procUnknown')}`}</Text> : null}
			{dimCounts ? <Text dimColor>{counts}</Text> : counts}
			{stream === undefined || stream === 'live' ? null : <Text color={stream === 'lost' ? 'red' : 'yellow'}>{`  ${t(`header.stream.${stream}`)}`}</Text>}
		</>
	);
}
