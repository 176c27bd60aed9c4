import { exec } from './exec.js';
import type { Lesson } from './lesson.js';
import { lifecycle } from './lifecycle.js';
import { orphan } from './orphan.js';
import { parentage } from './parentage.js';
import { pod } from './pod.js';
import { restartPolicy } from './restartPolicy.js';

/**
 * Every lesson, in the order the menu lists them: a course, each building on the one before.
 * The full course: lifecycle → stop-vs-kill → restart-policy → parentage → attach → logs → exec
 * → pod → rootless → orphan (destructive, last). stop-vs-kill, attach and logs come from another
 * branch; they go into their places when it is merged.
 */
export const LESSONS: readonly Lesson[] = [lifecycle, restartPolicy, parentage, exec, pod, orphan];

/** A lesson by its command-line name. */
export function findLesson(name: string): Lesson | undefined {
	return LESSONS.find((lesson) => lesson.name === name);
}
