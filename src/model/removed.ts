import type { ConmonGeneration } from './conmonHistory.js';
import { type Container, shortId } from './container.js';

/**
 * A `--rm` container podman no longer lists: conmon's exit command (`podman container cleanup --rm`)
 * removed it when it exited. Kept a while as a dim row, so that a class sees what happened.
 */
export interface RemovedContainer {
	container: Container;
	/** When conmon-tui saw it gone from podman's list. */
	removedAt: number;
	/** Its last conmon, as the history knew it when the container went. */
	lastConmon: ConmonGeneration | undefined;
}

/** How long a removed `--rm` container stays on screen as a dim row. */
export const REMOVED_ROW_MS = 60_000;

/** When a removed container's row goes. */
export function removedRowEndsAt(removed: Pick<RemovedContainer, 'removedAt'>): number {
	return removed.removedAt + REMOVED_ROW_MS;
}

/** Whether a removed container's row is still shown at `now`. */
export function removedStillShown(removed: Pick<RemovedContainer, 'removedAt'>, now: number): boolean {
	return now < removedRowEndsAt(removed);
}

/**
 * The removed containers after a new list from podman: `--rm` containers that were listed and are
 * not any more join, with their last conmon; those shown long enough leave. Others that vanish are
 * not kept, nor a `--rm` one a command of this session removed (`removedByCommand`: the names and
 * short IDs of `rm` commands it ran): the exit command did not remove those, and the command is on
 * screen already.
 */
export function updateRemoved(
	removed: Readonly<Record<string, RemovedContainer>>,
	before: Readonly<Record<string, Container>>,
	listed: ReadonlySet<string>,
	generations: Readonly<Record<string, readonly ConmonGeneration[]>>,
	now: number,
	removedByCommand: ReadonlySet<string> = new Set(),
): Readonly<Record<string, RemovedContainer>> {
	const next: Record<string, RemovedContainer> = {};
	let changed = false;
	for (const [id, entry] of Object.entries(removed)) {
		if (removedStillShown(entry, now) && !listed.has(id)) next[id] = entry;
		else changed = true;
	}
	for (const container of Object.values(before)) {
		if (container.autoRemove !== true || listed.has(container.id) || next[container.id]) continue;
		if (removedByCommand.has(shortId(container.id)) || removedByCommand.has(container.name)) continue;
		next[container.id] = { container, removedAt: now, lastConmon: generations[container.id]?.at(-1) };
		changed = true;
	}
	return changed ? next : removed;
}

/**
 * The containers `rm` commands of this session named in the last REMOVED_ROW_MS (a key's `podman rm -f
 * ID`, a lesson's `podman rm -f -i -t 0 ID…`): every word after `rm` that is not an option.
 */
export function removedByCommands(commands: readonly { at: number; command: readonly string[] }[], now: number): Set<string> {
	const named = new Set<string>();
	for (const { at, command } of commands) {
		const rm = command.indexOf('rm');
		if (rm < 0 || now - at >= REMOVED_ROW_MS) continue;
		for (const word of command.slice(rm + 1)) if (!word.startsWith('-') && !/^\d+$/.test(word)) named.add(word);
	}
	return named;
}
