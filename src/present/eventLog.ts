import { type MessageKey, t } from '../messages/i18n.js';
import type { ConmonChange } from '../model/conmonHistory.js';
import { shortId } from '../model/container.js';
import type { PodmanEvent } from '../podman/event.js';
import { LOGGED_POD_STATUSES, LOGGED_STATUSES } from '../podman/event.js';
import type { LogEntry } from '../state/store.js';

type NewLogEntry = Omit<LogEntry, 'id'>;

/** A label for a container in the log: its name and short ID, as a person would look for it. */
export function containerLabel(id: string, name: string | undefined): string {
	return name ? `${name} (${shortId(id)})` : shortId(id);
}

/**
 * The log line for a podman event, or undefined for events not worth a line. The text is in the
 * language of the screen (also in `--log`'s file, beside the facts, which stay the same in every language).
 */
export function podmanEventEntry(event: PodmanEvent): NewLogEntry | undefined {
	if (event.type === 'pod') return podEventEntry(event);
	if (event.type !== 'container' || !LOGGED_STATUSES.has(event.status)) return undefined;
	const entry = podmanEventLine(event);
	if (!entry) return undefined;
	const exitCode = event.exitCode === undefined ? {} : { exitCode: event.exitCode };
	return { ...entry, facts: { kind: 'podman-event', status: event.status, containerId: event.id, ...exitCode } };
}

const POD_EVENT_TEXT = {
	create: 'events.pod.created',
	start: 'events.pod.started',
	stop: 'events.pod.stopped',
	kill: 'events.pod.killed',
	remove: 'events.pod.removed',
	pause: 'events.pod.paused',
	unpause: 'events.pod.unpaused',
} as const satisfies Record<string, MessageKey>;

/** A pod's event: one line for the pod; its containers' own events follow on their lines. */
function podEventEntry(event: PodmanEvent): NewLogEntry | undefined {
	if (!LOGGED_POD_STATUSES.has(event.status) || !(event.status in POD_EVENT_TEXT)) return undefined;
	const key = POD_EVENT_TEXT[event.status as keyof typeof POD_EVENT_TEXT];
	const tone = event.status === 'start' ? 'good' : event.status === 'kill' || event.status === 'stop' ? 'bad' : 'info';
	return {
		at: event.timeMs,
		tone,
		text: t(key, { who: containerLabel(event.id, event.name) }),
		facts: { kind: 'podman-event', status: event.status, podId: event.id },
	};
}

function podmanEventLine(event: PodmanEvent): NewLogEntry | undefined {
	const who = containerLabel(event.id, event.name);
	switch (event.status) {
		case 'create':
			return { at: event.timeMs, tone: 'info', text: t('events.created', { who }) };
		case 'start':
			return { at: event.timeMs, tone: 'good', text: t('events.started', { who }) };
		case 'died':
			return { at: event.timeMs, tone: 'bad', text: t('events.died', { who, code: event.exitCode ?? '?' }) };
		case 'remove':
			return { at: event.timeMs, tone: 'info', text: t('events.removed', { who }) };
		case 'exec':
			return { at: event.timeMs, tone: 'info', text: t('events.execStarted', { who }) };
		case 'exec_died':
			return { at: event.timeMs, tone: 'info', text: t('events.execEnded', { who }) };
		case 'pause':
			return { at: event.timeMs, tone: 'info', text: t('events.paused', { who }) };
		case 'unpause':
			return { at: event.timeMs, tone: 'info', text: t('events.unpaused', { who }) };
		case 'rename':
			return { at: event.timeMs, tone: 'info', text: t('events.renamed', { id: shortId(event.id), name: event.name }) };
		default:
			return undefined;
	}
}

/**
 * The line that stands for one scan's conmons of containers this podman does not list (another
 * store's, another user's, leftovers): how many appeared and exited. Each is a full record in --log.
 */
export function foreignConmonsEntry(appeared: number, exited: number, at: number): NewLogEntry {
	const text =
		exited === 0
			? t('events.foreignConmons.appeared', { appeared })
			: appeared === 0
				? t('events.foreignConmons.exited', { exited })
				: t('events.foreignConmons.both', { appeared, exited });
	return { at, tone: 'info', text, facts: { kind: 'foreign-conmons', appeared, exited } };
}

/** The log line for a conmon appearing or exiting, as /proc showed it. */
export function conmonChangeEntry(change: ConmonChange, name: string | undefined): NewLogEntry {
	const exitCode = 'exitCode' in change && change.exitCode !== undefined ? { exitCode: change.exitCode } : {};
	const facts = { kind: 'conmon', status: change.kind, containerId: change.containerId, pid: change.pid, ...exitCode } as const;
	return { ...conmonChangeLine(change, name), facts };
}

function conmonChangeLine(change: ConmonChange, name: string | undefined): NewLogEntry {
	const who = containerLabel(change.containerId, name ?? ('name' in change ? change.name : undefined));
	switch (change.kind) {
		case 'appeared':
			return { at: change.at, tone: 'good', text: t('events.conmonAppeared', { pid: change.pid, who }) };
		case 'exited': {
			const text =
				change.exitCode === undefined
					? t('events.conmonExited', { pid: change.pid, who })
					: t('events.conmonExitedCode', { pid: change.pid, who, code: change.exitCode });
			return { at: change.at, tone: 'bad', text };
		}
		case 'exec-appeared':
			return { at: change.at, tone: 'info', text: t('events.execConmonAppeared', { pid: change.pid, who, session: shortId(change.execSessionId) }) };
		case 'exec-exited':
			return { at: change.at, tone: 'info', text: t('events.execConmonExited', { pid: change.pid, who }) };
	}
}
