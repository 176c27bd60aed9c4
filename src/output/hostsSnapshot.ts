// `--once` with several hosts (`--connection a --connection b`): each host's snapshot, under its heading.
import { safeLines } from '../present/safeText.js';
import { hostProblem } from '../state/hostStatus.js';
import type { AppState } from '../state/store.js';
import { snapshotJson, snapshotText } from './snapshot.js';

/** One host's state after `--once` loaded it, with its connection's name. */
export interface HostSnapshotSource {
	name: string;
	/** The connection's URI (`ssh://core@10.0.0.5:22/run/podman/podman.sock`). */
	uri: string;
	state: AppState;
}

/**
 * `--once --json` with several hosts: `{takenAt, hosts: [...]}`, each host with its connection's
 * name, its URI and the header's words, what failed (or null), and the same fields as one host's JSON.
 */
export function hostsSnapshotJson(hosts: readonly HostSnapshotSource[], now = Date.now()) {
	return {
		takenAt: new Date(now).toISOString(),
		hosts: hosts.map(({ name, uri, state }) => ({
			connection: name,
			uri,
			label: state.farSide?.label ?? name,
			error: hostProblem(state) ?? null,
			...snapshotJson(state, now),
		})),
	};
}

/** `--once` with several hosts: each host's heading (the header's words), what failed, then its tree as one host's `--once` prints it. */
export function hostsSnapshotText(hosts: readonly HostSnapshotSource[], now = Date.now()): string {
	return hosts
		.map(({ name, state }) => {
			const problem = hostProblem(state);
			const heading = `── ${state.farSide?.label ?? name}`;
			return safeLines([heading, ...(problem === undefined ? [snapshotText(state, now)] : [problem])].join('\n'));
		})
		.join('\n\n');
}
