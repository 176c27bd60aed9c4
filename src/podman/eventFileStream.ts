import { t } from '../messages/i18n.js';
import { parsePodmanEvent } from './event.js';
import { EventFileTail, type TailPosition } from './eventFileTail.js';
import type { EventSource, EventStreamHandlers } from './eventSource.js';
import { EVENT_STREAM_BACKOFF_MS } from './eventStream.js';
import { RecentEvents } from './recentEvents.js';

/**
 * Follows podman's events file directly (events_logger = "file"), so no `podman events` child
 * polls it: podman 4.3 and 5.4 tail it by polling (nxadm/tail with `Poll: true`), which costs
 * ~0.5 % of a core while nothing happens. The lines are the JSON of libpod's Event (Time as
 * RFC 3339), parsed by the same parser as `podman events --format json`.
 *
 * When the file or its directory cannot be read, the loss is reported and the file reopened
 * with backoff, continuing from the offset where it stopped. Lines read again (the first
 * read, a rotated or truncated file) pass two filters: nothing older than the start, and
 * nothing already delivered.
 */
export class EventFileStream implements EventSource {
	private tail: EventFileTail | undefined;
	private position: TailPosition | undefined;
	private failures = 0;
	private retryTimer: NodeJS.Timeout | undefined;
	private stopped = false;

	/**
	 * @param path podman's events file (parseEventsFilePath).
	 * @param sinceMs events before this time are not news (the first container list shows their result).
	 */
	constructor(
		private readonly path: string,
		private readonly handlers: EventStreamHandlers,
		private readonly sinceMs = Date.now(),
		/** The events delivered lately: shared with a source this one took over from (or that takes over). */
		private readonly recent = new RecentEvents(),
	) {}

	/** Opens the file and follows it; lines already there are delivered if they are newer than `sinceMs`. */
	start(): void {
		this.open(false);
	}

	/** Closes the file as if it broke (it looks stalled) and reopens it from the same offset. */
	restart(reason: string): void {
		if (this.stopped || !this.tail) return;
		this.lose(reason);
	}

	/** Closes the file and ends every retry. */
	stop(): void {
		this.stopped = true;
		if (this.retryTimer) clearTimeout(this.retryTimer);
		this.tail?.stop();
		this.tail = undefined;
	}

	private open(resumed: boolean): void {
		if (this.stopped) return;
		const tail = new EventFileTail(this.path, {
			onLines: (lines, reread) => this.deliver(lines, reread),
			onError: (error) => {
				if (this.tail !== tail) return;
				this.lose(t('podman.eventsFileUnreadable', { path: this.path, reason: errorText(error) }));
			},
		});
		this.tail = tail;
		try {
			tail.start(this.position);
		} catch (error) {
			if (this.tail === tail) this.lose(t('podman.eventsFileUnreadable', { path: this.path, reason: errorText(error) }));
			return;
		}
		if (this.tail !== tail) return;
		this.failures = 0;
		this.handlers.onState('live', { resumed });
	}

	private lose(message: string): void {
		const tail = this.tail;
		this.tail = undefined;
		this.position = tail?.position() ?? this.position;
		tail?.stop();
		const delay = EVENT_STREAM_BACKOFF_MS[Math.min(this.failures, EVENT_STREAM_BACKOFF_MS.length - 1)] ?? 10_000;
		this.failures++;
		this.handlers.onState('lost', { message, resumed: true, retryInMs: delay });
		this.retryTimer = setTimeout(() => this.open(true), delay);
	}

	private deliver(lines: readonly string[], reread: boolean): void {
		for (const line of lines) {
			const event = parsePodmanEvent(line);
			if (!event || event.timeMs < this.sinceMs) continue;
			// A line read again after a rotation that is older than events already forgotten was delivered then.
			if (reread && this.recent.mayHaveForgotten(event)) continue;
			if (!this.recent.admit(event)) continue;
			this.handlers.onEvent(event);
			if (this.stopped) return;
		}
	}
}

/** `ENOENT: no such file or directory, watch '/run/libpod/events'` → the errno code and message, without a stack. */
function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
