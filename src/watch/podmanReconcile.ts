import { setImmediate } from 'node:timers/promises';
import { t } from '../messages/i18n.js';
import { type ConmonHistory, forgetContainers, recordExitCode } from '../model/conmonHistory.js';
import { type Container, expectsConmon } from '../model/container.js';
import { inspectContainersArgs, listContainersArgs } from '../podman/commands.js';
import { mergeContainerViews, parseInspectJson, parsePsJson } from '../podman/containerJson.js';
import { PodmanError, type PodmanOutput } from '../podman/podman.js';
import { quoteCommandWords } from '../present/commandWords.js';
import { podmanFailed } from '../state/hostStatus.js';
import { setContainers } from '../state/selection.js';
import type { AppStore } from '../state/store.js';

/** Events come in bursts (create, init, start); podman is asked once per burst. */
export const RECONCILE_DEBOUNCE_MS = 80;
/**
 * A full `podman ps` + `inspect` this often, in case an event was missed: a safety net only (a
 * stalled stream is caught sooner, from /proc), so rare enough to cost nothing while idle.
 */
export const SLOW_RECONCILE_INTERVAL_MS = 300_000;

/**
 * Brings podman's view of the containers into the store: `ps -a` for the list, `inspect` for
 * what only inspect knows (ConmonPid, exec sessions). Asked on events (debounced), on a slow
 * timer, and at start; one at a time, and a request meanwhile runs once more after it.
 */
export class PodmanReconcile {
	private reconcileTimer: NodeJS.Timeout | undefined;
	private slowTimer: NodeJS.Timeout | undefined;
	private reconciling: Promise<void> | undefined;
	private reconcileAgain = false;
	private readonly pendingInspect = new Set<string>();
	private stopped = false;
	/** A `podman ps -a --format json` already under way at start, used for the first list. */
	private firstList: Promise<string | undefined> | undefined;

	/**
	 * `query` runs a podman query (canceled at stop); `onListed` is told the history kept and the
	 * containers podman lists after each pass, for the watcher's other jobs to forget the rest.
	 */
	constructor(
		private readonly store: AppStore,
		private readonly query: (args: readonly string[]) => Promise<PodmanOutput>,
		private readonly onListed: (history: ConmonHistory, listed: ReadonlySet<string>) => void,
	) {}

	/** Uses `firstList` (a `podman ps -a --format json` started early) for the first list instead of asking again. */
	takeFirstList(firstList: Promise<string | undefined> | undefined): void {
		this.firstList = firstList;
	}

	/** Starts the slow safety-net pass. */
	startSlowTimer(): void {
		if (this.stopped) return;
		this.slowTimer = setInterval(() => void this.reconcile({ full: true }), SLOW_RECONCILE_INTERVAL_MS);
	}

	/** Ends the timers; a pass in flight ends with its canceled query and writes nothing more. */
	stop(): void {
		this.stopped = true;
		clearTimeout(this.reconcileTimer);
		clearInterval(this.slowTimer);
	}

	/** Asks podman about these containers soon (debounced), and about the list. */
	refresh(ids: readonly string[] = []): void {
		// After stop (a lesson's clean-up at exit still reports its change): nobody is watching any more.
		if (this.stopped) return;
		for (const id of ids) this.pendingInspect.add(id);
		clearTimeout(this.reconcileTimer);
		this.reconcileTimer = setTimeout(() => void this.reconcile({ full: false }), RECONCILE_DEBOUNCE_MS);
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
			const listed = parsePsJson(early ?? (await this.query(listContainersArgs())).stdout);
			// podman answers again: a failure it said before no longer stands as the host's problem.
			if (this.store.getState().podmanFailure !== undefined) this.store.setState({ podmanFailure: undefined });
			const previous = this.store.getState().containers;
			const ids = listed.map((c) => c.id).filter((id) => !wanted || wanted.has(id) || !previous[id]);
			// What ps says is on screen at once; inspect's extra facts follow when it answers.
			if (!this.stopped && listed.some((c) => !previous[c.id] || previous[c.id]?.state !== c.state)) {
				setContainers(
					this.store,
					listed.map((c) => {
						const old = previous[c.id];
						return old ? withFresh(old, c) : c;
					}),
				);
				// "At once": the screen draws in a promise's continuation (the first frame waits for this
				// list), and starting inspect takes the one thread for tens of milliseconds (execa's
				// spawn): a turn of the event loop first lets the frame go before it.
				await setImmediate();
				// Quit meanwhile: no inspect is started after stop.
				if (this.stopped) return;
			}
			const inspected = ids.length === 0 ? [] : await this.inspect(ids);
			// Containers not inspected this time keep what an earlier inspect knew.
			const inspectedIds = new Set(ids);
			const known = listed.flatMap((c) => {
				const old = previous[c.id];
				return old && !inspectedIds.has(c.id) ? [withFresh(old, c)] : [];
			});
			const merged = mergeContainerViews(listed, [...inspected, ...known]);
			if (this.stopped) return;
			setContainers(this.store, merged);
			this.settleExitCodes(merged);
			const { history } = this.store.getState();
			const kept = forgetContainers(history, new Set(merged.map((c) => c.id)));
			if (kept !== history) this.store.setState({ history: kept });
			this.onListed(kept, new Set(merged.map((c) => c.id)));
		} catch (error) {
			if (this.stopped) return;
			const message = error instanceof PodmanError ? error.message : String(error);
			const far = this.store.getState().farSide;
			// A far podman: say which host, and the exact command to try by hand (its service may be down).
			const text =
				far && error instanceof PodmanError
					? t('far.podmanFailed', { label: far.label, message, command: quoteCommandWords(error.command) })
					: t('status.psFailed', { message });
			this.store.setState(podmanFailed(text));
		}
	}

	/**
	 * inspect fails as a whole when one container vanished meanwhile: that is routine, and ps's
	 * view stands. Any other failure is said on the status line; ps's view stands too.
	 */
	private async inspect(ids: readonly string[]): Promise<Container[]> {
		try {
			return parseInspectJson((await this.query(inspectContainersArgs(ids))).stdout);
		} catch (error) {
			if (!(error instanceof PodmanError) || error.reason !== 'failed') throw error;
			if (!/no such container/i.test(error.message) && !this.stopped) {
				this.store.setState(podmanFailed(t('status.inspectFailed', { message: error.message })));
			}
			return [];
		}
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
