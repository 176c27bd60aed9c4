/**
 * Where the end-to-end tests find podman: a "world". One test process runs in one world, chosen
 * by `CONMON_TUI_PODMAN_WORLD`:
 * - `host` (default): the machine's own podman (4.3.1 on Debian 12) and the runner's Node.
 * - `podman5`: podman 5.x in a Debian 13 chroot (podman5Chroot.ts); podman, the program under test
 *   (under the chroot's Node) and everything they start run inside it, in the host's PID namespace.
 *
 * The sandbox (podmanSandbox.ts) and the pty (tuiSession.ts) ask the world how to start a command,
 * so that one suite body runs unchanged against both (test/e2e/podman5.test.ts).
 */

import { cliPath } from './programPath.js';

export type PodmanWorldName = 'host' | 'podman5';

export interface PodmanWorld {
	readonly name: PodmanWorldName;
	/** Variables every podman of this world needs besides the sandbox's (e.g. PODMAN_IGNORE_CGROUPSV1_WARNING). */
	readonly env: Readonly<Record<string, string>>;
	/** The host argv that runs `file args` in this world (file is looked up on the world's PATH). */
	command(file: string, args: readonly string[]): [string, string[]];
	/** The host argv that runs the built program (dist/bundle/cli.js) with these arguments in this world. */
	program(args: readonly string[]): [string, string[]];
	/**
	 * Unmounts what this world's podman left mounted at or under `dir` (a path both sides share) but
	 * the host cannot see. The host world has nothing to do.
	 */
	unmountUnder(dir: string): Promise<void>;
}

/** The machine's own podman and Node. */
export const HOST_WORLD: PodmanWorld = {
	name: 'host',
	env: {},
	command: (file, args) => [file, [...args]],
	program: (args) => [process.execPath, [cliPath(), ...args]],
	unmountUnder: async () => undefined,
};

/** The world this test process was asked to run in. */
export function selectedWorldName(env: NodeJS.ProcessEnv = process.env): PodmanWorldName {
	const value = env['CONMON_TUI_PODMAN_WORLD'];
	if (value === undefined || value === '' || value === 'host') return 'host';
	if (value === 'podman5') return 'podman5';
	throw new Error(`CONMON_TUI_PODMAN_WORLD=${value}: expected host or podman5`);
}

let started: PodmanWorld | undefined;
let starting: Promise<PodmanWorld> | undefined;

/** Starts (once per process) and returns the selected world. */
export function startWorld(): Promise<PodmanWorld> {
	if (selectedWorldName() === 'host') return Promise.resolve(HOST_WORLD);
	starting ??= (async () => {
		// Imported here: the host world never loads the chroot's code.
		const { startPodman5Chroot } = await import('./podman5Chroot.js');
		started = await startPodman5Chroot();
		return started;
	})();
	// A failure is not cached for ever: a later caller may have fixed the machine.
	starting.catch(() => {
		starting = undefined;
	});
	return starting;
}

/**
 * The selected world, already started (a sandbox starts it: every pty and program a test runs
 * comes after its sandbox). Throws when the chroot world was selected but is not running.
 */
export function currentWorld(): PodmanWorld {
	if (selectedWorldName() === 'host') return HOST_WORLD;
	if (!started) throw new Error('the podman5 world is not started: create a sandbox (createPodmanSandbox) first');
	return started;
}
