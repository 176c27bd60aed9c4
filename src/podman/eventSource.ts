import type { PodmanEvent } from './event.js';

export type EventStreamState = 'live' | 'lost';

export interface EventStreamHandlers {
	onEvent(event: PodmanEvent): void;
	/**
	 * `lost` when the source broke (podman ended, the events file cannot be read), with the wait
	 * before the next try; `live` again once it runs. `resumed` is true after a loss.
	 */
	onState(state: EventStreamState, detail: { message?: string; resumed: boolean; retryInMs?: number }): void;
}

/** Where podman's events come from: `podman events`, or podman's events file followed directly. */
export interface EventSource {
	/** Starts following; events older than the source's start time are not delivered. */
	start(): void;
	/** Ends the source as if it broke (it looks stalled): it is reopened and resumed; `reason` is what the status line says. */
	restart(reason: string): void;
	/** Ends the source and every retry. */
	stop(): void;
}

/** What `podman info --format json` says about events: the logger (`file`, `journald`, `none`) and whether podman is a remote client. */
export interface EventsInfo {
	eventLogger: string | undefined;
	serviceIsRemote: boolean;
}

/** Reads `host.eventLogger` and `host.serviceIsRemote` from `podman info --format json` (the same keys in 4.x and 5.x). */
export function parseEventsInfo(infoJson: string): EventsInfo | undefined {
	try {
		const host = (JSON.parse(infoJson) as { host?: { eventLogger?: unknown; serviceIsRemote?: unknown } }).host;
		if (!host) return undefined;
		return { eventLogger: typeof host.eventLogger === 'string' ? host.eventLogger : undefined, serviceIsRemote: host.serviceIsRemote === true };
	} catch {
		return undefined;
	}
}

/**
 * Whether podman's events file can be followed here, without a `podman events` child: only when
 * podman writes its events to a file (`events_logger = "file"`) on this machine. journald needs
 * `podman events` (or journald's own reader), and a remote podman's file is on another machine.
 */
export function canFollowEventsFile(info: EventsInfo | undefined, remote: boolean): boolean {
	return info?.eventLogger === 'file' && !remote && !info.serviceIsRemote;
}

/**
 * The events file podman itself reads, from the debug log of `podman --log-level debug events
 * --stream=false …` (libpod/events/logfile.go logs `Reading events from file %q`). podman
 * resolves containers.conf (events_logfile_path, else `<tmp_dir>/events/events.log`; tmp_dir
 * differs for root and rootless) so conmon-tui does not re-implement it.
 */
export function parseEventsFilePath(debugLog: string): string | undefined {
	for (const line of debugLog.split('\n')) {
		// logrus: msg="Reading events from file \"/run/libpod/events/events.log\"" (the message quoted again by logrus).
		const msg = /\bmsg=("(?:[^"\\]|\\.)*")/.exec(line)?.[1];
		if (!msg) continue;
		const text = unquote(msg);
		const quotedPath = text === undefined ? undefined : /^Reading events from file ("(?:[^"\\]|\\.)*")$/.exec(text)?.[1];
		const path = quotedPath === undefined ? undefined : unquote(quotedPath);
		if (path?.startsWith('/')) return path;
	}
	return undefined;
}

/** Go's %q quoting matches JSON's for the characters a path holds in practice; anything else is not trusted. */
function unquote(quoted: string): string | undefined {
	try {
		const value: unknown = JSON.parse(quoted);
		return typeof value === 'string' ? value : undefined;
	} catch {
		return undefined;
	}
}
