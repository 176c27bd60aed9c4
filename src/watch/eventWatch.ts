import { t } from '../messages/i18n.js';
import { type ConmonChange, type ConmonHistory, recordExitCode } from '../model/conmonHistory.js';
import { shortId } from '../model/container.js';
import type { PodmanEvent } from '../podman/event.js';
import { EventFileStream } from '../podman/eventFileStream.js';
import type { EventSource, EventStreamHandlers } from '../podman/eventSource.js';
import { type ChosenEventSource, type PodmanEventsReason, sameSource } from '../podman/eventSourceChoice.js';
import { EVENT_RESUME_MARGIN_MS, PodmanEventStream } from '../podman/eventStream.js';
import type { Podman } from '../podman/podman.js';
import { RecentEvents } from '../podman/recentEvents.js';
import { podmanEventEntry } from '../present/eventLog.js';
import { type AppState, type AppStore, appendLog } from '../state/store.js';
import { alreadyReported, rememberEvent, type SeenEvent } from './eventExpectation.js';

/**
 * When /proc shows a known container's conmon start or exit, podman reports an event for
 * that container within a fraction of a second. None within this long: the events stream
 * is taken as stalled and restarted (a hung `podman events` looks exactly like a quiet one).
 */
export const EVENT_SILENCE_LIMIT_MS = 5_000;

/** A stream that seems back while podman does not answer (see confirmBack) is asked again this often. */
export const BACK_CHECK_INTERVAL_MS = 10_000;

/** What podman's events set off in the watcher's other jobs. */
export interface EventWatchHooks {
	/** Watch /proc closely for a while. */
	burst(): void;
	/** Ask podman soon about these containers and the list. */
	refresh(ids: readonly string[]): void;
	/** Read podman's whole state again (after the stream was down). */
	reconcileAll(): void;
	/** Whether podman answers now (asked when the stream seems back after an outage). */
	podmanAnswers(): Promise<boolean>;
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
	private stream: EventSource | undefined;
	/** Where the events come from: the messages about losing it differ. */
	private source: ChosenEventSource | undefined;
	/** Events from this time on are news (start's `sinceMs`). */
	private sinceMs = 0;
	/** The newest event delivered: a source taken over later (switchTo) starts a little before it. */
	private lastEventMs: number | undefined;
	/** The events delivered lately, from any source: every source admits its events here, so one that takes over does not deliver them again. */
	private readonly delivered = new RecentEvents();
	private stopped = false;
	/** The stream is lost and not live again yet: its loss is logged once per outage, not at every retry. */
	private outage = false;
	/** Losses so far: a confirmation of the way back that a loss overtook counts for nothing. */
	private losses = 0;
	/** The next question to podman while the stream seems back and podman has not answered. */
	private backCheck: NodeJS.Timeout | undefined;
	/** Containers whose conmon changed in /proc, awaiting podman's event: ID → deadline. */
	private readonly awaitingEvent = new Map<string, number>();
	/** Each container's recent podman events: a conmon change podman already reported is not awaited. */
	private readonly seenEvents = new Map<string, SeenEvent[]>();

	constructor(
		private readonly podman: Podman,
		private readonly store: AppStore,
		private readonly hooks: EventWatchHooks,
	) {}

	/**
	 * Starts following events from `source` (chooseEventSource), from `sinceMs` on: the events
	 * between the watcher's start and now are delivered too. Says in the event log which source it is.
	 */
	start(source: ChosenEventSource, sinceMs: number): void {
		if (this.stopped || this.stream) return;
		this.sinceMs = sinceMs;
		this.follow(source, sinceMs);
	}

	/**
	 * `podman info` answered late, and with it `source` was chosen (Watcher): followed from now on
	 * instead of the one chosen without it. Another kind takes over from a little before the last
	 * event delivered (what both deliver is delivered once); the same kind goes on, its reason said anew.
	 */
	switchTo(source: ChosenEventSource): void {
		if (this.stopped || !this.stream || sameSource(source, this.source)) return;
		if (source.kind === this.source?.kind) {
			this.source = source;
			this.saySource(source);
			return;
		}
		this.stream.stop();
		// The new source is not the old one coming back: an outage of the old one ends here, without a
		// "recovered" line, and what it may have missed is read again from podman's state.
		if (this.outage) {
			this.outage = false;
			clearTimeout(this.backCheck);
			const { status } = this.store.getState();
			if (status?.source === 'host' && status.tone === 'error') this.store.setState({ status: undefined });
			this.hooks.reconcileAll();
		}
		// Never from before the watcher's start: events older than that were never news (the old source skipped them).
		this.follow(source, Math.max(this.sinceMs, (this.lastEventMs ?? this.sinceMs) - EVENT_RESUME_MARGIN_MS));
	}

	private follow(source: ChosenEventSource, sinceMs: number): void {
		const handlers: EventStreamHandlers = {
			onEvent: (event) => this.onEvent(event),
			onState: (state, detail) => this.onStreamState(state, detail),
		};
		this.source = source;
		const stream =
			source.kind === 'file'
				? new EventFileStream(source.path, handlers, sinceMs, this.delivered)
				: new PodmanEventStream(this.podman, handlers, sinceMs, this.delivered);
		this.stream = stream;
		this.saySource(source);
		stream.start();
	}

	/** Says in the event log where events come from, and for `podman events` why. */
	private saySource(source: ChosenEventSource): void {
		const text = source.kind === 'file' ? t('events.sourceFile', { path: source.path }) : t('events.sourcePodman', { why: reasonText(source.reason) });
		appendLog(this.store, [{ at: Date.now(), tone: 'info', text, facts: { kind: 'events-source', status: source.kind } }]);
	}

	/** Ends the events source and every retry. */
	stop(): void {
		this.stopped = true;
		clearTimeout(this.backCheck);
		this.stream?.stop();
	}

	private onEvent(event: PodmanEvent): void {
		if (this.lastEventMs === undefined || event.timeMs > this.lastEventMs) this.lastEventMs = event.timeMs;
		// An event is the surest sign the stream is back.
		this.endOutage();
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
		const file = this.source?.kind === 'file';
		if (state === 'lost') {
			this.losses++;
			clearTimeout(this.backCheck);
			this.store.setState({ eventStream: 'lost' });
			// Retried with backoff (every 10 s at most) while the host is down: the log says it once
			// per outage, the status line keeps the latest reason.
			if (!this.outage) {
				this.outage = true;
				appendLog(this.store, [
					{
						at: Date.now(),
						tone: 'warn',
						text: t(file ? 'events.fileLost' : 'events.streamLost', { reason: detail.message ?? '' }),
						facts: { kind: 'stream', status: 'lost' },
					},
				]);
			}
			const statusReason = detail.message ?? t('status.streamEnded');
			this.store.setState({ status: { tone: 'error', text: t(file ? 'status.fileLost' : 'status.streamLost', { reason: statusReason }), source: 'host' } });
		} else if (this.outage) void this.confirmBack();
		else this.store.setState({ eventStream: 'live' });
	}

	/**
	 * The restarted stream is taken as live once it has run half a second quietly (podman prints
	 * nothing until an event); a far host's podman can take longer than that to fail (ssh, then
	 * the service's socket). So the outage ends when podman answers a question too (or an event
	 * comes), and no loss came meanwhile: one line for the way back, not one per retry.
	 */
	private async confirmBack(): Promise<void> {
		clearTimeout(this.backCheck);
		const losses = this.losses;
		const answers = await this.hooks.podmanAnswers();
		if (this.stopped || this.losses !== losses || !this.outage) return;
		if (answers) this.endOutage();
		// Still up, and podman did not answer (a slow failure not over yet, or a question that timed
		// out): asked again until one or the other gives, so a stream that is back is never left "lost".
		else this.backCheck = setTimeout(() => void this.confirmBack(), BACK_CHECK_INTERVAL_MS);
	}

	private endOutage(): void {
		if (!this.outage) return;
		this.outage = false;
		// An event ended it: no need to ask podman again (over ssh, for a far host).
		clearTimeout(this.backCheck);
		const file = this.source?.kind === 'file';
		appendLog(this.store, [
			{ at: Date.now(), tone: 'good', text: t(file ? 'events.fileRecovered' : 'events.streamRecovered'), facts: { kind: 'stream', status: 'recovered' } },
		]);
		this.store.setState({ eventStream: 'live', status: { tone: 'ok', text: t(file ? 'status.fileRecovered' : 'status.streamRecovered'), source: 'host' } });
		// Whatever happened while it was down is in podman's state: read it all again.
		this.hooks.reconcileAll();
		this.hooks.burst();
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
		this.stream?.restart(t('status.streamStalled', { seconds: EVENT_SILENCE_LIMIT_MS / 1000, name }));
	}

	/** Forgets the events of containers gone from both podman (`listed`) and /proc (`history`). */
	forgetGone(history: ConmonHistory, listed: ReadonlySet<string>): void {
		for (const id of this.seenEvents.keys()) if (!history.generations[id] && !listed.has(id)) this.seenEvents.delete(id);
	}
}

/** Why `podman events` was chosen, for the event log. */
function reasonText(reason: PodmanEventsReason): string {
	switch (reason.why) {
		case 'logger':
			return t('events.whyLogger', { logger: reason.logger });
		case 'no-info':
			return t('events.whyNoInfo');
		case 'remote':
			return t('events.whyRemote');
		case 'no-path':
			return t('events.whyNoPath');
		case 'unreadable':
			return t('events.whyUnreadable', { path: reason.path });
		case 'asked':
			return t('events.whyAsked');
	}
}
