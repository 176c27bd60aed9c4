import type { Container } from './container.js';
import { type Pod, podKey, podsOf } from './pod.js';

/** Case-insensitive match of a filter against a container's name, ID and image. */
export function matchesFilter(container: Container, filter: string): boolean {
	const needle = filter.trim().toLowerCase();
	if (needle === '') return true;
	return [container.name, container.id, container.image].some((field) => field.toLowerCase().includes(needle));
}

/**
 * Orders containers by creation time, then ID: a stable order, so rows never jump
 * under the cursor when states change; new containers appear at the bottom. Whole seconds:
 * `podman ps` gives seconds and `inspect` nanoseconds, and the order must not change when
 * inspect's answer follows ps's. IDs compare by code unit: any fixed order will do, and
 * localeCompare's first call loads ICU's collation (10 ms or so, before the first frame).
 */
export function sortContainers(containers: readonly Container[]): Container[] {
	const second = (c: Container): number => Math.floor((c.createdAt ?? 0) / 1000);
	return [...containers].sort((a, b) => second(a) - second(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What the tree lists, in its order: a pod with the containers of it that pass the filter, or a container outside pods. */
export type DisplayEntry = { kind: 'pod'; pod: Pod; shown: Container[] } | { kind: 'container'; container: Container };

/**
 * The tree's order: containers by creation (sortContainers), a pod where its first container
 * (its infra) would be, its containers below it, infra first. A pod whose name or ID matches the
 * filter shows all its containers; otherwise only those that match.
 */
export function displayEntries(containers: readonly Container[], filter = ''): DisplayEntry[] {
	const sorted = sortContainers(containers);
	const pods = podsOf(sorted);
	const needle = filter.trim().toLowerCase();
	const entries: DisplayEntry[] = [];
	const placed = new Set<string>();
	for (const container of sorted) {
		const pod = container.pod === undefined ? undefined : pods.get(container.pod);
		if (!pod) {
			if (matchesFilter(container, filter)) entries.push({ kind: 'container', container });
			continue;
		}
		if (placed.has(pod.id)) continue;
		placed.add(pod.id);
		const podMatches = needle === '' || pod.name.toLowerCase().includes(needle) || pod.id.includes(needle);
		const shown = podMatches ? pod.containers : pod.containers.filter((c) => matchesFilter(c, filter));
		if (shown.length > 0) entries.push({ kind: 'pod', pod, shown });
	}
	return entries;
}

/** The selectable rows' keys in screen order: pods (podKey) and containers (their IDs). */
export function selectableKeys(containers: readonly Container[], filter = ''): string[] {
	return displayEntries(containers, filter).flatMap((entry) =>
		entry.kind === 'pod' ? [podKey(entry.pod.id), ...entry.shown.map((c) => c.id)] : [entry.container.id],
	);
}
