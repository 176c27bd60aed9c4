import { t } from '../messages/i18n.js';
import { COMMAND_KEY_INPUTS } from '../present/keyTable.js';
import { keyStatus } from '../state/hostStatus.js';
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

/** How many lessons the digit keys reach: 1–9, then 0 for the tenth, as on the keyboard's number row. */
const DIGIT_KEYS = 10;

/** The digit key that chooses the menu's lesson at `index` (from 0): 1–9, 0 for the tenth; none past it. */
export function lessonMenuDigit(index: number): string | undefined {
	return Number.isInteger(index) && index >= 0 && index < DIGIT_KEYS ? String((index + 1) % DIGIT_KEYS) : undefined;
}

/** The digit keys of a menu of `count` lessons, as its title says them: `1-6`, or `0-9` from the tenth on. */
export function lessonMenuDigits(count: number): string {
	if (count >= DIGIT_KEYS) return `0-${DIGIT_KEYS - 1}`;
	return count <= 1 ? '1' : `1-${count}`;
}

/** The menu index a digit key chooses (0 is the tenth lesson), or undefined for any other key or a lesson that is not there. */
export function lessonIndexOfDigit(input: string, lessonCount: number): number | undefined {
	if (!/^[0-9]$/.test(input)) return undefined;
	const index = (Number(input) + DIGIT_KEYS - 1) % DIGIT_KEYS;
	return index < lessonCount ? index : undefined;
}

/** The menu's keys: ↑↓ and Enter, or a lesson's digit (0 for the tenth); Escape closes it. True when the key was the menu's. */
export function lessonMenuKey(lessons: LessonController, input: string, key: PressedKey): boolean {
	const chosen = lessonIndexOfDigit(input, LESSONS.length);
	if (key.escape) lessons.store.setState({ overlay: undefined });
	else if (key.upArrow) lessons.moveMenu(-1);
	else if (key.downArrow) lessons.moveMenu(1);
	else if (key.return) lessons.chooseFromMenu();
	else if (chosen !== undefined) {
		lessons.store.setState({ lessonMenuIndex: chosen });
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
		lessons.store.setState({ status: keyStatus('info', text) });
	} else return false;
	return true;
}
