import { type Container, shortId } from './container.js';

/** A podman pod, as its containers tell it: `Pod`, `PodName` and `IsInfra` on each (see containerJson.ts). */
export interface Pod {
	/** The pod's full ID. */
	id: string;
	/** Its name; the short ID while only inspect has spoken (ps with `--pod` names it). */
	name: string;
	/** The infra container's ID: the container that holds the pod's namespaces; absent for a pod made without one. */
	infraId: string | undefined;
	/** Its containers in the order the tree shows them: the infra first, then the members by creation. */
	containers: Container[];
}

/** A pod row's selection key: pod IDs and container IDs are both 64 hex digits, so the pod's gets a prefix. */
export function podKey(podId: string): string {
	return `pod:${podId}`;
}

/** The pod ID inside a selection key, or undefined for a container's. */
export function podIdOfKey(key: string | undefined): string | undefined {
	return key?.startsWith('pod:') ? key.slice(4) : undefined;
}

/**
 * The pods among the containers, each with its containers (infra first, the rest in the order given).
 * The containers must already be in display order (sortContainers).
 */
export function podsOf(sorted: readonly Container[]): Map<string, Pod> {
	const pods = new Map<string, Pod>();
	for (const container of sorted) {
		if (container.pod === undefined) continue;
		const pod = pods.get(container.pod) ?? { id: container.pod, name: shortId(container.pod), infraId: undefined, containers: [] };
		if (container.podName) pod.name = container.podName;
		if (container.isInfra) {
			pod.infraId = container.id;
			pod.containers.unshift(container);
		} else {
			pod.containers.push(container);
		}
		pods.set(container.pod, pod);
	}
	return pods;
}

/** A pod's state as one word for its keys: running while any container runs, paused when all that live are paused. */
export function podState(pod: Pick<Pod, 'containers'>): 'running' | 'paused' | 'stopped' {
	const states = pod.containers.map((c) => c.state);
	if (states.includes('running')) return 'running';
	return states.includes('paused') ? 'paused' : 'stopped';
}

/**
 * The namespaces a pod's infra holds for its members: the kinds whose /proc/PID/ns link a member's
 * process shares with the infra's `catatonit -P` (podman pod create --share: ipc, net, uts by default).
 * A kind where the infra is in the host's namespace (`host`: the viewer's own links) is held by no one:
 * rootful containers all share the host's user namespace, for one.
 */
export function sharedNamespaces(
	infra: Readonly<Record<string, string>>,
	members: readonly Readonly<Record<string, string>>[],
	host: Readonly<Record<string, string>> = {},
): string[] {
	return Object.entries(infra)
		.filter(([kind, link]) => link !== host[kind] && members.some((member) => member[kind] === link))
		.map(([kind]) => kind)
		.sort();
}
