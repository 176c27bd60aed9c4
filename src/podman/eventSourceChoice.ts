import { closeSync, openSync } from 'node:fs';
import { eventsFilePathArgs } from './commands.js';
import { canFollowEventsFile, type EventsInfo, parseEventsFilePath } from './eventSource.js';
import type { Podman } from './podman.js';

/** Why `podman events` was chosen over the file (said once in the event log). */
export type PodmanEventsReason =
	| { why: 'logger'; logger: string }
	| { why: 'no-info' }
	| { why: 'remote' }
	| { why: 'no-path' }
	| { why: 'unreadable'; path: string }
	| { why: 'asked' };

/** The source chosen, and for `podman events` why. */
export type ChosenEventSource = { kind: 'file'; path: string } | { kind: 'podman-events'; reason: PodmanEventsReason };

export interface EventSourceOptions {
	/** podman talks to a remote service (its events file is on another machine). */
	remote: boolean;
	/** Use `podman events` even where the file could be followed (CONMON_TUI_EVENTS=podman). */
	forcePodmanEvents: boolean;
	signal?: AbortSignal;
}

/**
 * Decides where events come from: podman's events file when podman writes one here and it can be
 * opened, else `podman events`. The file's path is asked of podman (parseEventsFilePath).
 */
export async function chooseEventSource(podman: Podman, info: EventsInfo | undefined, options: EventSourceOptions): Promise<ChosenEventSource> {
	if (options.forcePodmanEvents) return { kind: 'podman-events', reason: { why: 'asked' } };
	if (!canFollowEventsFile(info, options.remote)) {
		if (options.remote || info?.serviceIsRemote === true) return { kind: 'podman-events', reason: { why: 'remote' } };
		return { kind: 'podman-events', reason: info?.eventLogger === undefined ? { why: 'no-info' } : { why: 'logger', logger: info.eventLogger } };
	}
	let path: string | undefined;
	try {
		const output = await podman.run(eventsFilePathArgs(), options.signal ? { signal: options.signal } : {});
		path = parseEventsFilePath(output.stderr);
	} catch {
		path = undefined;
	}
	if (path === undefined) return { kind: 'podman-events', reason: { why: 'no-path' } };
	if (!readable(path)) return { kind: 'podman-events', reason: { why: 'unreadable', path } };
	return { kind: 'file', path };
}

function readable(path: string): boolean {
	try {
		closeSync(openSync(path, 'r'));
		return true;
	} catch {
		return false;
	}
}

/** Whether two choices are the same: the same file, or `podman events` for the same reason. */
export function sameSource(a: ChosenEventSource, b: ChosenEventSource | undefined): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}
