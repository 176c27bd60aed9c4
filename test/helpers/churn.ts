import type { PodmanSandbox } from './podmanSandbox.js';

/** A container command that ends promptly on SIGTERM, so that `stop` does not wait for its timeout. */
export const TERM_FRIENDLY_COMMAND = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'];

/** What one churned container was left as. */
export type ChurnEnd = 'removed' | 'running' | 'exited';

/**
 * Churns `count` containers from outside the program under test, `parallel` at a time, as
 * fast as podman allows: run, kill, start, stop, then remove a third, start a third again,
 * and leave a third exited. Returns the IDs with how each was left.
 */
export async function churnContainers(sandbox: PodmanSandbox, count: number, parallel = 4, prefix = 'churn'): Promise<Map<string, ChurnEnd>> {
	const ends = new Map<string, ChurnEnd>();
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < count) {
			const index = next++;
			const name = `${prefix}-${index}`;
			const id = (await sandbox.podman(['run', '-d', '--name', name, sandbox.image, ...TERM_FRIENDLY_COMMAND])).stdout.trim();
			await sandbox.podman(['kill', id]);
			await sandbox.podman(['start', id]);
			await sandbox.podman(['stop', '-t', '2', id]);
			const end: ChurnEnd = (['removed', 'running', 'exited'] as const)[index % 3] ?? 'exited';
			if (end === 'removed') await sandbox.podman(['rm', id]);
			if (end === 'running') await sandbox.podman(['start', id]);
			ends.set(id, end);
		}
	};
	await Promise.all(Array.from({ length: parallel }, worker));
	return ends;
}
