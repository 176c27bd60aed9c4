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

/** Who would run a lesson, and where its containers live. */
export interface LessonHost {
	/** The UID podman runs as: this machine's, or the far user's once its session is up (undefined until then). */
	uid: number | undefined;
	/** The containers live on a far host (`--connection`). */
	far: boolean;
}

/**
 * Why a lesson cannot run here, in one line; undefined when it can. The rootless lesson refuses
 * root; on a far host, a lesson that needs this machine to be conmon's refuses with why.
 */
export function lessonRefusal(lesson: Lesson, host: LessonHost): string | undefined {
	if (host.far && lesson.notOnFarHost !== undefined) return t(`lesson.farHost.${lesson.notOnFarHost}`, { name: lesson.name });
	if (lesson.needsOrdinaryUser === true && host.uid === 0) return t(host.far ? 'lesson.rootless.farAsRoot' : 'lesson.rootless.asRoot');
	return undefined;
}

/** A lesson by its command-line name. */
export function findLesson(name: string): Lesson | undefined {
	return LESSONS.find((lesson) => lesson.name === name);
}
