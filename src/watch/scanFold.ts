import { type ConmonChange, type ConmonHistory, currentGeneration, observeConmons } from '../model/conmonHistory.js';
import { type Container, expectsConmon, shortId } from '../model/container.js';
import { conmonInStore, type PodmanStoreRoots } from '../podman/storeRoots.js';
import { conmonChangeEntry, foreignConmonsEntry } from '../present/eventLog.js';
import { type ConmonProcess, containerPidOf, descendants, indexChildren, processesUnderConmons } from '../proc/conmonProcess.js';
import { isDead, type ProcessInfo, sameArgv, startTicksToMs } from '../proc/parse.js';
import { indexScan, type ScanIndex } from '../proc/scanIndex.js';
import type { AppState, LogEntry } from '../state/store.js';

/** What one /proc scan read, and what is needed to make sense of it. */
export interface ScanSnapshot {
	/** Every user-space process; conmons and rootless helpers carry their `uid`. */
	processes: readonly ProcessInfo[];
	/** When the machine booted: process start times are clock ticks after it. */
	bootTimeMs: number;
	/**
	 * This podman's store, from `podman info`; undefined until known: then no conmon counts as this
	 * store's for the tree (no provisional rows), and none as another store's for the event log.
	 */
	storeRoots: PodmanStoreRoots | undefined;
	/** The first scan finds what was already there: that is not news for the event log. */
	first: boolean;
	/** indexScan(processes), when the scan has made it already (the watcher's does); made here otherwise. */
	index?: ScanIndex;
}

/** The parts of the store a scan writes. */
export type ScannedState = Pick<AppState, 'containers' | 'history' | 'processes' | 'unmonitored' | 'helpers'>;

/** A scan folded into the store: what to set, what to log, and what the watcher's other jobs need. */
export interface ScanFold {
	/** Only what changed: an empty object when the scan saw nothing new. */
	update: Partial<ScannedState>;
	/**
	 * Event log lines for conmons that appeared or exited (none on the first scan): one each for this
	 * podman's containers; the others' are records for --log only, counted on one line of the pane.
	 */
	log: Omit<LogEntry, 'id'>[];
	/** Every conmon change this scan saw, for the stall rule. */
	changes: ConmonChange[];
	/** The history after this scan. */
	history: ConmonHistory;
	/** Running containers with no live conmon: container ID → its first process's PID. */
	unmonitored: Record<string, number>;
	/** Containers whose conmon lives in this podman's store (learnt from conmon's arguments). */
	inStore: string[];
	/** Those conmons' exit directories, to watch with inotify (none on the first scan). */
	exitDirs: string[];
}

/**
 * Folds one /proc scan into the store's state: conmon generations appear and exit, the processes
 * below conmons are kept, running containers without a conmon are flagged, and a conmon of this
 * store that podman has not listed yet gets a provisional row. Pure: reads nothing, writes nothing.
 */
export function foldScan(state: ScannedState, scan: ScanSnapshot, now: number): ScanFold {
	const all = scan.processes;
	const { byPid, conmons, helpers } = scan.index ?? indexScan(all);
	const children = indexChildren(all);
	const pidOf = (conmon: ConmonProcess): number | undefined => containerPidOf(conmon, children);
	const { history, changes } = observeConmons(state.history, conmons, pidOf, (ticks) => startTicksToMs(ticks, scan.bootTimeMs), now);
	const unmonitored = findUnmonitored(Object.values(state.containers), history, byPid);
	const processes = processesUnderConmons(all, conmons, children);
	for (const pid of Object.values(unmonitored)) {
		const root = byPid.get(pid);
		if (root) processes.push(root, ...descendants(pid, children).map((d) => d.process));
	}

	const update: Partial<ScannedState> = {};
	const provisional = provisionalContainers(conmons, state.containers, pidOf, scan, now);
	if (provisional.length > 0) update.containers = { ...state.containers, ...Object.fromEntries(provisional.map((c) => [c.id, c])) };
	if (history !== state.history) update.history = history;
	if (!sameProcesses(processes, state.processes)) update.processes = processes;
	if (JSON.stringify(unmonitored) !== JSON.stringify(state.unmonitored)) update.unmonitored = unmonitored;
	if (
		!sameProcesses(
			helpers.map((h) => h.process),
			state.helpers.map((h) => h.process),
		)
	)
		update.helpers = helpers;

	const roots = scan.storeRoots;
	const ours = roots ? conmons.filter((conmon) => conmonInStore(conmon.args, roots)) : [];
	// conmon writes the exit file in its exit directory the moment its container dies.
	const exitDirs = scan.first ? [] : ours.flatMap((conmon) => (conmon.args.exitDir ? [conmon.args.exitDir] : []));
	const names = update.containers ?? state.containers;
	// Listed by podman (or about to be: a provisional row), or run by a conmon of this store (a conmon
	// gone keeps its arguments in the history: a --rm container may be unlisted before its conmon exits).
	// Until the store is known (podman info late or failed) none is called another's: a line too
	// many is better than the user's own container appearing unsaid.
	const ofThisPodman = (containerId: string): boolean =>
		roots === undefined ||
		names[containerId] !== undefined ||
		(history.generations[containerId] ?? []).some((g) => g.args !== undefined && conmonInStore(g.args, roots));
	const log = scan.first ? [] : conmonChangeLog(changes, names, ofThisPodman, now);
	return { update, log, changes, history, unmonitored, inStore: ours.map((conmon) => conmon.args.containerId), exitDirs };
}

/**
 * The log lines for a scan's conmon changes. This podman's containers are what the user watches:
 * a line each. On a shared machine other stores' and other users' conmons come and go all the
 * while, and a line each would flood the pane: they are kept whole for --log (recordOnly), and
 * the pane gets one line counting them.
 */
function conmonChangeLog(
	changes: readonly ConmonChange[],
	names: AppState['containers'],
	ofThisPodman: (containerId: string) => boolean,
	now: number,
): Omit<LogEntry, 'id'>[] {
	const log: Omit<LogEntry, 'id'>[] = [];
	let appeared = 0;
	let exited = 0;
	for (const change of changes) {
		const entry = conmonChangeEntry(change, names[change.containerId]?.name);
		if (ofThisPodman(change.containerId)) {
			log.push(entry);
			continue;
		}
		log.push({ ...entry, recordOnly: true });
		if (change.kind === 'appeared' || change.kind === 'exec-appeared') appeared++;
		else exited++;
	}
	if (appeared + exited > 0) log.push(foreignConmonsEntry(appeared, exited, now));
	return log;
}

/**
 * A conmon of this podman's store whose container `podman ps` has not listed yet (it lists it
 * a hundred milliseconds or more later): a row from what conmon's command line says, so that
 * the conmon is on screen the moment it exists. The next `ps` replaces it with podman's view.
 */
function provisionalContainers(
	conmons: readonly ConmonProcess[],
	listed: AppState['containers'],
	containerPidOf: (conmon: ConmonProcess) => number | undefined,
	scan: ScanSnapshot,
	now: number,
): Container[] {
	const roots = scan.storeRoots;
	if (!roots) return [];
	return conmons
		.filter((c) => c.args.execSessionId === undefined && !isDead(c.process) && !listed[c.args.containerId] && conmonInStore(c.args, roots))
		.map((c) => ({
			id: c.args.containerId,
			name: c.args.name ?? shortId(c.args.containerId),
			image: '',
			command: [],
			state: 'running',
			exitCode: undefined,
			pid: containerPidOf(c),
			podmanConmonPid: undefined,
			createdAt: now,
			startedAt: startTicksToMs(c.process.startTicks, scan.bootTimeMs),
			finishedAt: undefined,
			restartCount: undefined,
			execIds: [],
		}));
}

/**
 * Containers podman reports running (or paused) that have no live conmon while their
 * first process still lives: the conmon was killed and nothing monitors the container.
 */
export function findUnmonitored(containers: readonly Container[], history: ConmonHistory, byPid: ReadonlyMap<number, ProcessInfo>): Record<string, number> {
	const result: Record<string, number> = {};
	for (const container of containers) {
		if (!expectsConmon(container) || container.pid === undefined) continue;
		if (currentGeneration(history.generations[container.id])) continue;
		const process = byPid.get(container.pid);
		if (process && !isDead(process)) result[container.id] = container.pid;
	}
	return result;
}

/**
 * Whether two process lists show the same: false whenever a process appears, exits, changes
 * state or parent, or exec()s (its name changes: `runc init` becomes `sleep`), or its command line
 * reads otherwise (a full scan reads it again, read.ts). Compared field by field, not as strings
 * made of each list: every scan asks, and nearly always nothing changed.
 */
function sameProcesses(a: readonly ProcessInfo[], b: readonly ProcessInfo[]): boolean {
	if (a.length !== b.length) return false;
	return a.every((p, i) => {
		const q = b[i];
		return (
			q !== undefined &&
			(p === q ||
				(p.pid === q.pid && p.startTicks === q.startTicks && p.state === q.state && p.ppid === q.ppid && p.comm === q.comm && sameArgv(p.argv, q.argv)))
		);
	});
}
