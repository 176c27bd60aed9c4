import { t } from '../messages/i18n.js';
import { currentGeneration } from '../model/conmonHistory.js';
import { podsOf } from '../model/pod.js';
import { buildTreeFrom, helpersByContainer } from '../model/tree.js';
import { sortContainers } from '../model/treeOrder.js';
import { rowText } from '../present/format.js';
import { safeLines } from '../present/safeText.js';
import { descendants, indexChildren } from '../proc/conmonProcess.js';
import type { ProcessInfo } from '../proc/parse.js';
import type { RootlessHelper } from '../proc/rootlessHelpers.js';
import type { AppState } from '../state/store.js';

type SnapshotSource = Pick<AppState, 'containers' | 'history' | 'processes' | 'unmonitored' | 'podmanVersion'> &
	Partial<Pick<AppState, 'helpers' | 'ownUid' | 'allUsers' | 'userNames' | 'farSide'>>;

function isoOrNull(ms: number | undefined): string | null {
	return ms === undefined ? null : new Date(ms).toISOString();
}

function processJson(process: ProcessInfo, depth: number) {
	// Exact data, not the escaped text the screen shows: JSON escapes it (see safeJson).
	const command = process.argv.length > 0 ? process.argv.join(' ') : `[${process.comm}]`;
	return { pid: process.pid, ppid: process.ppid, state: process.state, command, argv: process.argv, depth };
}

/**
 * What `--once --json` prints: every container with podman's view of it and what
 * /proc shows — its live conmon, every conmon seen, exec sessions and processes —, and
 * the pods (each container names its pod and says whether it is the pod's infra).
 */
export function snapshotJson(source: SnapshotSource, now = Date.now()) {
	const children = indexChildren(source.processes);
	const byPid = new Map(source.processes.map((p) => [p.pid, p]));
	const tree = (pid: number) => descendants(pid, children).map(({ process, depth }) => processJson(process, depth));
	// An unmonitored container's first process has no conmon above it: list it too.
	const rootedTree = (pid: number) => {
		const root = byPid.get(pid);
		return root ? [processJson(root, 0), ...tree(pid)] : tree(pid);
	};
	const execs = Object.values(source.history.execConmons);
	const helpers = source.helpers ?? [];
	const helpersOf = helpersByContainer(Object.values(source.containers), helpers);
	const helperJson = (h: RootlessHelper) => ({ kind: h.kind, pid: h.process.pid, uid: h.process.uid ?? null, netnsPath: h.netnsPath ?? null });
	return {
		takenAt: new Date(now).toISOString(),
		// The podman that runs these containers: with --connection, the far service (null until it answers).
		podmanVersion: (source.farSide ? source.farSide.serverVersion : source.podmanVersion) ?? null,
		// The podman binary conmon-tui runs: with --connection, the remote client; locally the same as podmanVersion.
		podmanClientVersion: source.podmanVersion ?? null,
		pods: [...podsOf(sortContainers(Object.values(source.containers))).values()].map((pod) => ({
			id: pod.id,
			name: pod.name,
			infraContainerId: pod.infraId ?? null,
			containerIds: pod.containers.map((c) => c.id),
		})),
		containers: sortContainers(Object.values(source.containers)).map((c) => {
			const generations = source.history.generations[c.id] ?? [];
			const live = currentGeneration(generations);
			const unmonitoredPid = source.unmonitored[c.id];
			return {
				id: c.id,
				name: c.name,
				image: c.image,
				command: c.command,
				state: c.state,
				pod: c.pod ?? null,
				isInfra: c.isInfra === true,
				// Label PODMAN_SYSTEMD_UNIT: the systemd unit (Quadlet, podman generate systemd) that runs it.
				systemdUnit: c.systemdUnit ?? null,
				autoRemove: c.autoRemove === true,
				exitCode: c.exitCode ?? null,
				pid: c.pid ?? null,
				conmonPid: live?.pid ?? null,
				podmanConmonPid: c.podmanConmonPid ?? null,
				createdAt: isoOrNull(c.createdAt),
				startedAt: isoOrNull(c.startedAt),
				finishedAt: isoOrNull(c.finishedAt),
				conmonHistory: generations.map((g) => ({
					pid: g.pid,
					startedAt: isoOrNull(g.startedAt),
					exitedAt: isoOrNull(g.exitedAt),
					exitCode: g.exitCode ?? null,
					containerPid: g.containerPid ?? null,
				})),
				execSessions: execs
					.filter((e) => e.containerId === c.id)
					.map((e) => ({ execSessionId: e.execSessionId, conmonPid: e.pid, startedAt: isoOrNull(e.startedAt), processes: tree(e.pid) })),
				unmonitoredPid: unmonitoredPid ?? null,
				rootlessHelpers: (helpersOf.get(c.id) ?? []).map(helperJson),
				processes: live ? tree(live.pid) : unmonitoredPid !== undefined ? rootedTree(unmonitoredPid) : [],
			};
		}),
		// Live conmons of containers this podman does not list (another store or user, leftovers).
		foreignConmons: Object.entries(source.history.generations).flatMap(([containerId, list]) => {
			const live = currentGeneration(list);
			if (!live || source.containers[containerId]) return [];
			const uid = live.uid ?? null;
			const user = uid === null ? null : (source.userNames?.[uid] ?? null);
			return [
				{ containerId, nameAtStart: live.nameAtStart ?? null, conmonPid: live.pid, uid, user, startedAt: isoOrNull(live.startedAt), processes: tree(live.pid) },
			];
		}),
		// Pause processes, and network helpers whose container is not known.
		rootlessHelpers: helpers.filter((h) => ![...helpersOf.values()].flat().includes(h)).map(helperJson),
	};
}

/** What `--once` prints: the tree as the TUI draws it, one row a line. */
export function snapshotText(source: SnapshotSource, now = Date.now()): string {
	const rows = buildTreeFrom({ ...source, procUnknown: source.farSide?.procUnknown === true }, '', now);
	if (rows.length === 0) return t('tree.onceEmpty');
	// Every row's outside text is escaped already (present.ts); this is the last guard before stdout.
	return safeLines(rows.map((row) => `${row.guide}${rowText(row, now)}`).join('\n'));
}
