import { changesEn } from './changes.en.js';
import { changesJa } from './changes.ja.js';
import { cliEn } from './cli.en.js';
import { cliJa } from './cli.ja.js';
import { commonEn } from './common.en.js';
import { commonJa } from './common.ja.js';
import { detailsEn } from './details.en.js';
import { detailsJa } from './details.ja.js';
import { eventsEn } from './events.en.js';
import { eventsJa } from './events.ja.js';
import { explainEn } from './explain.en.js';
import { explainJa } from './explain.ja.js';
import { helpEn } from './help.en.js';
import { helpJa } from './help.ja.js';
import { lessonAttachEn } from './lessonAttach.en.js';
import { lessonAttachJa } from './lessonAttach.ja.js';
import { lessonLogsEn } from './lessonLogs.en.js';
import { lessonLogsJa } from './lessonLogs.ja.js';
import { lessonPodEn } from './lessonPod.en.js';
import { lessonPodJa } from './lessonPod.ja.js';
import { lessonRootlessEn } from './lessonRootless.en.js';
import { lessonRootlessJa } from './lessonRootless.ja.js';
import { lessonStopVsKillEn } from './lessonStopVsKill.en.js';
import { lessonStopVsKillJa } from './lessonStopVsKill.ja.js';
import { lessonsEn } from './lessons.en.js';
import { lessonsJa } from './lessons.ja.js';
import { remoteEn } from './remote.en.js';
import { remoteJa } from './remote.ja.js';
import { rootlessEn } from './rootless.en.js';
import { rootlessJa } from './rootless.ja.js';
import { screenEn } from './screen.en.js';
import { screenJa } from './screen.ja.js';
import { setupsEn } from './setups.en.js';
import { setupsJa } from './setups.ja.js';
import { statusEn } from './status.en.js';
import { statusJa } from './status.ja.js';
import { transcriptEn } from './transcript.en.js';
import { transcriptJa } from './transcript.ja.js';
import { treeEn } from './tree.en.js';
import { treeJa } from './tree.ja.js';

/**
 * Every user-visible text, per language. Each area of the program has its own section file
 * pair (`area.en.ts`, `area.ja.ts`); they are joined here.
 */
export const en = {
	...commonEn,
	...helpEn,
	...screenEn,
	...treeEn,
	...detailsEn,
	...explainEn,
	...eventsEn,
	...statusEn,
	...rootlessEn,
	...cliEn,
	...lessonsEn,
	...lessonStopVsKillEn,
	...lessonAttachEn,
	...lessonLogsEn,
	...lessonPodEn,
	...lessonRootlessEn,
	...transcriptEn,
	...changesEn,
	...setupsEn,
	...remoteEn,
};

export type MessageKey = keyof typeof en;

export const ja: Readonly<Record<MessageKey, string>> = {
	...commonJa,
	...helpJa,
	...screenJa,
	...treeJa,
	...detailsJa,
	...explainJa,
	...eventsJa,
	...statusJa,
	...rootlessJa,
	...cliJa,
	...lessonsJa,
	...lessonStopVsKillJa,
	...lessonAttachJa,
	...lessonLogsJa,
	...lessonPodJa,
	...lessonRootlessJa,
	...transcriptJa,
	...changesJa,
	...setupsJa,
	...remoteJa,
};

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, ja };
