import type { PodmanSandbox } from '../test/helpers/podmanSandbox.js';
import { nowMs } from './clock.js';
import { PodmanService } from './podmanService.js';

/**
 * Many containers in a sandbox store, made and removed with limited parallelism: podman
 * takes a lock per container plus a few store-wide ones, and on two cores more than a
 * few podman processes at once only queue up. Running containers are made with the CLI,
 * exactly as a user makes them; created-only ones, in bulk, through podman's REST API.
 */

/** How many podman commands run at once while containers are made or removed. */
export const FLEET_PARALLELISM = 4;
/** Containers removed per `podman rm` command at teardown. */
const REMOVE_BATCH = 25;
/** No single podman command here may take longer. */
const COMMAND_TIMEOUT_MS = 120_000;

/** Runs `task(i)` for i in [0, count) with at most `parallel` in flight; rejects on the first failure. */
export async function inParallel(count: number, parallel: number, task: (i: number) => Promise<void>): Promise<void> {
	let next = 0;
	let failed: unknown;
	const worker = async (): Promise<void> => {
		while (failed === undefined && next < count) {
			const i = next++;
			try {
				await task(i);
			} catch (error) {
				failed ??= error;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
	if (failed !== undefined) throw failed;
}

/** What making a batch of containers took. */
export interface FleetStep {
	what: string;
	count: number;
	ms: number;
}

/** Adds `count` containers running `sleep infinity`, each with its conmon (`podman run -d`). */
export async function addRunningContainers(sandbox: PodmanSandbox, count: number): Promise<FleetStep> {
	const started = nowMs();
	await inParallel(count, FLEET_PARALLELISM, async () => {
		await sandbox.podman(['run', '-d', sandbox.image, 'sleep', 'infinity'], { timeoutMs: COMMAND_TIMEOUT_MS });
	});
	return { what: `podman run -d ×${count} (${FLEET_PARALLELISM} at a time)`, count, ms: nowMs() - started };
}

/**
 * Adds `count` created containers (never started, so without conmon) through podman's
 * REST API, ten times cheaper than as many `podman create` processes; returns their IDs.
 */
export async function addCreatedContainers(sandbox: PodmanSandbox, count: number): Promise<{ step: FleetStep; ids: string[] }> {
	const started = nowMs();
	const ids: string[] = [];
	const service = await PodmanService.start(sandbox);
	try {
		await inParallel(count, FLEET_PARALLELISM, async () => {
			ids.push(await service.create(sandbox.image, ['sleep', 'infinity']));
		});
	} finally {
		await service.stop();
	}
	return { step: { what: `create ×${count} through podman's REST API (${FLEET_PARALLELISM} at a time)`, count, ms: nowMs() - started }, ids };
}

/** Removes these containers through podman's REST API. */
export async function removeContainersViaApi(sandbox: PodmanSandbox, ids: readonly string[]): Promise<FleetStep> {
	const started = nowMs();
	const service = await PodmanService.start(sandbox);
	try {
		await inParallel(ids.length, FLEET_PARALLELISM, async (i) => {
			await service.remove(ids[i] ?? '');
		});
	} finally {
		await service.stop();
	}
	return { what: `rm ×${ids.length} through podman's REST API (${FLEET_PARALLELISM} at a time)`, count: ids.length, ms: nowMs() - started };
}

/** How many containers the store holds, and how many run. */
export async function countContainers(sandbox: PodmanSandbox): Promise<{ total: number; running: number }> {
	// JSON: podman 4.3's `--format {{.State}}` prints the human status ("Up 3 seconds ago"), not the state.
	const { stdout } = await sandbox.podman(['ps', '-a', '--format', 'json'], { timeoutMs: COMMAND_TIMEOUT_MS });
	const states = (JSON.parse(stdout.trim() || '[]') as { State?: string }[]).map((c) => c.State ?? '');
	return { total: states.length, running: states.filter((s) => s === 'running').length };
}

/** Removes every container of the store (`podman rm -f -t 0`, in batches, in parallel). */
export async function removeAllContainers(sandbox: PodmanSandbox): Promise<FleetStep> {
	const started = nowMs();
	const { stdout } = await sandbox.podman(['ps', '-a', '-q', '--no-trunc'], { timeoutMs: COMMAND_TIMEOUT_MS });
	const ids = stdout
		.split('\n')
		.map((s) => s.trim())
		.filter((s) => s !== '');
	const batches: string[][] = [];
	for (let i = 0; i < ids.length; i += REMOVE_BATCH) batches.push(ids.slice(i, i + REMOVE_BATCH));
	await inParallel(batches.length, FLEET_PARALLELISM, async (i) => {
		await sandbox.podman(['rm', '-f', '-t', '0', ...(batches[i] ?? [])], { timeoutMs: COMMAND_TIMEOUT_MS });
	});
	return { what: `podman rm -f ×${ids.length} (batches of ${REMOVE_BATCH}, ${FLEET_PARALLELISM} at a time)`, count: ids.length, ms: nowMs() - started };
}
