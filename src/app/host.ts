// One host conmon-tui shows: its podman client, its store, the watcher that feeds the store (and
// the far side it reads /proc on), and the actions its keys run. A screen of several hosts
// (`--connection a --connection b`) runs several of these side by side.
import type { Podman } from '../podman/podman.js';
import { procReader } from '../proc/read.js';
import type { FarProcesses, ProcessReader } from '../proc/reader.js';
import type { HostStore } from '../state/hosts.js';
import { type AppState, createAppStore } from '../state/store.js';
import { Watcher } from '../watch/watcher.js';
import { type Actions, createActions } from './actions.js';

/**
 * A host, wired: keys on its rows run `actions`, which run its podman. The one declaration of a
 * host's parts (its name and store are the state layer's HostStore): every other view of a host
 * picks from it.
 */
export interface Host extends HostStore {
	podman: Podman;
	watcher: Watcher;
	/** Where its processes are read: this machine's /proc, or the far side's. */
	reader: ProcessReader;
	actions: Actions;
	/** A far podman's processes (`--connection`): read there, never from this machine's /proc. */
	far: (FarProcesses & ProcessReader) | undefined;
	/** A `podman ps -a --format json` already under way (see Watcher.start). */
	firstList: Promise<string | undefined> | undefined;
}

/** What a host is made from: its parts that come from outside, and what its store starts with. */
export type HostSetup = Pick<Host, 'name' | 'podman'> & Partial<Pick<Host, 'far' | 'firstList'>> & { initial: Partial<AppState> };

/** Wires a host: store, watcher (not started), reader and actions. */
export function openHost(setup: HostSetup, run: { image: string; command: readonly string[] }): Host {
	const { podman, far } = setup;
	const store = createAppStore(setup.initial);
	// CONMON_TUI_EVENTS=podman: `podman events` even where podman's events file could be read directly.
	const watcher = new Watcher(podman, store, far, { forcePodmanEvents: process.env['CONMON_TUI_EVENTS'] === 'podman' });
	const reader = far ?? procReader();
	const actions = createActions({
		store,
		podman,
		reader,
		remote: far !== undefined,
		image: run.image,
		command: run.command,
		onChange: (ids) => {
			watcher.burst();
			watcher.refresh(ids);
		},
	});
	return { name: setup.name, podman, store, watcher, reader, actions, far, firstList: setup.firstList };
}
