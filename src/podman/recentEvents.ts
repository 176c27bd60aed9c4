import { eventKey, type PodmanEvent } from './event.js';

/** How many recent event keys are kept to drop the duplicates a resume or a reread file replays. */
export const EVENT_DEDUP_WINDOW = 2_000;

/**
 * The keys of the last events delivered, oldest first: an event replayed by a `--since` resume or
 * found again in a rotated events file is recognised and dropped.
 */
export class RecentEvents {
	/** Key → event time, in the order the events were delivered. */
	private readonly keys = new Map<string, number>();
	/** Delivered events pushed out of the window: the newest time among them. */
	private forgottenUpToMs: number | undefined;

	constructor(private readonly limit = EVENT_DEDUP_WINDOW) {}

	/** True, and remembered, the first time an event is seen; false when it was already delivered. */
	admit(event: PodmanEvent): boolean {
		const key = eventKey(event);
		if (this.keys.has(key)) return false;
		this.keys.set(key, event.timeMs);
		if (this.keys.size > this.limit) {
			const [oldestKey, oldestMs] = this.keys.entries().next().value ?? [];
			if (oldestKey !== undefined) this.keys.delete(oldestKey);
			if (oldestMs !== undefined && (this.forgottenUpToMs === undefined || oldestMs > this.forgottenUpToMs)) this.forgottenUpToMs = oldestMs;
		}
		return true;
	}

	/**
	 * True for an event that may have been delivered and forgotten since (it is not newer than one
	 * pushed out of the window): when a file is read again from its start, such a line is old news.
	 */
	mayHaveForgotten(event: PodmanEvent): boolean {
		return this.forgottenUpToMs !== undefined && event.timeMs <= this.forgottenUpToMs;
	}
}
