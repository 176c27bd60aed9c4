import { createInterface } from 'node:readline';
import { t } from '../messages/i18n.js';
import { eventsArgs } from './commands.js';
import { type PodmanEvent, parsePodmanEvent } from './event.js';
import type { EventSource, EventStreamHandlers } from './eventSource.js';
import type { Podman } from './podman.js';
import { RecentEvents } from './recentEvents.js';

/** Waits before restarting an events source that ended, growing per failure in a row. */
export const EVENT_STREAM_BACKOFF_MS = [250, 500, 1_000, 2_000, 5_000, 10_000] as const;
/** A resume asks for events from a little before the last one seen, so that nothing falls in between. */
export const EVENT_RESUME_MARGIN_MS = 1_000;

/**
 * Follows `podman events --format json`. When the podman process ends (crash, kill,
 * podman upgrade), it is restarted with backoff and resumed with `--since` from the last
 * event seen; replayed duplicates are dropped.
 */
export class PodmanEventStream implements EventSource {
	private readonly abort = new AbortController();
	/** Where a resumed stream starts: the newest event seen, or when the first stream started. */
	private resumeFromMs: number | undefined;
	private failures = 0;
	private retryTimer: NodeJS.Timeout | undefined;
	private stopped = false;
	private current: ReturnType<Podman['spawn']> | undefined;
	private restartReason: string | undefined;

	/** @param firstSinceMs the first stream starts from this time (`--since`), so that nothing before it starts is missed; default: from now. */
	constructor(
		private readonly podman: Podman,
		private readonly handlers: EventStreamHandlers,
		private readonly firstSinceMs?: number,
		/** The events delivered lately: shared with a source that takes over, which then does not deliver them again. */
		private readonly recent = new RecentEvents(),
	) {}

	/** Starts following events (from `firstSinceMs` if given). */
	start(): void {
		this.connect(false);
	}

	/**
	 * Ends the running `podman events` (it looks stalled) so that it is restarted and
	 * resumed from the last event, as after a crash; `reason` is what the status line says.
	 */
	restart(reason: string): void {
		if (this.stopped || !this.current) return;
		this.restartReason = reason;
		this.current.kill('SIGKILL');
	}

	/** Ends the podman process and every retry. */
	stop(): void {
		this.stopped = true;
		if (this.retryTimer) clearTimeout(this.retryTimer);
		this.abort.abort();
	}

	private connect(resumed: boolean): void {
		if (this.stopped) return;
		const since =
			this.resumeFromMs !== undefined
				? new Date(this.resumeFromMs - EVENT_RESUME_MARGIN_MS).toISOString()
				: this.firstSinceMs === undefined
					? undefined
					: new Date(this.firstSinceMs).toISOString();
		this.resumeFromMs ??= this.firstSinceMs ?? Date.now();
		const args = eventsArgs(since);
		const child = this.podman.spawn(args, this.abort.signal);
		this.current = child;
		let announced = false;
		const announce = (): void => {
			if (announced) return;
			announced = true;
			this.handlers.onState('live', { resumed });
		};
		// podman prints nothing until an event happens; count it as live once it has run a moment.
		const liveTimer = setTimeout(announce, 500);
		let stderr = '';
		child.stderr?.on('data', (chunk: Buffer) => {
			stderr = (stderr + chunk.toString()).slice(-2_000);
		});
		if (child.stdout) {
			const lines = createInterface({ input: child.stdout });
			lines.on('line', (line) => {
				const event = parsePodmanEvent(line);
				if (!event) return;
				announce();
				this.failures = 0;
				this.deliver(event);
			});
		}
		void child.then((result) => {
			clearTimeout(liveTimer);
			if (this.stopped || this.current !== child) return;
			this.current = undefined;
			const why = this.restartReason ?? (stderr.trim().split('\n').at(-1) || t('podman.eventsExited', { how: result.exitCode ?? result.signal ?? '?' }));
			this.restartReason = undefined;
			const delay = EVENT_STREAM_BACKOFF_MS[Math.min(this.failures, EVENT_STREAM_BACKOFF_MS.length - 1)] ?? 10_000;
			this.failures++;
			this.handlers.onState('lost', { message: why, resumed, retryInMs: delay });
			this.retryTimer = setTimeout(() => this.connect(true), delay);
		});
	}

	private deliver(event: PodmanEvent): void {
		if (this.firstSinceMs !== undefined && event.timeMs < this.firstSinceMs) return;
		if (!this.recent.admit(event)) return;
		if (this.resumeFromMs === undefined || event.timeMs > this.resumeFromMs) this.resumeFromMs = event.timeMs;
		this.handlers.onEvent(event);
	}
}
