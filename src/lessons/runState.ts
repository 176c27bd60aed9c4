import type { FileCatch, ProcessReader } from '../proc/reader.js';
import { type CommandAnswer, type MemoryUpdate, type StepCheck, updatedMemory } from './lesson.js';

/** The lesson's context as the runner keeps it: the steps see it read-only, the runner alone changes it (here). */
export interface RunState<M> {
	readonly containerName: string;
	readonly image: string;
	readonly command: readonly string[];
	containerId: string | undefined;
	readonly created: string[];
	readonly createdPods: string[];
	readonly removed: Set<string>;
	memory: Readonly<Partial<M>>;
	readonly reader: ProcessReader;
	opened: FileCatch | undefined;
}

/** A lesson's state before its first step: no container yet, nothing remembered (every fact of the memory is optional). */
export function newRunState<M>(containerName: string, deps: { image: string; command: readonly string[]; reader: ProcessReader }): RunState<M> {
	return {
		containerName,
		image: deps.image,
		command: deps.command,
		containerId: undefined,
		created: [],
		createdPods: [],
		removed: new Set(),
		memory: {} as Partial<M>,
		reader: deps.reader,
		opened: undefined,
	};
}

/** Keeps what a step asked to remember; undefined forgets an earlier attempt's. */
export function remember<M>(run: RunState<M>, update: MemoryUpdate<M> | undefined): void {
	if (update) run.memory = updatedMemory(run.memory, update);
}

/** What a command's answer taught: facts to remember, and the container it made — returned when it is a new one. */
export function learnFromAnswer<M>(run: RunState<M>, answer: CommandAnswer<M> | undefined): string | undefined {
	if (!answer) return undefined;
	remember(run, answer.remember);
	if (answer.madePod !== undefined && !run.createdPods.includes(answer.madePod)) run.createdPods.push(answer.madePod);
	if (answer.made === undefined || answer.made === run.containerId) return undefined;
	run.containerId = answer.made;
	run.created.push(answer.made);
	return answer.made;
}

/** What a check saw besides its verdict: facts to remember, containers seen removed. */
export function applyCheck<M>(run: RunState<M>, looked: StepCheck<M>): void {
	remember(run, looked.remember);
	if (looked.seenRemoved) markRemoved(run, looked.seenRemoved);
}

/** Containers of the lesson seen removed (by its clean-up, or by the controller on leaving). */
export function markRemoved<M>(run: RunState<M>, ids: readonly string[]): void {
	for (const id of ids) run.removed.add(id);
}

/** The containers the lesson made that are not yet seen removed. */
export function leftovers<M>(run: RunState<M>): string[] {
	return run.created.filter((id) => !run.removed.has(id));
}

/** Closes what the step opened (its watch): the step is left, or the lesson. */
export function closeOpened<M>(run: RunState<M>): void {
	run.opened?.close();
	run.opened = undefined;
}

/** The pods the lesson made that are not yet seen removed. */
export function leftoverPods<M>(run: RunState<M>): string[] {
	return run.createdPods.filter((id) => !run.removed.has(id));
}
