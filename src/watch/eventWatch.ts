import { t } from '../messages/i18n.js';
import { type ConmonChange, type ConmonHistory, recordExitCode } from '../model/conmonHistory.js';
import { shortId } from '../model/container.js';
import type { PodmanEvent } from '../podman/event.js';
import { PodmanEventStream } from '../podman/eventStream.js';
import type { Podman } from '../podman/podman.js';
import { podmanEventEntry } from '../present/eventLog.js';
import { type AppState, type AppStore, appendLog } from '../state/store.js';
import { alreadyReported, rememberEvent, type SeenEvent } from './eventExpectation.js';

/**
 * When /proc shows a known container's conmon start or exit, podman reports an event for
 * that container within a fraction of a second. None within this long: the events stream
 * is taken as stalled and restarted (a hung `podman events` looks exactly like a quiet one).
 */
export const EVENT_SILENCE_LIMIT_MS = 5_000;

/** What podman's events set off in the watcher's other jobs. */
export interface EventWatchHooks {
	/** Watch /proc closely for a while. */
	burst(): void;
	/** Ask podman soon about these containers and the list. */
	refresh(ids: readonly string[]): void;
	/** Read podman's whole state again (after the stream was down). */
	reconcileAll(): void;
	/** True for a container whose conmon lives in this podman's store. */
	inStore(containerId: string): boolean;
}

/**
 * Follows podman's events into the store (the event log, exit codes, the stream's state on the
 * status line), and watches the stream itself: a conmon change /proc shows for one of this
 * podman's containers must be followed by podman's event; an overdue one means the stream has
 * stalled, and it is restarted.
 */
export class EventWatch {
	private readonly stream: PodmanEventStream;
	/** Containers whose conmon changed in /proc, awaiting podman's event: ID → deadline. */
	private readonly awaitingEvent = new Map<string, number>();
	/** Each container's recent podman events: a conmon change podman already reported is not awaited. */
	private readonly seenEvents = new Map<string, SeenEvent[]>();

	constructor(
		podman: Podman,
		private readonly store: AppStore,
		private readonly hooks: EventWatchHooks,
	) {
		this.stream = new PodmanEventStream(podman, {
			onEvent: (event) => this.onEvent(event),
			onState: (state, detail) => this.onStreamState(state, detail),
		});
	}

	/** Starts `podman events`. */
	start(): void {
		this.stream.start();
	}

	/** Ends `podman events` and every retry. */
	stop(): void {
		this.stream.stop();
	}

	private onEvent(event: PodmanEvent): void {
		this.awaitingEvent.delete(event.id);
		if (event.type === 'container') this.seenEvents.set(event.id, rememberEvent(this.seenEvents.get(event.id), { status: event.status, timeMs: event.timeMs }));
		const entry = podmanEventEntry(event);
		if (entry) appendLog(this.store, [entry]);
		if (event.type !== 'container') return;
		if (event.status === 'died' && event.exitCode !== undefined) {
			const { history } = this.store.getState();
			const updated = recordExitCode(history, event.id, event.exitCode, event.timeMs);
			if (updated !== history) this.store.setState({ history: updated });
		}
		this.hooks.burst();
		this.hooks.refresh([event.id]);
	}

	private onStreamState(state: 'live' | 'lost', detail: { message?: string; resumed: boolean }): void {
		this.store.setState({ eventStream: state });
		if (state === 'lost') {
			appendLog(this.store, [
				{ at: Date.now(), tone: 'warn', text: t('events.streamLost', { reason: detail.message ?? '' }), facts: { kind: 'stream', status: 'lost' } },
			]);
			this.store.setState({ status: { tone: 'error', text: t('status.streamLost', { reason: detail.message ?? t('status.streamEnded') }) } });
		} else if (detail.resumed) {
			appendLog(this.store, [{ at: Date.now(), tone: 'good', text: t('events.streamRecovered'), facts: { kind: 'stream', status: 'recovered' } }]);
			this.store.setState({ status: { tone: 'ok', text: t('status.streamRecovered') } });
			// Whatever happened while it was down is in podman's state: read it all again.
			this.hooks.reconcileAll();
			this.hooks.burst();
		}
	}

	/**
	 * A known container's conmon appeared or exited: podman owes an event for it. A conmon
	 * killed by hand (its container lives on, unmonitored) is the exception: podman never
	 * hears of that. An overdue event means the stream is stalled: it is restarted.
	 */
	expectEvents(
		changes: readonly ConmonChange[],
		containers: AppState['containers'],
		history: ConmonHistory,
		unmonitored: Readonly<Record<string, number>>,
		now: number,
	): void {
		for (const change of changes) {
			if (change.kind !== 'appeared' && change.kind !== 'exited') continue;
			const ours = containers[change.containerId] !== undefined || this.hooks.inStore(change.containerId);
			if (!ours || unmonitored[change.containerId] !== undefined) continue;
			// Events can come before /proc shows the change: one already here settles it.
			const startedAt =
				change.kind === 'appeared' ? change.at : (history.generations[change.containerId]?.find((g) => g.pid === change.pid)?.startedAt ?? change.at);
			if (alreadyReported(change.kind, startedAt, this.seenEvents.get(change.containerId) ?? [])) continue;
			if (!this.awaitingEvent.has(change.containerId)) this.awaitingEvent.set(change.containerId, now + EVENT_SILENCE_LIMIT_MS);
			// A container of this store that podman has not listed yet: ask, whether or not events come.
			if (!containers[change.containerId]) this.hooks.refresh([change.containerId]);
		}
		const overdue = [...this.awaitingEvent].find(([, deadline]) => deadline < now);
		if (!overdue) return;
		this.awaitingEvent.clear();
		const name = containers[overdue[0]]?.name ?? shortId(overdue[0]);
		this.stream.restart(t('status.streamStalled', { seconds: EVENT_SILENCE_LIMIT_MS / 1000, name }));
	}

	/** Forgets the events of containers gone from both podman (`listed`) and /proc (`history`). */
	forgetGone(history: ConmonHistory, listed: ReadonlySet<string>): void {
		for (const id of this.seenEvents.keys()) if (!history.generations[id] && !listed.has(id)) this.seenEvents.delete(id);
	}
}
