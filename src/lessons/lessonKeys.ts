import { t } from '../messages/i18n.js';
import { COMMAND_KEY_INPUTS } from '../present/keyTable.js';
import type { LessonController } from './lessonController.js';
import { LESSONS } from './lessons.js';

/** The parts of a key press the lesson keys look at (ink's Key has these). */
export interface PressedKey {
	escape: boolean;
	return: boolean;
	upArrow: boolean;
	downArrow: boolean;
}

/**
 * Keys that run a command, outside lessons (the key table's command keys, L too) or in some
 * step: during a lesson, only the step's own key does.
 */
export const COMMAND_KEYS: ReadonlySet<string> = new Set([
	...COMMAND_KEY_INPUTS,
	...LESSONS.flatMap((lesson) => lesson.steps.flatMap((step) => (step.action ? [step.action.key] : []))),
]);

/** The menu's keys: ↑↓ and Enter, or a lesson's number; Escape closes it. True when the key was the menu's. */
export function lessonMenuKey(lessons: LessonController, input: string, key: PressedKey): boolean {
	if (key.escape) lessons.store.setState({ overlay: undefined });
	else if (key.upArrow) lessons.moveMenu(-1);
	else if (key.downArrow) lessons.moveMenu(1);
	else if (key.return) lessons.chooseFromMenu();
	else if (/^[1-9]$/.test(input) && Number(input) <= LESSONS.length) {
		lessons.store.setState({ lessonMenuIndex: Number(input) - 1 });
		lessons.chooseFromMenu();
	} else return input !== 'q';
	return true;
}

/**
 * A key during a lesson: its y/n question takes any key; then the step's key, n, b, t and
 * Escape. The other command keys are refused, so that what the lesson checks is what its
 * steps did. Returns false for keys the main keymap handles (movement, Enter, /, ?, q).
 */
export function lessonStepKey(lessons: LessonController, input: string, key: PressedKey): boolean {
	const runner = lessons.current;
	const progress = lessons.store.getState().lesson;
	if (!runner || !progress) return false;
	if (progress.phase === 'confirm') {
		runner.confirm(input.toLowerCase() === 'y');
		return true;
	}
	if (progress.confirmLeave) {
		if (input.toLowerCase() === 'y') void lessons.leave();
		else lessons.store.setState({ lesson: { ...progress, confirmLeave: false } });
		return true;
	}
	if (key.escape) {
		// Escape clears a filter first, as everywhere; a lesson in progress is left only after y.
		if (lessons.store.getState().filter !== '') return false;
		if (progress.phase === 'finished') void lessons.leave();
		else lessons.store.setState({ lesson: { ...progress, confirmLeave: true } });
		return true;
	}
	if (progress.key !== undefined && input === progress.key) runner.act();
	else if (input === 'n') runner.next();
	else if (input === 'b') runner.back();
	else if (input === 't') runner.repeat();
	else if (COMMAND_KEYS.has(input)) {
		const text = progress.key === undefined ? t('lesson.ui.noKeyInStep') : t('lesson.ui.notInLesson', { key: progress.key });
		lessons.store.setState({ status: { tone: 'info', text } });
	} else return false;
	return true;
}
