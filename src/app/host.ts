// One host conmon-tui shows: its podman client, its store, the watcher that feeds the store (and
// the far side it reads /proc on), and the actions its keys run. A screen of several hosts
// (`--connection a --connection b`) runs several of these side by side.
import type { Podman } from '../podman/podman.js';
import { procReader } from '../proc/read.js';
import type { FarProcesses, ProcessReader } from '../proc/reader.js';
import { type AppState, type AppStore, createAppStore } from '../state/store.js';
import { Watcher } from '../watch/watcher.js';
import { type Actions, createActions } from './actions.js';

/** What a host is made from. */
export interface HostSetup {
	/** The connection's name (`build`); '' for this machine's podman. */
	name: string;
	podman: Podman;
	initial: Partial<AppState>;
	/** A far podman's processes (`--connection`): read there, never from this machine's /proc. */
	far?: (FarProcesses & ProcessReader) | undefined;
	/** A `podman ps -a --format json` already under way (see Watcher.start). */
	firstList?: Promise<string | undefined> | undefined;
}

/** A host, wired: keys on its rows run `actions`, which run its podman. */
export interface Host {
	name: string;
	podman: Podman;
	store: AppStore;
	watcher: Watcher;
	reader: ProcessReader;
	actions: Actions;
	far: (FarProcesses & ProcessReader) | undefined;
	firstList: Promise<string | undefined> | undefined;
}

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
