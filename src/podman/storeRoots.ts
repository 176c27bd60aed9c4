import type { ConmonArgs } from '../proc/conmonArgs.js';

/** Where this podman keeps its containers: a conmon under these paths is one of ours. */
export interface PodmanStoreRoots {
	graphRoot: string;
	runRoot: string;
}

/** Reads `store.graphRoot` and `store.runRoot` from `podman info --format json` (4.x and 5.x). */
export function parseStoreRoots(infoJson: string): PodmanStoreRoots | undefined {
	try {
		const store = (JSON.parse(infoJson) as { store?: { graphRoot?: unknown; runRoot?: unknown } }).store;
		if (typeof store?.graphRoot !== 'string' || typeof store.runRoot !== 'string') return undefined;
		return { graphRoot: store.graphRoot, runRoot: store.runRoot };
	} catch {
		return undefined;
	}
}

function under(path: string | undefined, root: string): boolean {
	return path !== undefined && root !== '' && path.startsWith(root.endsWith('/') ? root : `${root}/`);
}

/**
 * Whether a conmon belongs to this podman's store: its bundle lives under the graph root,
 * or its pidfiles under the run root. Another user's or another store's conmon does not,
 * so podman will never report events or list a container for it.
 */
export function conmonInStore(args: ConmonArgs, roots: PodmanStoreRoots): boolean {
	return under(args.bundle, roots.graphRoot) || under(args.containerPidfile, roots.runRoot) || under(args.conmonPidfile, roots.runRoot);
}
