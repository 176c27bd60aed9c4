/**
 * podman's events backend (containers.conf `events_logger`, `podman info` host.eventLogger), and
 * what `podman events` does with each (podman's libpod/events): `file` tails the events log file
 * (JSON lines, read by polling); `journald` reads the journal entries podman wrote with
 * SYSLOG_IDENTIFIER=podman, from its tail when streaming, and rebuilds each event from the
 * PODMAN_* fields (PODMAN_TIME keeps the nanoseconds; PODMAN_EXIT_CODE, and the labels as
 * PODMAN_LABELS, only when set); `none` writes and reports nothing. `podman events --format json`
 * prints the same shape for file and journald, so one parser (event.ts) reads both; only `none`
 * needs another path: no event ever comes, and conmon-tui follows podman by asking it and by /proc.
 */
export type EventsBackend = 'file' | 'journald' | 'none';

/** Whether `podman events` will ever report anything with this backend. */
export function eventsFlow(backend: string | undefined): boolean {
	return backend !== 'none';
}
