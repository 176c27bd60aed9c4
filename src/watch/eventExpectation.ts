/**
 * The stall rule's memory: which podman events each container had lately, so that a conmon
 * change /proc shows is not awaited when podman has already reported it. Events often come
 * before a scan sees the change (a container that exits at once has sent created, started and
 * died before /proc is read), so "an event since the change was seen" is not the rule: "an
 * event of that kind since that conmon started" is.
 */

/** A container event as the stall rule needs it: what happened and when (podman's time). */
export interface SeenEvent {
	status: string;
	timeMs: number;
}

/** Events that report a container starting (a new conmon)… */
const START_EVENTS = new Set(['create', 'init', 'start', 'restart']);
/** … and ending (its conmon exits); `remove` covers both. */
const END_EVENTS = new Set(['died', 'stop', 'kill', 'cleanup', 'remove']);

/**
 * Conmon's start time comes from clock ticks (10 ms) and podman stamps `create` before it
 * starts conmon: an event this much before the conmon's start still belongs to it.
 */
export const EVENT_CLOCK_SLACK_MS = 1_000;

/** How many recent events are kept per container: a start and an end need a handful. */
export const SEEN_EVENTS_PER_CONTAINER = 16;

/**
 * True when podman already sent an event for this conmon change: for a conmon that appeared, a
 * start (or remove) of its container since that conmon started; for one that exited, an end.
 * `conmonStartedAt` is the start time of the conmon that changed.
 */
export function alreadyReported(kind: 'appeared' | 'exited', conmonStartedAt: number, events: readonly SeenEvent[]): boolean {
	const wanted = kind === 'appeared' ? START_EVENTS : END_EVENTS;
	return events.some((event) => (wanted.has(event.status) || event.status === 'remove') && event.timeMs >= conmonStartedAt - EVENT_CLOCK_SLACK_MS);
}

/** `events` with one more, the oldest dropped past SEEN_EVENTS_PER_CONTAINER. */
export function rememberEvent(events: readonly SeenEvent[] | undefined, event: SeenEvent): SeenEvent[] {
	return [...(events ?? []), event].slice(-SEEN_EVENTS_PER_CONTAINER);
}
