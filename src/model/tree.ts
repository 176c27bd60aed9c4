import { descendants, indexChildren } from '../proc/conmonProcess.js';
import { isDead, type ProcessInfo } from '../proc/parse.js';
import type { RootlessHelper } from '../proc/rootlessHelpers.js';
import { type ConmonHighlight, conmonHighlight, isFresh, movedToHistory } from './changeHighlight.js';
import { type ConmonGeneration, type ConmonHistory, currentGeneration, type ExecConmon } from './conmonHistory.js';
import { type Container, expectsConmon } from './container.js';
import { type Pod, podKey } from './pod.js';
import { type RemovedContainer, removedRowEndsAt } from './removed.js';
import { TreeClock } from './treeClock.js';
import { displayEntries, matchesFilter } from './treeOrder.js';

/** One line of the tree. `guide` is the box-drawing prefix that places it under its parent. */
export type TreeRow = {
	key: string;
	containerId: string;
	guide: string;
} /** A pod: its containers follow, indented, the infra first. Its `containerId` is its selection key (podKey). */ & (
	| { kind: 'pod'; pod: Pod; conmons: number }
	| { kind: 'container'; container: Container }
	| {
			kind: 'conmon';
			generation: ConmonGeneration;
			/** 1 for the first start seen in this session, 2 for the second, ... */
			startNumber: number;
			previous: ConmonGeneration | undefined;
			/** Exited but not yet reaped by its parent: dead, still listed in /proc. */
			zombie: boolean;
			/** Marked as just started or as exited, from its times and the tree's clock (see changeHighlight.ts). */
			highlight: ConmonHighlight | undefined;
	  }
	/** The container's last conmon, exited a while ago: one line instead of its full row. */
	| { kind: 'conmon-history'; generation: ConmonGeneration }
	| { kind: 'exec'; exec: ExecConmon; highlight: ConmonHighlight | undefined }
	| { kind: 'process'; process: ProcessInfo }
	| { kind: 'unmonitored'; pid: number }
	/** No conmon seen for it; `procUnknown`: none can be, the far host's /proc cannot be read. */
	| { kind: 'no-conmon'; container: Container; procUnknown: boolean }
	/** podman says it runs, but its conmon has been gone a while and no process of it lives: nothing is left. */
	| { kind: 'nothing-left'; container: Container }
	| { kind: 'foreign-heading'; count: number; user: { uid: number; name: string | undefined } | undefined; listed: boolean }
	| { kind: 'foreign'; generation: ConmonGeneration }
	| { kind: 'helper'; helper: RootlessHelper }
	/** A `--rm` container conmon's exit command has just removed: dim, for REMOVED_ROW_MS. */
	| { kind: 'removed'; removed: RemovedContainer }
);

/**
 * A conmon whose container podman has not listed is shown apart once it has lived this
 * long: a brand-new container's conmon is in /proc before `podman ps` shows it.
 */
export const FOREIGN_GRACE_MS = 2_000;

/**
 * A conmon that exits normally has told podman first (its cleanup command runs before it exits),
 * so podman's list catches up within a moment. A container podman still calls running this long
 * after its conmon exited, with no process left, is one whose conmon was killed and whose process
 * then died: flagged, not drawn as running.
 */
export const NOTHING_LEFT_GRACE_MS = 2_000;

/** What the tree is built from: podman's containers, the conmon history and the processes below conmons. */
export interface TreeInput {
	containers: readonly Container[];
	history: Pick<ConmonHistory, 'generations' | 'execConmons' | 'recentExecExits'>;
	/** Monitor conmons and their descendants, and the process trees of unmonitored containers. */
	processes: readonly ProcessInfo[];
	/** Containers podman says are running whose conmon is gone while their process lives on, with that PID. */
	unmonitored: Readonly<Record<string, number>>;
	/** Rootless pause processes and network helpers. */
	helpers?: readonly RootlessHelper[];
	/** The viewer's UID: other UIDs' conmons are other users' rootless podman. */
	ownUid?: number;
	/** List other users' conmons in full (`--all-users`), not only count them. */
	allUsers?: boolean;
	userNames?: Readonly<Record<number, string>>;
	/** `--rm` containers just removed (model/removed.ts); `--once` has none. */
	removed?: Readonly<Record<string, RemovedContainer>>;
	/** A far host whose /proc cannot be read: no conmon is ever seen, and the rows say it is unknown, not missing. */
	procUnknown?: boolean;
}

/** What the tree is built from, with the containers as the store keeps them (by ID): stable references, so a shallow selector can hold it. */
export type TreeSource = Omit<TreeInput, 'containers'> & { containers: Readonly<Record<string, Container>> };

/** buildTree from the store's shape of the data; at a clock, the clock learns when the rows next change (treeClock.ts). */
export function buildTreeFrom(source: TreeSource, filter = '', at: number | TreeClock = Date.now()): TreeRow[] {
	return buildTreeOn({ ...source, containers: Object.values(source.containers) }, filter, typeof at === 'number' ? new TreeClock(at) : at);
}

/** What every container's rows are drawn from, computed once per tree. */
interface BranchContext {
	input: TreeInput;
	children: ReadonlyMap<number, readonly ProcessInfo[]>;
	byPid: ReadonlyMap<number, ProcessInfo>;
	execByContainer: ReadonlyMap<string, ExecConmon[]>;
	helpers: ReadonlyMap<string, RootlessHelper[]>;
	clock: TreeClock;
}

/** Builds the rows of the tree: a pure function of its input, so tests and `--once` share it with the TUI. */
export function buildTree(input: TreeInput, filter = '', now = Date.now()): TreeRow[] {
	return buildTreeOn(input, filter, new TreeClock(now));
}

/** buildTree at `clock`'s time: every decision the time takes part in goes through the clock (see treeClock.ts). */
function buildTreeOn(input: TreeInput, filter: string, clock: TreeClock): TreeRow[] {
	const children = indexChildren(input.processes);
	const byPid = new Map(input.processes.map((p) => [p.pid, p]));
	const execByContainer = new Map<string, ExecConmon[]>();
	// Exec conmons that have just exited stay a moment, marked exited, like a container's conmon.
	const recentExecs = Object.values(input.history.recentExecExits ?? {}).filter((exec) => isFresh(exec.exitedAt, clock));
	for (const exec of [...Object.values(input.history.execConmons), ...recentExecs]) {
		const list = execByContainer.get(exec.containerId) ?? [];
		list.push(exec);
		execByContainer.set(exec.containerId, list);
	}

	const rows: TreeRow[] = [];
	const helpers = helpersByContainer(input.containers, input.helpers ?? []);
	const attached = new Set([...helpers.values()].flat().map((h) => h.process.pid));
	pushRootlessProcesses(rows, input, attached);
	const context: BranchContext = { input, children, byPid, execByContainer, helpers, clock };
	for (const entry of displayEntries(input.containers, filter)) {
		if (entry.kind === 'container') {
			pushContainer(rows, entry.container, context, '', '');
			continue;
		}
		// One conmon per container, the infra's too: the pod row counts both.
		const conmons = entry.pod.containers.filter((c) => currentGeneration(input.history.generations[c.id] ?? []) !== undefined).length;
		const key = podKey(entry.pod.id);
		rows.push({ kind: 'pod', key, containerId: key, guide: '', pod: entry.pod, conmons });
		entry.shown.forEach((container, index) => {
			const last = index === entry.shown.length - 1;
			pushContainer(rows, container, context, `  ${last ? '└─' : '├─'} `, `  ${last ? '   ' : '│  '}`);
		});
	}
	pushRemoved(rows, input, filter, clock);
	pushForeignConmons(rows, input, filter, children, clock, attached);
	return rows;
}

/** A container's row and its branches; `guide` places the row (under a pod), `indent` its branches. */
function pushContainer(rows: TreeRow[], container: Container, context: BranchContext, guide: string, indent: string): void {
	const { input, children, byPid, execByContainer, helpers, clock } = context;
	const id = container.id;
	rows.push({ kind: 'container', key: id, containerId: id, guide, container });
	// Branches under the container: its latest conmon, then exec conmons, then an anomaly.
	const branches: Array<(guide: string, childGuide: string) => void> = [];
	const generations = input.history.generations[id] ?? [];
	const latest = generations.at(-1);
	// A conmon a newer one replaced (restart, a restart policy) stays a moment, marked exited, above its successor.
	generations.slice(0, -1).forEach((generation, index) => {
		if (generation.exitedAt === undefined || !isFresh(generation.exitedAt, clock)) return;
		branches.push((guide) =>
			rows.push({
				kind: 'conmon',
				key: `${id}/conmon/${generation.pid}@${generation.startTicks}`,
				containerId: id,
				guide,
				generation,
				startNumber: index + 1,
				previous: generations[index - 1],
				zombie: false,
				highlight: 'exited',
			}),
		);
	});
	if (latest) {
		branches.push((guide, childGuide) => {
			// Still in /proc once marked exited: a zombie, until its parent reaps it.
			const process = byPid.get(latest.pid);
			const zombie = process !== undefined && process.startTicks === latest.startTicks && isDead(process);
			if (movedToHistory(latest, zombie, clock)) {
				rows.push({ kind: 'conmon-history', key: `${id}/conmon-history`, containerId: id, guide, generation: latest });
				return;
			}
			rows.push({
				kind: 'conmon',
				key: `${id}/conmon/${latest.pid}@${latest.startTicks}`,
				containerId: id,
				guide,
				generation: latest,
				startNumber: generations.length,
				previous: generations.at(-2),
				zombie,
				highlight: conmonHighlight(latest, zombie, clock),
			});
			if (currentGeneration(generations) && !zombie) pushProcessRows(rows, id, latest.pid, children, childGuide);
		});
	} else if (!input.unmonitored[id]) {
		branches.push((guide) =>
			rows.push({ kind: 'no-conmon', key: `${id}/no-conmon`, containerId: id, guide, container, procUnknown: input.procUnknown === true }),
		);
	}
	for (const exec of (execByContainer.get(id) ?? []).sort((a, b) => a.startTicks - b.startTicks)) {
		branches.push((guide, childGuide) => {
			const highlight = conmonHighlight(exec, false, clock);
			rows.push({ kind: 'exec', key: `${id}/exec/${exec.pid}@${exec.startTicks}`, containerId: id, guide, exec, highlight });
			pushProcessRows(rows, id, exec.pid, children, childGuide);
		});
	}
	for (const helper of helpers.get(id) ?? []) {
		branches.push((guide) => rows.push({ kind: 'helper', key: `${id}/helper/${helper.process.pid}`, containerId: id, guide, helper }));
	}
	const orphanPid = input.unmonitored[id];
	if (orphanPid === undefined && expectsConmon(container) && latest?.exitedAt !== undefined && !clock.before(latest.exitedAt + NOTHING_LEFT_GRACE_MS)) {
		branches.push((guide) => rows.push({ kind: 'nothing-left', key: `${id}/nothing-left`, containerId: id, guide, container }));
	}
	if (orphanPid !== undefined && expectsConmon(container)) {
		branches.push((guide, childGuide) => {
			rows.push({ kind: 'unmonitored', key: `${id}/unmonitored/${orphanPid}`, containerId: id, guide, pid: orphanPid });
			const process = byPid.get(orphanPid);
			if (process) {
				rows.push({ kind: 'process', key: `${id}/proc/${process.pid}`, containerId: id, guide: `${childGuide}└─ `, process });
				pushProcessRows(rows, id, orphanPid, children, `${childGuide}   `);
			}
		});
	}
	branches.forEach((draw, index) => {
		const last = index === branches.length - 1;
		draw(`${indent}  ${last ? '└─' : '├─'} `, `${indent}  ${last ? '   ' : '│  '}`);
	});
}

/** The `--rm` containers removed in the last minute, oldest first, after the listed ones. */
function pushRemoved(rows: TreeRow[], input: TreeInput, filter: string, clock: TreeClock): void {
	const shown = Object.values(input.removed ?? {})
		.filter((entry) => clock.before(removedRowEndsAt(entry)) && matchesFilter(entry.container, filter))
		.sort((a, b) => a.removedAt - b.removedAt);
	for (const removed of shown) {
		const id = removed.container.id;
		rows.push({ kind: 'removed', key: `removed/${id}`, containerId: id, guide: '', removed });
	}
}

/**
 * Live conmons of containers this podman does not list: never dropped silently. This user's
 * (another store, a leftover) get a group; other users' rootless conmons a group per user,
 * in full with `--all-users`, else counted on one line. With `--all-users`, another user's
 * pause process (and network helpers of no listed container) heads that user's group.
 */
function pushForeignConmons(
	rows: TreeRow[],
	input: TreeInput,
	filter: string,
	children: ReadonlyMap<number, readonly ProcessInfo[]>,
	clock: TreeClock,
	attached: ReadonlySet<number>,
): void {
	const known = new Set(input.containers.map((c) => c.id));
	const needle = filter.trim().toLowerCase();
	const ownUid = input.ownUid ?? 0;
	const groups = new Map<number, { containerId: string; generation: ConmonGeneration }[]>();
	for (const [containerId, list] of Object.entries(input.history.generations)) {
		const live = currentGeneration(list);
		if (known.has(containerId) || !live || clock.before(live.startedAt + FOREIGN_GRACE_MS)) continue;
		if (needle !== '' && !containerId.includes(needle) && !(live.nameAtStart ?? '').toLowerCase().includes(needle)) continue;
		const uid = live.uid ?? ownUid;
		groups.set(uid, [...(groups.get(uid) ?? []), { containerId, generation: live }]);
	}
	const othersHelpers = new Map<number, RootlessHelper[]>();
	if (input.allUsers === true) {
		for (const helper of input.helpers ?? []) {
			const uid = helper.process.uid ?? ownUid;
			if (uid === ownUid || attached.has(helper.process.pid)) continue;
			othersHelpers.set(uid, [...(othersHelpers.get(uid) ?? []), helper]);
			if (!groups.has(uid)) groups.set(uid, []);
		}
	}
	for (const [uid, members] of [...groups].sort(([a], [b]) => (a === ownUid ? -1 : b === ownUid ? 1 : a - b))) {
		const user = uid === ownUid ? undefined : { uid, name: input.userNames?.[uid] };
		const listed = user === undefined || input.allUsers === true;
		rows.push({ kind: 'foreign-heading', key: `foreign/${uid}`, containerId: '', guide: '', count: members.length, user, listed });
		if (!listed) continue;
		const owned = othersHelpers.get(uid) ?? [];
		owned.forEach((helper, index) => {
			const last = index === owned.length - 1 && members.length === 0;
			const owner = user?.name ?? String(uid);
			rows.push({
				kind: 'helper',
				key: `helper/${helper.process.pid}@${helper.process.startTicks}`,
				containerId: '',
				guide: `  ${last ? '└─' : '├─'} `,
				helper: { ...helper, owner },
			});
		});
		members.forEach(({ containerId, generation }, index) => {
			const last = index === members.length - 1;
			rows.push({ kind: 'foreign', key: `foreign/${generation.pid}@${generation.startTicks}`, containerId, guide: `  ${last ? '└─' : '├─'} `, generation });
			pushProcessRows(rows, containerId, generation.pid, children, `  ${last ? '   ' : '│  '}`);
		});
	}
}

/**
 * This user's rootless pause process, and network helpers whose container could not be told:
 * at the top, before the containers. Other users' go in their user's group (pushForeignConmons).
 */
function pushRootlessProcesses(rows: TreeRow[], input: TreeInput, attached: ReadonlySet<number>): void {
	const ownUid = input.ownUid ?? 0;
	const shown = (input.helpers ?? []).filter((h) => !attached.has(h.process.pid) && (h.process.uid ?? ownUid) === ownUid);
	for (const helper of shown) {
		rows.push({ kind: 'helper', key: `helper/${helper.process.pid}@${helper.process.startTicks}`, containerId: '', guide: '', helper });
	}
}

/** Which container each network helper serves: the one whose network namespace its command line names. */
export function helpersByContainer(containers: readonly Container[], helpers: readonly RootlessHelper[]): Map<string, RootlessHelper[]> {
	const byNetns = new Map(containers.filter((c) => c.sandboxKey).map((c) => [c.sandboxKey, c.id]));
	const result = new Map<string, RootlessHelper[]>();
	for (const helper of helpers) {
		const id = helper.netnsPath === undefined ? undefined : byNetns.get(helper.netnsPath);
		if (id) result.set(id, [...(result.get(id) ?? []), helper]);
	}
	return result;
}

/** Rows for every process below `pid`, with tree guides. */
function pushProcessRows(rows: TreeRow[], containerId: string, pid: number, children: ReadonlyMap<number, readonly ProcessInfo[]>, baseGuide: string): void {
	const below = descendants(pid, children);
	// Whether each depth still has siblings to come decides between '├─' and '└─' and the '│' rails.
	below.forEach(({ process, depth }, index) => {
		const rails: string[] = [];
		for (let level = 1; level < depth; level++) rails.push(hasLaterSibling(below, index, level) ? '│  ' : '   ');
		const last = !hasLaterSibling(below, index, depth);
		rows.push({
			kind: 'process',
			key: `${containerId}/proc/${process.pid}@${process.startTicks}`,
			containerId,
			guide: `${baseGuide}${rails.join('')}${last ? '└─' : '├─'} `,
			process,
		});
	});
}

/** True when a later row at `depth` shares the ancestor at that depth with row `index`. */
function hasLaterSibling(rows: readonly { depth: number }[], index: number, depth: number): boolean {
	for (let next = index + 1; next < rows.length; next++) {
		const d = rows[next]?.depth ?? 0;
		if (d < depth) return false;
		if (d === depth) return true;
	}
	return false;
}
