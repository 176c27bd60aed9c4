// Which podman conmon-tui shows, and how it reads that host's processes: the wiring of
// src/remote's pure choice (connection.ts) to podman (the connection list) and ssh (FarSession).
import { join } from 'node:path';
import { t } from '../messages/i18n.js';
import { connectionListArgs, remoteArgs } from '../podman/commands.js';
import { type Podman, PodmanError } from '../podman/podman.js';
import type { FarProcesses, ProcessReader } from '../proc/reader.js';
import { ConnectionError, needsConnectionList, parseConnectionList, type RemoteTarget, remoteLabel, resolveConnection } from '../remote/connection.js';
import { FarSession } from '../remote/farSession.js';
import { NoFarProcesses } from '../remote/noFarProcesses.js';
import type { FarSideState } from '../state/store.js';

/** A far podman to show: podman's global options, its processes, and the header's words. */
export interface FarSide {
	target: RemoteTarget;
	/** `--connection NAME` (or `--url …`), before every podman command's verb. */
	podmanArgs: string[];
	processes: FarProcesses & ProcessReader;
	state: FarSideState;
}

/** Why the far side cannot be chosen: one line, and whether the command line is at fault (exit 2). */
export class FarSideChoiceError extends Error {
	override name = 'FarSideChoiceError';
	constructor(
		message: string,
		readonly usage: boolean,
	) {
		super(message);
	}
}

/**
 * Chooses as podman does (connection.ts): undefined for this machine's podman. Asks podman for its
 * connection list only when a name is to be looked up or a default found.
 */
export async function chooseFarSide(
	podman: Pick<Podman, 'run'>,
	flag: string | undefined,
	env: NodeJS.ProcessEnv,
	platform: string,
): Promise<FarSide | undefined> {
	const [far] = await chooseFarSides(podman, [flag], env, platform);
	return far;
}

/**
 * chooseFarSide for each of `flags` (`--connection a --connection b`), in order, with podman's
 * connection list asked once for them all (each `podman system connection list` is a podman
 * start, and the names are all looked up in the same list).
 */
export async function chooseFarSides(
	podman: Pick<Podman, 'run'>,
	flags: readonly (string | undefined)[],
	env: NodeJS.ProcessEnv,
	platform: string,
): Promise<(FarSide | undefined)[]> {
	try {
		const needed = flags.some((flag) => needsConnectionList({ flag, env, platform }));
		const connections = needed ? parseConnectionList((await podman.run(connectionListArgs())).stdout) : [];
		return flags.map((flag) => {
			const target = resolveConnection({ flag, env, platform, connections });
			return target ? farSideOf(target, env) : undefined;
		});
	} catch (error) {
		if (error instanceof ConnectionError)
			throw new FarSideChoiceError(t(`cli.connection.${error.kind}`, error.params), error.kind === 'unknownName' || error.kind === 'noConnections');
		if (error instanceof PodmanError) throw new FarSideChoiceError(t('cli.connection.listFailed', { message: error.message }), false);
		throw error;
	}
}

/** The far side of a chosen target: its podman options, and its processes read over ssh (no session starts before the first scan). */
function farSideOf(target: RemoteTarget, env: NodeJS.ProcessEnv): FarSide {
	const home = env['HOME'];
	const processes = target.ssh
		? new FarSession(target.ssh, { knownHostsFile: home ? join(home, '.ssh', 'known_hosts') : undefined, env })
		: new NoFarProcesses();
	return {
		target,
		podmanArgs: remoteArgs(target),
		processes,
		state: { label: remoteLabel(target), stale: undefined, procUnknown: !target.ssh },
	};
}
