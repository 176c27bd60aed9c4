import type { ConmonChange } from './conmonHistory.js';
import { shortId } from './container.js';
import type { PodmanEvent } from './podmanEvent.js';
import { LOGGED_STATUSES } from './podmanEvent.js';
import type { LogEntry } from './store.js';

type NewLogEntry = Omit<LogEntry, 'id'>;

/** A label for a container in the log: its name and short ID, as a person would look for it. */
export function containerLabel(id: string, name: string | undefined): string {
	return name ? `${name} (${shortId(id)})` : shortId(id);
}

/** The log line for a podman event, or undefined for events not worth a line. */
export function podmanEventEntry(event: PodmanEvent): NewLogEntry | undefined {
	if (event.type !== 'container' || !LOGGED_STATUSES.has(event.status)) return undefined;
	const entry = podmanEventLine(event);
	if (!entry) return undefined;
	const exitCode = event.exitCode === undefined ? {} : { exitCode: event.exitCode };
	return { ...entry, facts: { kind: 'podman-event', status: event.status, containerId: event.id, ...exitCode } };
}

function podmanEventLine(event: PodmanEvent): NewLogEntry | undefined {
	const who = containerLabel(event.id, event.name);
	switch (event.status) {
		case 'create':
			return { at: event.timeMs, tone: 'info', text: `container ${who} created` };
		case 'start':
			return { at: event.timeMs, tone: 'good', text: `container ${who} started` };
		case 'died':
			return { at: event.timeMs, tone: 'bad', text: `container ${who} died (exit code ${event.exitCode ?? '?'})` };
		case 'remove':
			return { at: event.timeMs, tone: 'info', text: `container ${who} removed` };
		case 'exec':
			return { at: event.timeMs, tone: 'info', text: `exec session started in ${who}` };
		case 'exec_died':
			return { at: event.timeMs, tone: 'info', text: `exec session ended in ${who}` };
		case 'pause':
			return { at: event.timeMs, tone: 'info', text: `container ${who} paused` };
		case 'unpause':
			return { at: event.timeMs, tone: 'info', text: `container ${who} unpaused` };
		case 'rename':
			return { at: event.timeMs, tone: 'info', text: `container ${shortId(event.id)} renamed to ${event.name}` };
		default:
			return undefined;
	}
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
			return { at: change.at, tone: 'good', text: `conmon ${change.pid} appeared for ${who}` };
		case 'exited': {
			const code = change.exitCode === undefined ? '' : ` (code ${change.exitCode})`;
			return { at: change.at, tone: 'bad', text: `conmon ${change.pid} exited for ${who}${code}` };
		}
		case 'exec-appeared':
			return { at: change.at, tone: 'info', text: `exec conmon ${change.pid} appeared for ${who} (session ${shortId(change.execSessionId)})` };
		case 'exec-exited':
			return { at: change.at, tone: 'info', text: `exec conmon ${change.pid} exited for ${who}` };
	}
}
