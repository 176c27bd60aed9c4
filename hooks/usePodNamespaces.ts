import { useContext, useEffect, useState } from 'react';
import { sharedNamespaces } from '../src/model/pod.js';
import { ReaderContext } from './readerContext.js';

/**
 * The namespaces a pod's infra shares with its members, read from /proc/PID/ns after the view opens
 * and again on each clock tick (`now`); undefined until read, or without a running infra.
 */
export function usePodNamespaces(infraPid: number | undefined, memberPids: readonly number[], now: number): string[] | undefined {
	const reader = useContext(ReaderContext);
	const [shared, setShared] = useState<string[] | undefined>();
	const members = memberPids.join(',');
	// biome-ignore lint/correctness/useExhaustiveDependencies: `now` is the trigger; `members` stands for memberPids by value.
	useEffect(() => {
		if (!reader || infraPid === undefined) {
			setShared(undefined);
			return;
		}
		// The host's namespaces (conmon-tui's own, or a far host's): one the infra has from the host, it does not hold.
		const host = reader.hostNamespaces();
		setShared(
			sharedNamespaces(
				reader.namespaces(infraPid),
				memberPids.map((pid) => reader.namespaces(pid)),
				host,
			),
		);
	}, [reader, infraPid, members, now]);
	return shared;
}
