import type { ConmonArgs } from '../proc/conmonArgs.js';
import type { ConmonProcess } from '../proc/conmonProcess.js';
import { isDead, processKey } from '../proc/parse.js';

/**
 * How long the history keeps an exec conmon that has exited (`recentExecExits`) before dropping
 * it: the bound on that memory, however many `podman exec` sessions come and go. The model's own
 * constant, not the screen's: the tree marks such a conmon exited for CHANGE_HIGHLIGHT_MS (a
 * display choice), so this must not be shorter (a unit test holds it). Equal today, so an exit is
 * kept exactly as long as it is shown.
 */
export const EXEC_EXIT_RETENTION_MS = 5_000;

/** One start of a container: the conmon that watched it and the container PID it had. */
export interface ConmonGeneration {
	pid: number;
	startTicks: number;
	/** When conmon started, ms since the epoch (from /proc start time). */
	startedAt: number;
	/** When conmon-tui saw it gone or a zombie; undefined while it runs. */
	exitedAt?: number;
	/** The container's exit code for this start, from podman (conmon exits with it). */
	exitCode?: number;
	/** The container's first process during this start: fixed when first seen, never replaced by a later child of conmon. */
	containerPid?: number;
	/** The container name conmon was given (`-n`); podman's name is the current one. */
	nameAtStart?: string;
	/** Who ran it: another user's rootless conmon is grouped under that user. */
	uid?: number;
	/** What its command line said, kept for the details view after it has gone. */
	args?: ConmonArgs;
}

/** An exec-session conmon (`podman exec`), shown as its own branch. */
export interface ExecConmon {
	containerId: string;
	execSessionId: string;
	pid: number;
	startTicks: number;
	startedAt: number;
	/** Set on the ones in `recentExecExits`: when it was seen gone. */
	exitedAt?: number;
}

/** Every conmon each container has had in this session, and the exec conmons alive now. */
export interface ConmonHistory {
	/** Oldest first, per full container ID. */
	generations: Readonly<Record<string, readonly ConmonGeneration[]>>;
	/** Live exec conmons by process key. */
	execConmons: Readonly<Record<string, ExecConmon>>;
	/**
	 * Exec conmons that exited less than EXEC_EXIT_RETENTION_MS ago, by process key: the tree shows
	 * them marked exited a moment, as it does a container's conmon. Older ones are dropped.
	 */
	recentExecExits?: Readonly<Record<string, ExecConmon>>;
	/**
	 * Process keys of conmons whose container was removed and forgotten. An exited conmon can
	 * linger as a zombie for seconds; without this it would be taken for a new one every scan.
	 */
	forgotten: ReadonlySet<string>;
}

/** What a scan saw change, for the event log. `name` is conmon's `-n`, for containers podman has not listed yet. */
export type ConmonChange =
	| { kind: 'appeared' | 'exited'; containerId: string; pid: number; at: number; exitCode?: number; name?: string }
	| { kind: 'exec-appeared' | 'exec-exited'; containerId: string; pid: number; at: number; execSessionId: string };

/**
 * History is bounded so that a long session with churn cannot grow memory without
 * limit: the oldest generations of a container are dropped past this many.
 */
export const MAX_GENERATIONS_PER_CONTAINER = 50;

export const EMPTY_HISTORY: ConmonHistory = { generations: {}, execConmons: {}, forgotten: new Set() };

/**
 * Folds one /proc scan into the history. A conmon not seen before becomes a new
 * generation; a generation whose process is gone or a zombie is marked exited.
 * Pure: returns the same object when nothing changed.
 */
export function observeConmons(
	history: ConmonHistory,
	conmons: readonly ConmonProcess[],
	containerPidOf: (conmon: ConmonProcess) => number | undefined,
	toMs: (startTicks: number) => number,
	now: number,
): { history: ConmonHistory; changes: ConmonChange[] } {
	const changes: ConmonChange[] = [];
	const live = new Map<string, ConmonProcess>();
	const listed = new Set<string>();
	for (const conmon of conmons) {
		const key = processKey(conmon.process.pid, conmon.process.startTicks);
		listed.add(key);
		if (!isDead(conmon.process)) live.set(key, conmon);
	}
	// A forgotten conmon stays forgotten while /proc still lists it; then its key can go.
	const forgotten = [...history.forgotten].every((key) => listed.has(key))
		? history.forgotten
		: new Set([...history.forgotten].filter((key) => listed.has(key)));

	let generations = history.generations;
	const touch = (containerId: string, list: ConmonGeneration[]): void => {
		if (generations === history.generations) generations = { ...generations };
		(generations as Record<string, readonly ConmonGeneration[]>)[containerId] = list.slice(-MAX_GENERATIONS_PER_CONTAINER);
	};

	// Exits first, so that a container's new conmon lands after its old one is closed.
	for (const [containerId, list] of Object.entries(history.generations)) {
		let changed: ConmonGeneration[] | undefined;
		list.forEach((generation, index) => {
			if (generation.exitedAt !== undefined) return;
			const conmon = live.get(processKey(generation.pid, generation.startTicks));
			if (conmon) {
				// Fixed once known: after the container dies, conmon's later children (its exit
				// command, `podman container cleanup`) are not the container.
				if (generation.containerPid !== undefined) return;
				const containerPid = containerPidOf(conmon);
				if (containerPid !== undefined) {
					changed ??= [...list];
					changed[index] = { ...generation, containerPid };
				}
				return;
			}
			changed ??= [...list];
			changed[index] = { ...generation, exitedAt: now };
			changes.push({ kind: 'exited', containerId, pid: generation.pid, at: now, ...optionalExitCode(generation.exitCode) });
		});
		if (changed) touch(containerId, changed);
	}

	for (const conmon of conmons) {
		if (conmon.args.execSessionId !== undefined) continue;
		if (forgotten.has(processKey(conmon.process.pid, conmon.process.startTicks))) continue;
		const { containerId } = conmon.args;
		const list = generations[containerId] ?? [];
		const { pid, startTicks } = conmon.process;
		if (list.some((g) => g.pid === pid && g.startTicks === startTicks)) continue;
		const dead = isDead(conmon.process);
		const generation: ConmonGeneration = { pid, startTicks, startedAt: toMs(startTicks) };
		if (conmon.args.name !== undefined) generation.nameAtStart = conmon.args.name;
		if (conmon.process.uid !== undefined) generation.uid = conmon.process.uid;
		generation.args = conmon.args;
		const containerPid = dead ? undefined : containerPidOf(conmon);
		if (containerPid !== undefined) generation.containerPid = containerPid;
		if (dead) generation.exitedAt = now;
		// Generations stay in start order even when the first scan finds several at once.
		touch(
			containerId,
			[...list, generation].sort((a, b) => a.startTicks - b.startTicks),
		);
		const name = conmon.args.name === undefined ? {} : { name: conmon.args.name };
		changes.push({ kind: 'appeared', containerId, pid, at: generation.startedAt, ...name });
		if (dead) changes.push({ kind: 'exited', containerId, pid, at: now, ...name });
	}

	const execConmons = observeExecConmons(history.execConmons, live, toMs, now, changes);
	const recentExecExits = rememberExecExits(history, execConmons, now);
	if (
		generations === history.generations &&
		execConmons === history.execConmons &&
		forgotten === history.forgotten &&
		recentExecExits === history.recentExecExits
	) {
		return { history, changes };
	}
	return { history: { generations, execConmons, forgotten, ...(recentExecExits ? { recentExecExits } : {}) }, changes };
}

/** Keeps the exec conmons that just exited, with the time, and drops the ones exited too long ago. */
function rememberExecExits(history: ConmonHistory, execConmons: ConmonHistory['execConmons'], now: number): ConmonHistory['recentExecExits'] {
	const previous = history.recentExecExits ?? {};
	const kept = Object.entries(previous).filter(([, exec]) => exec.exitedAt !== undefined && now - exec.exitedAt < EXEC_EXIT_RETENTION_MS);
	const exited = Object.entries(history.execConmons).filter(([key]) => execConmons[key] === undefined);
	if (exited.length === 0 && kept.length === Object.keys(previous).length) return history.recentExecExits;
	return Object.fromEntries([...kept, ...exited.map(([key, exec]) => [key, { ...exec, exitedAt: now }] as const)]);
}

function observeExecConmons(
	previous: Readonly<Record<string, ExecConmon>>,
	live: ReadonlyMap<string, ConmonProcess>,
	toMs: (startTicks: number) => number,
	now: number,
	changes: ConmonChange[],
): Readonly<Record<string, ExecConmon>> {
	let changed = false;
	const next: Record<string, ExecConmon> = {};
	for (const [key, conmon] of live) {
		const execSessionId = conmon.args.execSessionId;
		if (execSessionId === undefined) continue;
		const known = previous[key];
		if (known) {
			next[key] = known;
			continue;
		}
		const { pid, startTicks } = conmon.process;
		next[key] = { containerId: conmon.args.containerId, execSessionId, pid, startTicks, startedAt: toMs(startTicks) };
		changes.push({ kind: 'exec-appeared', containerId: conmon.args.containerId, pid, at: toMs(startTicks), execSessionId });
		changed = true;
	}
	for (const [key, exec] of Object.entries(previous)) {
		if (next[key]) continue;
		changes.push({ kind: 'exec-exited', containerId: exec.containerId, pid: exec.pid, at: now, execSessionId: exec.execSessionId });
		changed = true;
	}
	return changed ? next : previous;
}

function optionalExitCode(exitCode: number | undefined): { exitCode?: number } {
	return exitCode === undefined ? {} : { exitCode };
}

/**
 * Records a container's exit code (from a `died` event or from inspect) on the
 * generation that was running at `atMs`: the newest one that started before it
 * and has no code yet. With `--restart always` a newer conmon may already be up.
 */
export function recordExitCode(history: ConmonHistory, containerId: string, exitCode: number, atMs: number): ConmonHistory {
	const list = history.generations[containerId];
	if (!list) return history;
	// Start times come from clock ticks (10 ms); allow for that and for clock skew.
	const SLACK_MS = 50;
	for (let index = list.length - 1; index >= 0; index--) {
		const generation = list[index];
		if (!generation || generation.startedAt > atMs + SLACK_MS) continue;
		if (generation.exitCode !== undefined) return history;
		const updated = [...list];
		updated[index] = { ...generation, exitCode };
		return { ...history, generations: { ...history.generations, [containerId]: updated } };
	}
	return history;
}

/**
 * Drops the history of containers that no longer exist. A container with a live conmon
 * is kept even if podman's list does not have it yet: /proc can be ahead of `podman ps`.
 */
export function forgetContainers(history: ConmonHistory, exists: ReadonlySet<string>): ConmonHistory {
	const keep = (id: string): boolean => exists.has(id) || currentGeneration(history.generations[id]) !== undefined;
	const ids = Object.keys(history.generations);
	if (ids.every(keep)) return history;
	const generations: Record<string, readonly ConmonGeneration[]> = {};
	const forgotten = new Set(history.forgotten);
	for (const id of ids) {
		const list = history.generations[id];
		if (list && keep(id)) generations[id] = list;
		else for (const g of list ?? []) forgotten.add(processKey(g.pid, g.startTicks));
	}
	return { ...history, generations, forgotten };
}

/**
 * Drops containers podman has removed, with their conmons, when nobody is watching /proc any more
 * (at exit, after a lesson's clean-up): their last conmon was never seen to exit, and would
 * otherwise read as a live conmon of a container podman does not list.
 */
export function forgetRemoved(history: ConmonHistory, removed: ReadonlySet<string>): ConmonHistory {
	const ids = Object.keys(history.generations).filter((id) => removed.has(id));
	if (ids.length === 0) return history;
	return { ...history, generations: Object.fromEntries(Object.entries(history.generations).filter(([id]) => !removed.has(id))) };
}

/** The conmon generation that is alive now, if any. */
export function currentGeneration(list: readonly ConmonGeneration[] | undefined): ConmonGeneration | undefined {
	const last = list?.at(-1);
	return last && last.exitedAt === undefined ? last : undefined;
}
