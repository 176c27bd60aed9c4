import { t } from '../messages/i18n.js';
import { currentGeneration } from '../model/conmonHistory.js';
import { storeInfoArgs, versionJsonArgs } from '../podman/commands.js';
import { type EventsInfo, parseEventsInfo } from '../podman/eventSource.js';
import { type ChosenEventSource, chooseEventSource } from '../podman/eventSourceChoice.js';
import { eventsFlow } from '../podman/eventsBackend.js';
import type { Podman, PodmanOutput } from '../podman/podman.js';
import { type PodmanStoreRoots, parseStoreRoots } from '../podman/storeRoots.js';
import { parseVersionJson } from '../podman/version.js';
import { podmanVersionText } from '../present/podmanVersionText.js';
import { HeldLiveness } from '../proc/liveness.js';
import { type ProcessInfo, processKey } from '../proc/parse.js';
import { ProcScanner, readBootTimeMs } from '../proc/read.js';
import type { FarProcesses } from '../proc/reader.js';
import { indexScan, type ScanIndex } from '../proc/scanIndex.js';
import { setScanned } from '../state/selection.js';
import { type AppStore, appendLog } from '../state/store.js';
import { DirectoryWatch } from './directoryWatch.js';
import { EventWatch } from './eventWatch.js';
import { FarWatch } from './farWatch.js';
import { InfoRetry } from './infoRetry.js';
import { PodmanReconcile } from './podmanReconcile.js';
import { foldScan } from './scanFold.js';
import { type ScanDepth, ScanPacer, watchedProcessGone } from './scanPacing.js';

/** How the watcher follows podman's events. */
export interface WatcherOptions {
	/** Use `podman events` even where podman's events file could be followed directly (CONMON_TUI_EVENTS=podman). */
	forcePodmanEvents?: boolean;
}

/**
 * Feeds the store: follows podman events, asks podman for container state on events and
 * on a slow timer, and scans /proc for conmons and their processes. The jobs live in their
 * own files (scanPacing, eventWatch, scanFold, podmanReconcile, directoryWatch); this class owns
 * the children, timers and /proc reads they share, and wires them. One podman query at a time for
 * the containers' state (besides them: the version, asked beside the first list and while the events
 * stream's outage waits for podman to answer, and `podman info` while it has not answered, InfoRetry)
 * and one scan at a time; every timer and child is ended by stop().
 */
export class Watcher {
	/** Set by stop(): a start() still awaiting podman then starts nothing more. */
	private stopped = false;
	private readonly scanner = new ProcScanner();
	private bootTimeMs: number | undefined;
	private readonly abort = new AbortController();
	private readonly pacer = new ScanPacer(
		(depth) => void this.scan(depth),
		// Far processes cannot be checked between scans without a round trip: the scans pace themselves.
		() => !this.far && this.watchedGone(),
	);
	/** The liveness check's statm files, held open between checks. */
	private readonly liveness = new HeldLiveness();
	/** `podman info` asked again while it has not answered (start asks it first). */
	private readonly infoRetry = new InfoRetry(
		() => this.askInfo(),
		(infoJson) => void this.infoAnsweredLate(infoJson),
	);
	/** The far side's scans, when podman is a far host's (`--connection`); undefined: this machine's /proc. */
	private readonly far: FarWatch | undefined;
	private readonly directories = new DirectoryWatch(() => this.burst());
	private readonly events: EventWatch;
	private readonly podmanView: PodmanReconcile;
	/** The first scan finds what was already there: that is not news for the event log. */
	private firstScanDone = false;
	/** This podman's store, from `podman info`: tells its conmons from other stores' and users'. */
	private storeRoots: PodmanStoreRoots | undefined;
	/** Containers whose conmon lives in this podman's store, by ID (learnt from conmon's arguments). */
	private readonly inStore = new Set<string>();
	/** UIDs of conmons and helpers by process key: read once per process, not every scan. */
	private uids = new Map<string, number | undefined>();

	constructor(
		private readonly podman: Podman,
		private readonly store: AppStore,
		farProcesses?: FarProcesses,
		private readonly options: WatcherOptions = {},
	) {
		this.far = farProcesses ? new FarWatch(farProcesses, store, (all, depth) => this.fold(all, depth)) : undefined;
		this.bootTimeMs = this.far ? undefined : readBootTimeMs();
		store.setState({ bootTimeMs: this.bootTimeMs });
		this.podmanView = new PodmanReconcile(
			store,
			(args) => this.query(args),
			(history, listed) => {
				for (const id of this.inStore) if (!history.generations[id]) this.inStore.delete(id);
				this.events.forgetGone(history, listed);
				// podman answers `ps` again: a far service whose version did not come (down at start) is asked again.
				if (this.versionUnanswered) void this.askVersion();
			},
		);
		this.events = new EventWatch(podman, store, {
			burst: () => this.burst(),
			refresh: (ids) => this.refresh(ids),
			reconcileAll: () => void this.reconcile({ full: true }),
			podmanAnswers: () => this.askVersion(),
			inStore: (id) => this.inStore.has(id),
		});
	}

	/**
	 * Starts everything; resolves when the first container list is in the store. `firstList`
	 * is a `podman ps -a --format json` already under way (started while the screen's code
	 * loaded), used for the first list instead of asking again.
	 */
	async start(firstList?: Promise<string | undefined>): Promise<void> {
		// Events are followed from now: those that happen before the source is chosen (it needs
		// `podman info`) are delivered once it starts, so nothing between the first `ps` and it is missed.
		const eventsSinceMs = Date.now();
		const serverVersion = this.readServerVersion();
		this.podmanView.takeFirstList(firstList);
		this.scan();
		await this.reconcile({ full: true });
		// `podman info` is slow (~0.5 s): asked after the first screen is drawn.
		const infoJson = await this.askInfo();
		const source = await this.chooseSource(infoJson === undefined ? undefined : this.applyInfo(infoJson));
		// Quit while podman was answering: start nothing more.
		if (this.stopped) return;
		this.events.start(source, eventsSinceMs);
		// No answer: asked again (InfoRetry), and what it says then is applied as if it had come now.
		if (infoJson === undefined) this.infoRetry.start();
		await this.scan();
		if (this.stopped) return;
		this.pacer.start();
		this.podmanView.startSlowTimer();
		// The watching line names the far service's version: a slow far host must not hold back the scans meanwhile.
		await serverVersion;
		if (this.stopped) return;
		const state = this.store.getState();
		const live = Object.entries(state.history.generations).filter(([, list]) => currentGeneration(list));
		const known = live.filter(([id]) => state.containers[id]).length;
		const others = live.length - known;
		const counts = {
			version: podmanVersionText(state.podmanVersion, state.farSide) ?? '',
			containers: Object.keys(state.containers).length,
			// No far /proc: how many conmons run is not known, not zero.
			conmons: state.farSide?.procUnknown ? '?' : known,
		};
		appendLog(this.store, [
			{
				at: Date.now(),
				tone: 'info',
				facts: { kind: 'watching' },
				text: others > 0 ? t('events.watchingWithOthers', { ...counts, others }) : t('events.watching', counts),
			},
		]);
	}

	/** Ends the events source, any podman query in flight, and every timer. */
	stop(): void {
		this.stopped = true;
		this.infoRetry.stop();
		this.podmanView.stop();
		this.events.stop();
		this.abort.abort();
		this.directories.close();
		this.pacer.stop();
		this.liveness.close();
		this.scanner.close();
		this.far?.stop();
	}

	/** The liveness check (scanPacing): a watched conmon of this podman gone or a zombie. */
	private watchedGone(): boolean {
		const state = this.store.getState();
		const gone = watchedProcessGone(
			state,
			(id) => state.containers[id] !== undefined || this.inStore.has(id),
			(pid, startTicks) => this.liveness.isAliveAs(pid, startTicks),
		);
		this.liveness.endRound();
		return gone;
	}

	/** Something is about to change (a key action ran): watch /proc closely for a while. */
	burst(): void {
		this.pacer.burst();
	}

	/** Asks podman about these containers soon (debounced), and about the list. */
	refresh(ids: readonly string[] = []): void {
		this.podmanView.refresh(ids);
	}

	/** Reads containers from podman (`ps -a`, then `inspect`): see PodmanReconcile.reconcile. */
	reconcile(options: { full: boolean }): Promise<void> {
		return this.podmanView.reconcile(options);
	}

	/**
	 * One /proc scan folded into the store (scanFold): conmon generations appear and exit, the
	 * processes below conmons are kept, and running containers without a conmon are flagged.
	 */
	scan(depth: ScanDepth = 'full'): undefined | Promise<void> {
		this.pacer.scanned(depth, Date.now());
		// A far scan is a round trip: it folds when its answer comes (one at a time, see FarWatch).
		if (this.far) return this.far.scan(depth);
		const state = this.store.getState();
		// A quick scan re-reads only what conmon-tui shows; new processes are always read.
		const watched = depth === 'quick' ? new Set([...state.processes, ...state.helpers.map((h) => h.process)].map((p) => p.pid)) : undefined;
		const all = this.scanner.scan(watched);
		// Only the conmons' and helpers' UIDs are read: every process's would cost a status read each.
		this.fold(
			all,
			depth,
			indexScan(all, (found) => this.readUids(found)),
		);
		return undefined;
	}

	/** Folds one scan's processes into the store (scanFold); a far scan's are indexed here. */
	private fold(all: ProcessInfo[], _depth: ScanDepth, index: ScanIndex = indexScan(all)): void {
		const now = Date.now();
		if (this.far) this.bootTimeMs = this.far.bootTimeMs();
		const state = this.store.getState();
		const first = !this.firstScanDone;
		const fold = foldScan(state, { processes: all, bootTimeMs: this.bootTimeMs ?? 0, storeRoots: this.storeRoots, first, index }, now);
		if (state.bootTimeMs !== this.bootTimeMs) this.store.setState({ bootTimeMs: this.bootTimeMs });
		if (Object.keys(fold.update).length > 0) setScanned(this.store, fold.update);
		for (const id of fold.inStore) this.inStore.add(id);
		if (!this.far) for (const dir of fold.exitDirs) this.directories.add(dir);
		this.firstScanDone = true;
		if (fold.log.length > 0) appendLog(this.store, fold.log);
		if (!first) this.events.expectEvents(fold.changes, state.containers, fold.history, fold.unmonitored, now);
	}

	/** `podman info --format json`, or undefined when podman did not answer (it is asked again: InfoRetry). */
	private async askInfo(): Promise<string | undefined> {
		try {
			return (await this.query(storeInfoArgs())).stdout;
		} catch {
			return undefined;
		}
	}

	/**
	 * What `podman info` says, applied: it names the store (until then no conmon counts as this store's
	 * or as another's) and the events backend, which decides where events come from; with none, no
	 * event will ever come. Returns what it says about events, for chooseEventSource.
	 */
	private applyInfo(infoJson: string): EventsInfo | undefined {
		if (this.stopped) return undefined;
		this.storeRoots = parseStoreRoots(infoJson);
		const eventsInfo = parseEventsInfo(infoJson);
		const eventsBackend = eventsInfo?.eventLogger;
		this.store.setState({ eventsBackend });
		if (!eventsFlow(eventsBackend)) {
			appendLog(this.store, [{ at: Date.now(), tone: 'warn', facts: { kind: 'watching' }, text: t('setups.events.noneLog') }]);
		}
		// inotify sees only this machine's files: a far store's paths may even exist here by chance.
		if (this.storeRoots && !this.far) this.directories.add(this.storeRoots.runRoot, true);
		return eventsInfo;
	}

	/** Where events come from, given what `podman info` said of them (undefined: it did not answer). */
	private chooseSource(eventsInfo: EventsInfo | undefined): Promise<ChosenEventSource> {
		return chooseEventSource(this.podman, eventsInfo, {
			// A far podman's events file is on the far host (a local file of that path may even be another store's).
			remote: this.far !== undefined,
			forcePodmanEvents: this.options.forcePodmanEvents ?? false,
			signal: this.abort.signal,
		});
	}

	/**
	 * `podman info` answered after the start had to go on without it: applied as if it had answered
	 * first. The events source is chosen again (the file may now be followed), and /proc scanned
	 * again, so this store's conmons are told from others' at once.
	 */
	private async infoAnsweredLate(infoJson: string): Promise<void> {
		const source = await this.chooseSource(this.applyInfo(infoJson));
		if (this.stopped) return;
		this.events.switchTo(source);
		await this.scan();
	}

	/**
	 * A far podman's own version (`podman version`'s Server: `podman --version` is this machine's
	 * client) into the store; a service that does not answer leaves it unknown (`?`) until it answers (podmanAnswers).
	 * Nothing to ask locally: client and service are the same binary.
	 */
	async readServerVersion(): Promise<void> {
		if (this.far) await this.askVersion();
	}

	/** A far service's last `podman version` that did not answer: asked again when `ps` answers. */
	private versionUnanswered = false;
	private versionAsked: Promise<boolean> | undefined;

	/** podmanAnswers, one at a time: the start, the events stream's outage and a `ps` that answers may all ask. */
	private askVersion(): Promise<boolean> {
		this.versionAsked ??= this.podmanAnswers().then((answers) => {
			this.versionAsked = undefined;
			this.versionUnanswered = this.far !== undefined && !answers;
			return answers;
		});
		return this.versionAsked;
	}

	/**
	 * Whether podman answers now: `podman version`, which a remote client asks of its service. A far
	 * service's version is kept from the answer, so one down at start (the header's `?`) gets its
	 * version when it comes back.
	 */
	private async podmanAnswers(): Promise<boolean> {
		let stdout: string;
		try {
			stdout = (await this.query(versionJsonArgs())).stdout;
		} catch {
			return false;
		}
		const server = this.far ? parseVersionJson(stdout).server : undefined;
		const farSide = this.store.getState().farSide;
		if (server !== undefined && farSide && !this.stopped) this.store.setState({ farSide: { ...farSide, serverVersion: server } });
		return true;
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

	private query(args: readonly string[]): Promise<PodmanOutput> {
		return this.podman.run(args, { signal: this.abort.signal });
	}
}
