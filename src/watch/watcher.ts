import { currentGeneration, forgetContainers, observeConmons, recordExitCode, type ConmonChange, type ConmonHistory } from '../model/conmonHistory.js';
import { containerPidOf, descendants, findConmons, indexChildren, processesUnderConmons, type ConmonProcess } from '../proc/conmonProcess.js';
import { expectsConmon, mergeContainerViews, parseInspectJson, parsePsJson, shortId, type Container } from '../model/container.js';
import { conmonChangeEntry, podmanEventEntry } from '../present/eventLog.js';
import { PodmanEventStream } from '../podman/eventStream.js';
import { PodmanError, type Podman } from '../podman/podman.js';
import type { PodmanEvent } from '../podman/event.js';
import { conmonInStore, parseStoreRoots, type PodmanStoreRoots } from '../podman/storeRoots.js';
import { DirectoryWatch } from './directoryWatch.js';
import { t } from '../messages/i18n.js';
import { isDead, processKey, startTicksToMs, type ProcessInfo } from '../proc/parse.js';
import { isAliveAs, ProcScanner, readBootTimeMs } from '../proc/read.js';
import { findRootlessHelpers } from '../proc/rootlessHelpers.js';
import { setContainers } from '../state/selection.js';
import { appendLog, type AppState, type AppStore } from '../state/store.js';

/**
 * A full /proc scan this often when nothing is happening: a safety net. Changes are noticed
 * sooner by what signals them: podman events, inotify on podman's run root (a container's
 * conmon.pid and pidfile are written there at each start) and on conmon's exit directory (the
 * exit file is written when the container dies), and the liveness check below.
 */
export const SAFETY_SCAN_INTERVAL_MS = 5_000;
/** Most safety scans are quick (new processes and those on screen); every so often one reads everything. */
export const FULL_SCAN_INTERVAL_MS = 30_000;
/** The live conmons' own /proc entries are checked this often: a conmon killed by hand signals nothing else. */
export const LIVENESS_INTERVAL_MS = 1_000;
/** After a signal of change, /proc is scanned this often ... */
export const BURST_SCAN_INTERVAL_MS = 40;
/** ... for this long, to catch conmons that live for a fraction of a second. */
export const BURST_DURATION_MS = 3_000;
/** Events come in bursts (create, init, start); podman is asked once per burst. */
export const RECONCILE_DEBOUNCE_MS = 80;
/**
 * A full `podman ps` + `inspect` this often, in case an event was missed: a safety net only (a
 * stalled stream is caught sooner, from /proc), so rare enough to cost nothing while idle.
 */
export const SLOW_RECONCILE_INTERVAL_MS = 300_000;
/**
 * When /proc shows a known container's conmon start or exit, podman reports an event for
 * that container within a fraction of a second. None within this long: the events stream
 * is taken as stalled and restarted (a hung `podman events` looks exactly like a quiet one).
 */
export const EVENT_SILENCE_LIMIT_MS = 5_000;

/**
 * Feeds the store: follows podman events, asks podman for container state on events and
 * on a slow timer, and scans /proc for conmons and their processes. One podman query and
 * one scan at a time; every timer and child is ended by stop().
 */
export class Watcher {
	private readonly scanner = new ProcScanner();
	private readonly bootTimeMs = readBootTimeMs();
	private readonly events: PodmanEventStream;
	private readonly abort = new AbortController();
	private scanTimer: NodeJS.Timeout | undefined;
	private livenessTimer: NodeJS.Timeout | undefined;
	private burstUntil = 0;
	private lastScanAt = 0;
	private lastFullScanAt = 0;
	private readonly directories = new DirectoryWatch(() => this.burst());
	private reconcileTimer: NodeJS.Timeout | undefined;
	private slowTimer: NodeJS.Timeout | undefined;
	private reconciling: Promise<void> | undefined;
	private reconcileAgain = false;
	private pendingInspect = new Set<string>();
	private stopped = false;
	private firstList: Promise<string | undefined> | undefined;
	/** The first scan finds what was already there: that is not news for the event log. */
	private firstScanDone = false;
	/** Containers whose conmon changed in /proc, awaiting podman's event: ID → deadline. */
	private readonly awaitingEvent = new Map<string, number>();
	/** This podman's store, from `podman info`: tells its conmons from other stores' and users'. */
	private storeRoots: PodmanStoreRoots | undefined;
	/** Containers whose conmon lives in this podman's store, by ID (learnt from conmon's arguments). */
	private readonly inStore = new Set<string>();
	/** UIDs of conmons and helpers by process key: read once per process, not every scan. */
	private uids = new Map<string, number | undefined>();

	constructor(
		private readonly podman: Podman,
		private readonly store: AppStore,
	) {
		store.setState({ bootTimeMs: this.bootTimeMs });
		this.events = new PodmanEventStream(podman, {
			onEvent: (event) => this.onEvent(event),
			onState: (state, detail) => this.onStreamState(state, detail),
		});
	}

	/**
	 * Starts everything; resolves when the first container list is in the store. `firstList`
	 * is a `podman ps -a --format json` already under way (started while the screen's code
	 * loaded), used for the first list instead of asking again.
	 */
	async start(firstList?: Promise<string | undefined>): Promise<void> {
		this.firstList = firstList;
		// Events first, so that nothing between the first `ps` and the stream is missed.
		this.events.start();
		this.scan();
		await this.reconcile({ full: true });
		// `podman info` is slow (~0.5 s): asked after the first screen is drawn.
		await this.readStoreRoots();
		if (this.storeRoots) this.directories.add(this.storeRoots.runRoot, true);
		this.scan();
		const state = this.store.getState();
		const live = Object.entries(state.history.generations).filter(([, list]) => currentGeneration(list));
		const known = live.filter(([id]) => state.containers[id]).length;
		const others = live.length - known;
		const counts = { version: state.podmanVersion ?? '', containers: Object.keys(state.containers).length, conmons: known };
		appendLog(this.store, [{
			at: Date.now(), tone: 'info', facts: { kind: 'watching' },
			text: others > 0 ? t('events.watchingWithOthers', { ...counts, others }) : t('events.watching', counts),
		}]);
		this.scheduleScan();
		this.livenessTimer = setInterval(() => this.checkLiveness(), LIVENESS_INTERVAL_MS);
		this.slowTimer = setInterval(() => void this.reconcile({ full: true }), SLOW_RECONCILE_INTERVAL_MS);
	}

	/**
	 * Scans at once when a live conmon of this podman (or an unmonitored container's process) is
	 * gone or a zombie. Other stores' and users' conmons wait for the safety scan: their churn must
	 * not keep this one busy.
	 */
	private checkLiveness(): void {
		const state = this.store.getState();
		const ours = (id: string): boolean => state.containers[id] !== undefined || this.inStore.has(id);
		const watched = [
			...Object.entries(state.history.generations).flatMap(([id, list]) => (ours(id) ? (currentGeneration(list) ?? []) : [])),
			...Object.values(state.history.execConmons).filter((e) => ours(e.containerId)),
		];
		const changed = watched.some((p) => !isAliveAs(p.pid, p.startTicks)) ||
			Object.values(state.unmonitored).some((pid) => !isAliveAs(pid, undefined));
		if (changed) this.burst();
	}

	/** Ends the events process, any podman query in flight, and every timer. */
	stop(): void {
		this.stopped = true;
		this.events.stop();
		this.abort.abort();
		this.directories.close();
		clearTimeout(this.scanTimer);
		clearInterval(this.livenessTimer);
		clearTimeout(this.reconcileTimer);
		clearInterval(this.slowTimer);
	}

	/** `podman info` names the store; without it every unlisted conmon is treated as foreign. */
	private async readStoreRoots(): Promise<void> {
		try {
			this.storeRoots = parseStoreRoots((await this.query(['info', '--format', 'json'])).stdout);
		} catch {
			this.storeRoots = undefined;
		}
	}

	/** Something is about to change (a key action ran): watch /proc closely for a while. */
	burst(): void {
		const now = Date.now();
		this.burstUntil = now + BURST_DURATION_MS;
		if (this.stopped) return;
		clearTimeout(this.scanTimer);
		// A flood of signals (inotify fires per file) costs one scan per burst interval, not one each.
		if (now - this.lastScanAt >= BURST_SCAN_INTERVAL_MS) this.scan('quick');
		this.scheduleScan();
	}

	/** Asks podman about these containers soon (debounced), and about the list. */
	refresh(ids: readonly string[] = []): void {
		for (const id of ids) this.pendingInspect.add(id);
		clearTimeout(this.reconcileTimer);
		this.reconcileTimer = setTimeout(() => void this.reconcile({ full: false }), RECONCILE_DEBOUNCE_MS);
	}

	private scheduleScan(): void {
		if (this.stopped) return;
		const bursting = Date.now() < this.burstUntil;
		this.scanTimer = setTimeout(() => {
			this.scan(bursting || Date.now() - this.lastFullScanAt < FULL_SCAN_INTERVAL_MS ? 'quick' : 'full');
			this.scheduleScan();
		}, bursting ? BURST_SCAN_INTERVAL_MS : SAFETY_SCAN_INTERVAL_MS);
	}

	private onEvent(event: PodmanEvent): void {
		this.awaitingEvent.delete(event.id);
		const entry = podmanEventEntry(event);
		if (entry) appendLog(this.store, [entry]);
		if (event.type !== 'container') return;
		if (event.status === 'died' && event.exitCode !== undefined) {
			const { history } = this.store.getState();
			const updated = recordExitCode(history, event.id, event.exitCode, event.timeMs);
			if (updated !== history) this.store.setState({ history: updated });
		}
		this.burst();
		this.refresh([event.id]);
	}

	private onStreamState(state: 'live' | 'lost', detail: { message?: string; resumed: boolean }): void {
		this.store.setState({ eventStream: state });
		if (state === 'lost') {
			appendLog(this.store, [{ at: Date.now(), tone: 'warn', text: t('events.streamLost', { reason: detail.message ?? '' }), facts: { kind: 'stream', status: 'lost' } }]);
			this.store.setState({ status: { tone: 'error', text: t('status.streamLost', { reason: detail.message ?? t('status.streamEnded') }) } });
		} else if (detail.resumed) {
			appendLog(this.store, [{ at: Date.now(), tone: 'good', text: t('events.streamRecovered'), facts: { kind: 'stream', status: 'recovered' } }]);
			this.store.setState({ status: { tone: 'ok', text: t('status.streamRecovered') } });
			// Whatever happened while it was down is in podman's state: read it all again.
			void this.reconcile({ full: true });
			this.burst();
		}
	}

	/**
	 * One /proc scan folded into the store: conmon generations appear and exit, the
	 * processes below conmons are kept, and running containers without a conmon are flagged.
	 */
	scan(depth: 'full' | 'quick' = 'full'): void {
		const now = Date.now();
		this.lastScanAt = now;
		if (depth === 'full') this.lastFullScanAt = now;
		const state = this.store.getState();
		// A quick scan re-reads only what conmon-tui shows; new processes are always read.
		const watched = depth === 'quick' ? new Set([...state.processes, ...state.helpers.map((h) => h.process)].map((p) => p.pid)) : undefined;
		const all = this.scanner.scan(watched);
		const conmons = findConmons(all);
		const helpers = findRootlessHelpers(all);
		this.readUids([...conmons.map((c) => c.process), ...helpers.map((h) => h.process)]);
		const children = indexChildren(all);
		const { history, changes } = observeConmons(
			state.history,
			conmons,
			(conmon) => containerPidOf(conmon, children),
			(ticks) => startTicksToMs(ticks, this.bootTimeMs),
			now,
		);
		const byPid = new Map(all.map((p) => [p.pid, p]));
		const unmonitored = findUnmonitored(Object.values(state.containers), history, byPid);
		const processes = processesUnderConmons(all, conmons);
		for (const pid of Object.values(unmonitored)) {
			const root = byPid.get(pid);
			if (root) processes.push(root, ...descendants(pid, children).map((d) => d.process));
		}

		const update: Partial<typeof state> = {};
		const provisional = this.provisionalContainers(conmons, state.containers, (conmon) => containerPidOf(conmon, children), now);
		if (provisional.length > 0) update.containers = { ...state.containers, ...Object.fromEntries(provisional.map((c) => [c.id, c])) };
		if (history !== state.history) update.history = history;
		if (processSignature(processes) !== processSignature(state.processes)) update.processes = processes;
		if (JSON.stringify(unmonitored) !== JSON.stringify(state.unmonitored)) update.unmonitored = unmonitored;
		if (processSignature(helpers.map((h) => h.process)) !== processSignature(state.helpers.map((h) => h.process))) update.helpers = helpers;
		if (Object.keys(update).length > 0) this.store.setState(update);
		const roots = this.storeRoots;
		for (const conmon of conmons) {
			if (!roots || !conmonInStore(conmon.args, roots)) continue;
			this.inStore.add(conmon.args.containerId);
			// conmon writes the exit file here the moment its container dies.
			if (conmon.args.exitDir && this.firstScanDone) this.directories.add(conmon.args.exitDir);
		}
		const news = this.firstScanDone;
		this.firstScanDone = true;
		if (news && changes.length > 0) {
			const names = this.store.getState().containers;
			appendLog(this.store, changes.map((change) => conmonChangeEntry(change, names[change.containerId]?.name)));
		}
		if (news) this.expectEvents(changes, state.containers, unmonitored, now);
	}

	/**
	 * A conmon of this podman's store whose container `podman ps` has not listed yet (it lists it
	 * a hundred milliseconds or more later): a row from what conmon's command line says, so that
	 * the conmon is on screen the moment it exists. The next `ps` replaces it with podman's view.
	 */
	private provisionalContainers(
		conmons: readonly ConmonProcess[],
		listed: AppState['containers'],
		containerPidOf: (conmon: ConmonProcess) => number | undefined,
		now: number,
	): Container[] {
		const roots = this.storeRoots;
		if (!roots) return [];
		return conmons
			.filter((c) => c.args.execSessionId === undefined && !isDead(c.process) && !listed[c.args.containerId] && conmonInStore(c.args, roots))
			.map((c) => ({
				id: c.args.containerId, name: c.args.name ?? shortId(c.args.containerId), image: '', command: [], state: 'running',
				exitCode: undefined, pid: containerPidOf(c), podmanConmonPid: undefined, createdAt: now, startedAt: startTicksToMs(c.process.startTicks, this.bootTimeMs),
				finishedAt: undefined, restartCount: undefined, execIds: [],
			}));
	}

	/** Fills in `uid` on these processes, reading /proc/PID/status only for processes not seen before. */
	private readUids(processes: ProcessInfo[]): void {
		const next = new Map<string, number | undefined>();
		for (const process of processes) {
			const key = processKey(process.pid, process.startTicks);
			const uid = this.uids.has(key) ? this.uids.get(key) : this.scanner.readStatus(process.pid)?.uid;
			next.set(key, uid);
			if (uid !== undefined) process.uid = uid;
		}
		this.uids = next;
	}

	/**
	 * A known container's conmon appeared or exited: podman owes an event for it. A conmon
	 * killed by hand (its container lives on, unmonitored) is the exception: podman never
	 * hears of that. An overdue event means the stream is stalled: it is restarted.
	 */
	private expectEvents(
		changes: readonly ConmonChange[],
		containers: AppState['containers'],
		unmonitored: Readonly<Record<string, number>>,
		now: number,
	): void {
		for (const change of changes) {
			if (change.kind !== 'appeared' && change.kind !== 'exited') continue;
			const ours = containers[change.containerId] !== undefined || this.inStore.has(change.containerId);
			if (!ours || unmonitored[change.containerId] !== undefined) continue;
			if (!this.awaitingEvent.has(change.containerId)) this.awaitingEvent.set(change.containerId, now + EVENT_SILENCE_LIMIT_MS);
			// A container of this store that podman has not listed yet: ask, whether or not events come.
			if (!containers[change.containerId]) this.refresh([change.containerId]);
		}
		const overdue = [...this.awaitingEvent].find(([, deadline]) => deadline < now);
		if (!overdue) return;
		this.awaitingEvent.clear();
		const name = containers[overdue[0]]?.name ?? shortId(overdue[0]);
		this.events.restart(t('status.streamStalled', { seconds: EVENT_SILENCE_LIMIT_MS / 1000, name }));
	}

	/**
	 * Reads containers from podman: `ps -a` for the list, `inspect` for what only inspect
	 * knows (ConmonPid, exec sessions) — for all containers on a full pass, else for those
	 * events named. Only one runs at a time; a request meanwhile runs once more after it.
	 */
	async reconcile({ full }: { full: boolean }): Promise<void> {
		if (this.reconciling) {
			this.reconcileAgain = true;
			if (full) this.pendingInspect.add('*');
			return this.reconciling;
		}
		this.reconciling = this.reconcileOnce(full).finally(() => {
			this.reconciling = undefined;
			if (this.reconcileAgain && !this.stopped) {
				this.reconcileAgain = false;
				void this.reconcile({ full: this.pendingInspect.has('*') });
			}
		});
		return this.reconciling;
	}

	private async reconcileOnce(full: boolean): Promise<void> {
		const wanted = full || this.pendingInspect.has('*') ? undefined : new Set(this.pendingInspect);
		this.pendingInspect.clear();
		try {
			const early = this.firstList ? await this.firstList : undefined;
			this.firstList = undefined;
			const listed = parsePsJson(early ?? (await this.query(['ps', '-a', '--format', 'json'])).stdout);
			const previous = this.store.getState().containers;
			const ids = listed.map((c) => c.id).filter((id) => !wanted || wanted.has(id) || !previous[id]);
			// What ps says is on screen at once; inspect's extra facts follow when it answers.
			if (!this.stopped && listed.some((c) => !previous[c.id] || previous[c.id]?.state !== c.state)) {
				setContainers(this.store, listed.map((c) => { const old = previous[c.id]; return old ? withFresh(old, c) : c; }));
			}
			const inspected = ids.length === 0 ? [] : await this.inspect(ids);
			// Containers not inspected this time keep what an earlier inspect knew.
			const inspectedIds = new Set(ids);
			const known = listed.flatMap((c) => { const old = previous[c.id]; return old && !inspectedIds.has(c.id) ? [withFresh(old, c)] : []; });
			const merged = mergeContainerViews(listed, [...inspected, ...known]);
			if (this.stopped) return;
			setContainers(this.store, merged);
			this.settleExitCodes(merged);
			const { history } = this.store.getState();
			const kept = forgetContainers(history, new Set(merged.map((c) => c.id)));
			if (kept !== history) this.store.setState({ history: kept });
			for (const id of this.inStore) if (!kept.generations[id]) this.inStore.delete(id);
		} catch (error) {
			if (this.stopped) return;
			const message = error instanceof PodmanError ? error.message : String(error);
			this.store.setState({ status: { tone: 'error', text: t('status.psFailed', { message }) } });
		}
	}

	/** inspect fails as a whole when one container vanished meanwhile; what it printed is still good. */
	private async inspect(ids: readonly string[]): Promise<Container[]> {
		try {
			return parseInspectJson((await this.query(['container', 'inspect', ...ids])).stdout);
		} catch (error) {
			if (error instanceof PodmanError && error.reason === 'failed') return [];
			throw error;
		}
	}

	private query(args: readonly string[]): ReturnType<Podman['run']> {
		return this.podman.run(args, { signal: this.abort.signal });
	}

	/** A container podman reports exited gives its exit code to the conmon generation that watched it. */
	private settleExitCodes(containers: readonly Container[]): void {
		let { history } = this.store.getState();
		for (const container of containers) {
			const last = history.generations[container.id]?.at(-1);
			if (!last || last.exitedAt === undefined || last.exitCode !== undefined) continue;
			if (container.exitCode === undefined || expectsConmon(container)) continue;
			history = recordExitCode(history, container.id, container.exitCode, container.finishedAt ?? Date.now());
		}
		if (history !== this.store.getState().history) this.store.setState({ history });
	}
}

/** ps (`fresh`, the same container) is fresher than an older inspect for state, PID and exit code. */
function withFresh(old: Container, fresh: Container): Container {
	const stateChanged = fresh.state !== old.state;
	return {
		...old,
		name: fresh.name,
		state: fresh.state,
		pid: fresh.pid,
		exitCode: fresh.exitCode,
		startedAt: fresh.startedAt ?? old.startedAt,
		finishedAt: fresh.finishedAt ?? old.finishedAt,
		podmanConmonPid: stateChanged ? undefined : old.podmanConmonPid,
	};
}

/**
 * Containers podman reports running (or paused) that have no live conmon while their
 * first process still lives: the conmon was killed and nothing monitors the container.
 */
export function findUnmonitored(
	containers: readonly Container[],
	history: ConmonHistory,
	byPid: ReadonlyMap<number, ProcessInfo>,
): Record<string, number> {
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
 * Cheap identity of a process list: changes whenever a process appears, exits, changes
 * state or parent, or exec()s (its name changes: `runc init` becomes `sleep`).
 */
function processSignature(processes: readonly ProcessInfo[]): string {
	return processes.map((p) => `${p.pid}@${p.startTicks}${p.state}${p.ppid}${p.comm}`).join(',');
}
