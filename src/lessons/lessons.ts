import { attach } from './attach.js';
import { exec } from './exec.js';
import type { Lesson } from './lesson.js';
import { lifecycle } from './lifecycle.js';
import { logs } from './logs.js';
import { orphan } from './orphan.js';
import { parentage } from './parentage.js';
import { restartPolicy } from './restartPolicy.js';
import { stopVsKill } from './stopVsKill.js';

/** Every lesson, in the order the menu lists them: each builds on the one before. */
export const LESSONS: readonly Lesson[] = [lifecycle, parentage, exec, orphan, restartPolicy, stopVsKill, attach, logs];

/** A lesson by its command-line name. */
export function findLesson(name: string): Lesson | undefined {
	return LESSONS.find((lesson) => lesson.name === name);
}
