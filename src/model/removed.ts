import type { ConmonGeneration } from './conmonHistory.js';
import type { Container } from './container.js';

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

/** Whether a removed container's row is still shown at `now`. */
export function removedStillShown(removed: Pick<RemovedContainer, 'removedAt'>, now: number): boolean {
	return now - removed.removedAt < REMOVED_ROW_MS;
}

/**
 * The removed containers after a new list from podman: `--rm` containers that were listed and are
 * not any more join, with their last conmon; those shown long enough leave. Others that vanish
 * (`podman rm`, a key) are not kept: the command that removed them is on screen already.
 */
export function updateRemoved(
	removed: Readonly<Record<string, RemovedContainer>>,
	before: Readonly<Record<string, Container>>,
	listed: ReadonlySet<string>,
	generations: Readonly<Record<string, readonly ConmonGeneration[]>>,
	now: number,
): Readonly<Record<string, RemovedContainer>> {
	const next: Record<string, RemovedContainer> = {};
	let changed = false;
	for (const [id, entry] of Object.entries(removed)) {
		if (removedStillShown(entry, now) && !listed.has(id)) next[id] = entry;
		else changed = true;
	}
	for (const container of Object.values(before)) {
		if (container.autoRemove !== true || listed.has(container.id) || next[container.id]) continue;
		next[container.id] = { container, removedAt: now, lastConmon: generations[container.id]?.at(-1) };
		changed = true;
	}
	return changed ? next : removed;
}
