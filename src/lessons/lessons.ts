import { t } from '../messages/i18n.js';
import { attach } from './attach.js';
import { exec } from './exec.js';
import type { Lesson } from './lesson.js';
import { lifecycle } from './lifecycle.js';
import { logs } from './logs.js';
import { orphan } from './orphan.js';
import { parentage } from './parentage.js';
import { pod } from './pod.js';
import { restartPolicy } from './restartPolicy.js';
import { rootless } from './rootless.js';
import { stopVsKill } from './stopVsKill.js';

/**
 * Every lesson, in the order the menu lists them: a course, each building on the one before.
 * orphan is destructive (it kills a conmon), so it comes last.
 */
export const LESSONS: readonly Lesson[] = [lifecycle, stopVsKill, restartPolicy, parentage, attach, logs, exec, pod, rootless, orphan];

/** Why a lesson cannot run for this user, in words; undefined when it can (the rootless lesson refuses root). */
export function lessonRefusal(lesson: Lesson, uid: number): string | undefined {
	return lesson.needsOrdinaryUser === true && uid === 0 ? t('lesson.rootless.asRoot') : undefined;
}

/** A lesson by its command-line name. */
export function findLesson(name: string): Lesson | undefined {
	return LESSONS.find((lesson) => lesson.name === name);
}
