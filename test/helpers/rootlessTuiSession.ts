/**
 * The built conmon-tui in a real pseudo-terminal, running as the rootless test user: the
 * rootless counterpart of TuiSession (same methods), for tests that run as root.
 *
 * TuiSession spawns as whoever runs the tests and passes root's whole environment, so it
 * cannot be reused as is; this class spawns with node-pty's `uid`/`gid` options and the
 * sandbox's complete environment (see RootlessSandbox.env) instead. node-pty calls setgid and
 * setuid but not setgroups, so the program keeps the test runner's supplementary groups:
 * none when the runner is a plain root process, which `supplementaryGroups()` lets a test check.
 * The user needs to read dist/ and node_modules/ (root-owned, 0755 here: fine) and the pty
 * slave stays root's (0600): the program only uses the descriptors it was started with.
 */
import { readFileSync } from 'node:fs';
import { TuiSession } from './tuiSession.js';

export interface RootlessTuiOptions {
	/** Whom to run as. */
	user: { uid: number; gid: number };
	/**
	 * The complete environment (e.g. RootlessSandbox.env); root's process.env is not merged in.
	 * TERM is set here; LANG is taken from the test runner when set, and LC_ALL from `lang`.
	 */
	env: Record<string, string>;
	/** The language of the screen; default English. */
	lang?: 'en' | 'ja';
	args?: string[];
	columns?: number;
	rows?: number;
}

/** Starts the built program ARGS as the user in a pty; see RootlessTuiSession. */
export function startRootlessTui(options: RootlessTuiOptions): RootlessTuiSession {
	return new RootlessTuiSession(options);
}

/** A TuiSession whose program runs as another user, with what a test checks of that. */
export class RootlessTuiSession extends TuiSession {
	constructor(options: RootlessTuiOptions) {
		super({ ...options, runAs: options.user });
	}

	/** The program's PID (node-pty execs it directly, no shell in between). */
	get pid(): number {
		return this.pty.pid;
	}

	/** Real UID of the running program, from /proc; undefined once it is gone. */
	uid(): number | undefined {
		try {
			const value = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${this.pty.pid}/status`, 'utf8'))?.[1];
			return value === undefined ? undefined : Number(value);
		} catch {
			return undefined;
		}
	}

	/** Supplementary groups of the running program: setuid without setgroups keeps the runner's. */
	supplementaryGroups(): number[] {
		try {
			const status = readFileSync(`/proc/${this.pty.pid}/status`, 'utf8');
			return (/^Groups:[ \t]*(.*)$/m.exec(status)?.[1] ?? '').trim().split(/\s+/).filter(Boolean).map(Number);
		} catch {
			return [];
		}
	}
}
