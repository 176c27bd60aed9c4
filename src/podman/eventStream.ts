import { createInterface } from 'node:readline';
import { t } from '../messages/i18n.js';
import { eventsArgs } from './commands.js';
import { eventKey, type PodmanEvent, parsePodmanEvent } from './event.js';
import type { Podman } from './podman.js';

/** Waits before restarting a `podman events` process that ended, growing per failure in a row. */
export const EVENT_STREAM_BACKOFF_MS = [250, 500, 1_000, 2_000, 5_000, 10_000] as const;
/** How many recent event keys are kept to drop the duplicates a `--since` resume replays. */
export const EVENT_DEDUP_WINDOW = 2_000;
/** A resume asks for events from a little before the last one seen, so that nothing falls in between. */
export const EVENT_RESUME_MARGIN_MS = 1_000;

export type EventStreamState = 'live' | 'lost';

export interface EventStreamHandlers {
	onEvent(event: PodmanEvent): void;
	/**
	 * `lost` when the podman process ended, with the wait before the next try; `live` again once its
	 * successor runs. `resumed` is true after a loss.
	 */
	onState(state: EventStreamState, detail: { message?: string; resumed: boolean; retryInMs?: number }): void;
}

/**
 * Follows `podman events --format json`. When the podman process ends (crash, kill,
 * podman upgrade), it is restarted with backoff and resumed with `--since` from the last
 * event seen; replayed duplicates are dropped.
 */
export class PodmanEventStream {
	private readonly abort = new AbortController();
	/** Where a resumed stream starts: the newest event seen, or when the first stream started. */
	private resumeFromMs: number | undefined;
	private readonly seenKeys = new Set<string>();
	private failures = 0;
	private retryTimer: NodeJS.Timeout | undefined;
	private stopped = false;
	private current: ReturnType<Podman['spawn']> | undefined;
	private restartReason: string | undefined;

	constructor(
		private readonly podman: Podman,
		private readonly handlers: EventStreamHandlers,
	) {}

	/** Starts following events from now. */
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
		const since = this.resumeFromMs === undefined ? undefined : new Date(this.resumeFromMs - EVENT_RESUME_MARGIN_MS).toISOString();
		this.resumeFromMs ??= Date.now();
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
		const key = eventKey(event);
		if (this.seenKeys.has(key)) return;
		this.seenKeys.add(key);
		if (this.seenKeys.size > EVENT_DEDUP_WINDOW) {
			const oldest = this.seenKeys.values().next().value;
			if (oldest !== undefined) this.seenKeys.delete(oldest);
		}
		if (this.resumeFromMs === undefined || event.timeMs > this.resumeFromMs) this.resumeFromMs = event.timeMs;
		this.handlers.onEvent(event);
	}
}
