import { shortId } from '../container.js';
import { t } from '../i18n.js';
import type { AppStore } from '../store.js';
import type { Lesson } from './lesson.js';
import { LESSONS } from './lessons.js';
import { LessonRunner, type LessonDeps } from './lessonRunner.js';

/**
 * The lesson menu and the lesson running from it. One lesson at a time; leaving it goes back
 * to the menu, and the containers it made are removed on the way (they were only the lesson's).
 */
export class LessonController {
	private runner: LessonRunner | undefined;
	/** Containers of lessons already left that could not be removed: the exit message lists them. */
	private readonly stranded = new Set<string>();

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

	/** Starts a lesson (leaving any other first), beside the live tree. */
	start(lesson: Lesson): void {
		if (this.runner) this.leave({ toMenu: false });
		this.deps.store.setState({ overlay: undefined, lessonMenuIndex: LESSONS.indexOf(lesson) });
		this.runner = new LessonRunner(lesson, this.deps, containerNameFor(lesson));
		this.runner.start();
	}

	/** Leaves the lesson in progress, removing its containers, and shows the menu again. */
	leave({ toMenu }: { toMenu: boolean } = { toMenu: true }): void {
		const runner = this.runner;
		if (!runner) return;
		this.runner = undefined;
		runner.leave();
		const left = runner.leftovers();
		const running = runner.commandInFlight();
		if (running) {
			// A `podman run` not answered yet makes its container after this; and a second lesson command is
			// refused while one runs. Remove them all once it has answered; the exit message names them meanwhile.
			const known = new Set(runner.context.created);
			for (const id of left) this.stranded.add(id);
			void running.then(() => this.remove([...left, ...runner.context.created.filter((id) => !known.has(id))]));
		} else this.remove(left);
		if (toMenu) this.openMenu();
	}

	/** `podman rm -f -t 0` of a left lesson's containers; until podman has removed them, the exit message names them. */
	private remove(ids: readonly string[]): void {
		if (ids.length === 0) return;
		for (const id of ids) this.stranded.add(id);
		void this.deps.actions.lessonCommand(['rm', '-f', '-t', '0', ...ids]).then((answer) => {
			if (answer !== undefined) for (const id of ids) this.stranded.delete(id);
		});
	}

	/**
	 * What to tell the learner on the way out: the lesson's containers still there, with the
	 * command that removes them (quitting does not wait for podman).
	 */
	exitMessage(): string | undefined {
		this.runner?.stop();
		const ids = [...new Set([...(this.runner?.leftovers() ?? []), ...this.stranded])];
		if (ids.length === 0) return undefined;
		return t('lesson.leftoversOnExit', { command: `${this.deps.podmanBinary} rm -f -t 0 ${ids.map(shortId).join(' ')}` });
	}
}

/** `lesson-lifecycle-7f3a`: the lesson's name, so people see which containers are the lesson's, and a random tail so reruns do not clash. */
function containerNameFor(lesson: Lesson): string {
	return `lesson-${lesson.name}-${Math.floor(Math.random() * 0x10000).toString(16).padStart(4, '0')}`;
}
