import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { createPodmanSandbox, type PodmanSandbox } from './podmanSandbox.js';
import { type TuiOptions, TuiSession } from './tuiSession.js';

/** What an end-to-end suite works in: see `sandboxSuite`. */
export interface SandboxSuite {
	/** The suite's private podman store; made in `before`, so read it inside tests and hooks only. */
	readonly sandbox: PodmanSandbox;
	/** A temp dir of the suite's own, for `--log` files and podman wrappers. */
	readonly dir: string;
	/** Starts the program under test in the sandbox's environment (plus `options.env`); it is ended after the suite. */
	start(options?: TuiOptions): TuiSession;
}

/**
 * The set-up most end-to-end suites share, registered on the enclosing `describe`: a private
 * podman sandbox made before its tests and a temp dir; after them — also when one failed — every
 * program a test started is ended, then the sandbox is disposed and the dir removed.
 */
export function sandboxSuite(name: string): SandboxSuite {
	const dir = mkdtempSync(join(tmpdir(), `conmon-tui-${name}-`));
	const started: TuiSession[] = [];
	let made: PodmanSandbox | undefined;

	before(async () => {
		made = await createPodmanSandbox();
	});

	after(async () => {
		try {
			await Promise.allSettled(started.map((tui) => tui.kill()));
			await made?.dispose();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	const sandbox = (): PodmanSandbox => {
		if (!made) throw new Error('the sandbox is made in before(): read it inside a test or hook');
		return made;
	};
	return {
		get sandbox(): PodmanSandbox {
			return sandbox();
		},
		dir,
		start: (options: TuiOptions = {}): TuiSession => {
			const tui = new TuiSession({ ...options, env: { ...sandbox().env, ...options.env } });
			started.push(tui);
			return tui;
		},
	};
}
