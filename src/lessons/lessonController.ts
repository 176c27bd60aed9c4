import { t } from '../messages/i18n.js';
import { forgetRemoved } from '../model/conmonHistory.js';
import { shortId } from '../model/container.js';
import { removeNowArgs, removePodsNowArgs } from '../podman/commands.js';
import { quoteCommandWords } from '../present/commandWords.js';
import type { AppStore } from '../state/store.js';
import type { Lesson } from './lesson.js';
import { type LessonDeps, LessonRunner } from './lessonRunner.js';
import { LESSONS, lessonRefusal } from './lessons.js';

/**
 * The lesson menu and the lesson running from it. One lesson at a time; leaving it goes back
 * to the menu, and the containers it made are removed on the way (they were only the lesson's).
 */
export class LessonController {
	private runner: LessonRunner | undefined;
	/** Containers of left lessons whose removal is under way or failed: the exit message names them. */
	private readonly stranded = new Set<string>();
	/** The same for the pods of left lessons. */
	private readonly strandedPods = new Set<string>();
	/** Removals under way, awaited on the way out. */
	private readonly removals = new Set<Promise<void>>();

	constructor(private readonly deps: LessonDeps) {}

	get store(): AppStore {
		return this.deps.store;
	}

	/** The runner of the lesson in progress, if any. */
	get current(): LessonRunner | undefined {
		return this.runner;
	}

	/** Opens the menu of lessons. */
	openMenu(): void {
		this.deps.store.setState({ overlay: 'lessons' });
	}

	/** Moves the menu's cursor. */
	moveMenu(by: number): void {
		const index = this.deps.store.getState().lessonMenuIndex;
		this.deps.store.setState({ lessonMenuIndex: Math.max(0, Math.min(LESSONS.length - 1, index + by)) });
	}

	/** Starts the lesson under the menu's cursor. */
	chooseFromMenu(): void {
		const lesson = LESSONS[this.deps.store.getState().lessonMenuIndex];
		if (lesson) this.start(lesson);
	}

	/** Starts a lesson (leaving any other first), beside the live tree; one this user cannot run is refused, with why. */
	start(lesson: Lesson): void {
		// Refused (the rootless lesson as root, the attach lesson on a far host…): the menu stays, the status line says how to start it.
		const state = this.deps.store.getState();
		const refusal = lessonRefusal(lesson, { uid: state.ownUid, far: state.farSide !== undefined });
		if (refusal !== undefined) {
			this.deps.store.setState({ status: { tone: 'error', text: refusal, source: 'program' } });
			return;
		}
		if (this.runner) void this.leave({ toMenu: false });
		this.deps.store.setState({ overlay: undefined, lessonMenuIndex: LESSONS.indexOf(lesson) });
		this.runner = new LessonRunner(lesson, this.deps, containerNameFor(lesson));
		this.runner.start();
	}

	/**
	 * Leaves the lesson in progress and shows the menu again. Its containers are removed: once
	 * a command still running has answered (a `podman run` not answered yet makes its container
	 * after this, and a second lesson command would be refused meanwhile). Resolves when done.
	 */
	leave({ toMenu }: { toMenu: boolean } = { toMenu: true }): Promise<void> {
		const runner = this.runner;
		if (!runner) return Promise.resolve();
		this.runner = undefined;
		runner.leave();
		if (toMenu) this.openMenu();
		const removal = (runner.commandInFlight() ?? Promise.resolve()).then(() => this.remove(runner));
		this.removals.add(removal);
		void removal.finally(() => this.removals.delete(removal));
		return removal;
	}

	/**
	 * On the way out (q, Ctrl-C, a signal): leaves the lesson in progress and waits until its
	 * containers are removed — a `--restart always` one would otherwise respawn for ever. podman's
	 * timeout bounds the wait; `announce` tells the person why quitting takes a moment.
	 */
	async leaveForExit(announce: (text: string) => void): Promise<void> {
		const ids = this.runner?.leftovers() ?? [];
		const pods = this.runner?.leftoverPods() ?? [];
		if (ids.length + pods.length > 0) announce(t('lesson.removingOnExit', { ids: [...pods, ...ids].map(shortId).join(' ') }));
		await this.leave({ toMenu: false });
		await Promise.all([...this.removals]);
		// The watcher has stopped: nobody else tells the store that podman removed them, and the
		// tree written at exit (--record, --log) must not list containers that are gone.
		const removedPods = new Set(pods.filter((id) => !this.strandedPods.has(id)));
		const inRemovedPods = Object.values(this.deps.store.getState().containers).filter((c) => c.pod !== undefined && removedPods.has(c.pod));
		const removed = new Set([...ids.filter((id) => !this.stranded.has(id)), ...inRemovedPods.map((c) => c.id)]);
		if (removed.size > 0) {
			this.deps.store.setState((s) => ({
				containers: Object.fromEntries(Object.entries(s.containers).filter(([id]) => !removed.has(id))),
				history: forgetRemoved(s.history, removed),
			}));
		}
	}

	/**
	 * `podman pod rm` and `podman rm` of what a left lesson made and has not seen removed; until
	 * podman has removed them, the exit message names them. The pods first: `podman rm` refuses
	 * an infra container, and a pod's removal takes its members with it.
	 */
	private async remove(runner: LessonRunner): Promise<void> {
		const pods = runner.leftoverPods();
		const ids = runner.leftovers();
		// Named from the start: while the pods go, their members are not removed yet either.
		for (const id of ids) this.stranded.add(id);
		if (pods.length > 0) {
			for (const id of pods) this.strandedPods.add(id);
			const outcome = await this.deps.actions.lessonCommand(removePodsNowArgs(pods));
			if (outcome.ok) {
				for (const id of pods) this.strandedPods.delete(id);
				runner.markRemoved(pods);
			}
		}
		if (ids.length === 0) return;
		const outcome = await this.deps.actions.lessonCommand(removeNowArgs(ids));
		if (!outcome.ok) return;
		for (const id of ids) this.stranded.delete(id);
		runner.markRemoved(ids);
	}

	/** The lesson's containers podman could not remove, with the command that removes them; undefined when there are none. */
	exitMessage(): string | undefined {
		return this.removeCommandFor([...this.stranded], [...this.strandedPods]);
	}

	/** After a crash, when nothing could be left cleanly: how to remove what the running lesson made too. */
	crashMessage(): string | undefined {
		return this.removeCommandFor(
			[...new Set([...(this.runner?.leftovers() ?? []), ...this.stranded])],
			[...new Set([...(this.runner?.leftoverPods() ?? []), ...this.strandedPods])],
		);
	}

	private removeCommandFor(ids: readonly string[], pods: readonly string[]): string | undefined {
		const commands = [...(pods.length > 0 ? [removePodsNowArgs(pods)] : []), ...(ids.length > 0 ? [removeNowArgs(ids)] : [])];
		if (commands.length === 0) return undefined;
		return t('lesson.leftoversOnExit', { command: commands.map((args) => quoteCommandWords([...this.deps.podmanCommand, ...args])).join('; ') });
	}
}

/** `lesson-lifecycle-7f3a`: the lesson's name, so people see which containers are the lesson's, and a random tail so reruns do not clash. */
function containerNameFor(lesson: Lesson): string {
	return `lesson-${lesson.name}-${Math.floor(Math.random() * 0x10000)
		.toString(16)
		.padStart(4, '0')}`;
}
