// What a lesson's checks read from the store: the lesson container's conmons and processes.
import { type ConmonGeneration, currentGeneration, type ExecConmon } from '../model/conmonHistory.js';
import { processCommand } from '../present/format.js';
import type { ProcessInfo } from '../proc/parse.js';
import type { AppState } from '../state/store.js';

/** Every conmon the container has had in this session, oldest first. */
export function generationsOf(state: AppState, containerId: string | undefined): readonly ConmonGeneration[] {
	return containerId === undefined ? [] : (state.history.generations[containerId] ?? []);
}

/** The container's conmon while it runs (not exited, not a zombie). */
export function liveConmonOf(state: AppState, containerId: string | undefined): ConmonGeneration | undefined {
	return currentGeneration(generationsOf(state, containerId));
}

/** The container's exec-session conmons alive now. */
export function execConmonsOf(state: AppState, containerId: string | undefined): ExecConmon[] {
	return Object.values(state.history.execConmons).filter((e) => e.containerId === containerId);
}

/** A process as the learner sees it on screen: `sleep infinity 3992`. */
export function describeProcess(process: ProcessInfo): string {
	return `${processCommand(process)} ${process.pid}`;
}

/** The conmon PIDs of a list of generations, joined with arrows: `3805 → 3990 → 4102`. */
export function pidChain(generations: readonly ConmonGeneration[]): string {
	return generations.map((g) => g.pid).join(' → ');
}
