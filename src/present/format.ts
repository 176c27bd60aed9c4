import { currentLanguage, type Language, type MessageKey, t } from '../messages/i18n.js';
import type { ConmonGeneration } from '../model/conmonHistory.js';
import { type Container, expectsConmon, shortId } from '../model/container.js';
import type { RemovedContainer } from '../model/removed.js';
import type { TreeRow } from '../model/tree.js';
import { isDead, type ProcessInfo } from '../proc/parse.js';
import { isPodmanInit } from '../proc/podmanInit.js';
import type { RootlessHelper } from '../proc/rootlessHelpers.js';
import { quoteCommandWords } from './commandWords.js';
import { helperPurpose } from './helperPurpose.js';
import { ageSince, nextAgeChangeAt } from './redrawTiming.js';
import { safeText } from './safeText.js';

/** Two digits: the 05 of 3m05s. */
function twoDigits(n: number): string {
	return String(n).padStart(2, '0');
}

/** A compact age in the current language: 4s, 3m12s, 2h05m, 3d04h (4 秒, 3 分 12 秒 … in Japanese). */
export function formatDuration(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 60) return t('duration.seconds', { s: seconds });
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return t('duration.minutesSeconds', { m: minutes, ss: twoDigits(seconds % 60) });
	const hours = Math.floor(minutes / 60);
	if (hours < 24) return t('duration.hoursMinutes', { h: hours, mm: twoDigits(minutes % 60) });
	return t('duration.daysHours', { d: Math.floor(hours / 24), hh: twoDigits(hours % 24) });
}

/**
 * An age as the tree shows it: seconds only in the first minute, then minutes, hours, days
 * (podman says "Up 3 minutes"). The screen then changes once a minute, not once a second,
 * when nothing happens; the details view has the exact durations.
 */
export function formatAge(ms: number): string {
	// An age reads whole seconds at most: every container started within the same second shows the same one.
	const seconds = Math.floor(Math.max(0, ms) / 1000);
	const language = currentLanguage();
	if (madeAges.language !== language || madeAges.texts.size >= MADE_AGES_LIMIT) {
		madeAges.language = language;
		madeAges.texts.clear();
	}
	let age = madeAges.texts.get(seconds);
	if (age === undefined) {
		const minutes = Math.floor(seconds / 60);
		age = minutes >= 1 && minutes < 60 ? t('duration.minutes', { m: minutes }) : formatDuration(seconds * 1000);
		madeAges.texts.set(seconds, age);
	}
	return age;
}

/**
 * The ages made lately, by whole seconds, in one language: at an age tick in the first minute
 * every container counting seconds has its status made again, and containers started together
 * (a compose file, a pod) read the same age. Cleared past the bound (a second's key is new each second).
 */
const madeAges: { language: Language | undefined; texts: Map<number, string> } = { language: undefined, texts: new Map() };
const MADE_AGES_LIMIT = 512;

/** How long an age shown in the tree counts seconds ("Up 59 seconds"); then it counts minutes. */
export const AGES_TICK_BY_SECOND_MS = 60_000;

/** Wall-clock time of day, HH:MM:SS, in local time as people in the room read it. */
export function formatClock(ms: number): string {
	const d = new Date(ms);
	return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** Wall-clock time with milliseconds, for the event log where fractions of a second matter. */
export function formatClockMs(ms: number): string {
	return `${formatClock(ms)}.${String(new Date(ms).getMilliseconds()).padStart(3, '0')}`;
}

const ORDINAL_KEYS: Readonly<Partial<Record<Intl.LDMLPluralRule, MessageKey>>> = {
	one: 'ordinal.one',
	two: 'ordinal.two',
	few: 'ordinal.few',
	other: 'ordinal.other',
};

/** 1st, 2nd, 3rd, 4th, 11th, 21st ... in English; 1 回目, 2 回目 ... in Japanese (the language's ordinal rules pick the form). */
export function ordinal(n: number): string {
	const category = new Intl.PluralRules(currentLanguage(), { type: 'ordinal' }).select(n);
	return t(ORDINAL_KEYS[category] ?? 'ordinal.other', { n });
}

/** The state marker of a container row. */
export function stateGlyph(state: string): string {
	if (state === 'running') return '●';
	if (state === 'paused') return '◐';
	return '○';
}

/** The other states podman reports, by name; a state not listed here is shown as podman spells it. */
const STATE_STATUS: Readonly<Record<string, MessageKey>> = {
	created: 'tree.status.created',
	configured: 'tree.status.configured',
	initialized: 'tree.status.initialized',
	stopping: 'tree.status.stopping',
	removing: 'tree.status.removing',
};

/** A container's status as last made, in `language`, and until when it reads the same. */
interface MadeStatus {
	status: string;
	language: Language;
	madeAt: number;
	until: number;
}

/**
 * Each container's status, made once for as long as it reads the same: the tree's column widths
 * measure every container's status at each age tick, and the drawn rows show the same texts.
 * Per container object, as escapedTexts: a container that changes is a new object.
 */
const madeStatuses = new WeakMap<Container, MadeStatus>();

/** podman-ps-like status: "Up 4s", "Exited (0) 5s ago", "Paused", "Created". */
export function containerStatus(container: Container, now: number): string {
	const language = currentLanguage();
	let made = madeStatuses.get(container);
	if (made !== undefined && made.language === language && made.madeAt <= now && now < made.until) return made.status;
	const since = ageSince(container);
	const status = statusAt(container, now);
	// Its age next changes then (formatAge and nextAgeChangeAt count the same units); a status without an age never changes.
	const until = since === undefined ? Number.POSITIVE_INFINITY : nextAgeChangeAt(since, now);
	if (made === undefined) {
		made = { status, language, madeAt: now, until };
		madeStatuses.set(container, made);
	} else {
		// Changed in place: at every tick of the first minute, a new object per container would be garbage a second later.
		made.status = status;
		made.language = language;
		made.madeAt = now;
		made.until = until;
	}
	return status;
}

function statusAt(container: Container, now: number): string {
	switch (container.state) {
		case 'running':
			return container.startedAt ? t('tree.status.up', { age: formatAge(now - container.startedAt) }) : t('tree.status.upSinceUnknown');
		case 'paused':
			return t('tree.status.paused');
		case 'exited':
		case 'stopped': {
			const code = container.exitCode;
			if (!container.finishedAt) return code === undefined ? t('tree.status.exited') : t('tree.status.exitedCode', { code });
			const age = formatAge(now - container.finishedAt);
			return code === undefined ? t('tree.status.exitedAgo', { age }) : t('tree.status.exitedCodeAgo', { code, age });
		}
		default: {
			const key = STATE_STATUS[container.state];
			return key ? t(key) : safeText(container.state.charAt(0).toUpperCase() + container.state.slice(1));
		}
	}
}

/** "exited 16:58:10, code 0", or as much of it as is known. */
function exitPhrase(exitedAt: number | undefined, code: number | undefined): string {
	if (exitedAt === undefined) return code === undefined ? t('tree.exit.unknownTime') : t('tree.exit.code', { code });
	const time = formatClock(exitedAt);
	return code === undefined ? t('tree.exit.at', { time }) : t('tree.exit.atCode', { time, code });
}

/**
 * A process as a person recognises it: its command line, or its name in brackets for a zombie.
 * Safe to draw (see safeText): an argument's newline shows as `\n`, so the command stays on one line.
 */
export function processCommand(process: ProcessInfo): string {
	if (process.argv.length === 0) return `[${safeText(process.comm)}]`;
	// One word with spaces is a title the process set itself (`nginx: master process …`): shown as it is.
	return safeText(process.argv.length === 1 ? (process.argv[0] ?? '') : quoteCommandWords(process.argv));
}

/** A container row's texts that do not change with the time. */
export interface ContainerTexts {
	name: string;
	id: string;
	image: string;
	command: string;
}

/**
 * Each container's texts, escaped once per container object: the store keeps a container's object
 * until podman reports it changed, and every drawn row is looked at again at each age tick.
 */
const escapedTexts = new WeakMap<Container, ContainerTexts>();

/** The columns of a container row that do not change with the time, safe to draw (podman's strings are the container creator's: see safeText). */
export function containerTexts(container: Container): ContainerTexts {
	let texts = escapedTexts.get(container);
	if (!texts) {
		texts = {
			name: safeText(container.name),
			id: safeText(shortId(container.id)),
			image: safeText(container.image),
			command: safeText(quoteCommandWords(container.command)),
		};
		escapedTexts.set(container, texts);
	}
	return texts;
}

/** The columns of a container row, safe to draw: its texts and its status ("Up 5 seconds"). */
export function containerColumns(container: Container, now: number): ContainerTexts & { status: string } {
	return { ...containerTexts(container), status: containerStatus(container, now) };
}

function previousText(previous: ConmonGeneration): string {
	if (previous.exitedAt === undefined) return t('tree.conmon.previousRunning', { pid: previous.pid });
	const time = formatClock(previous.exitedAt);
	return previous.exitCode === undefined
		? t('tree.conmon.previousExited', { pid: previous.pid, time })
		: t('tree.conmon.previousExitedCode', { pid: previous.pid, time, code: previous.exitCode });
}

/** "conmon 3990  (2nd start; before: 3805 exited 16:57:03)", "conmon 3870", "conmon 3870 zombie (dead, not yet reaped)"; without the badge. */
export function conmonText(row: Extract<TreeRow, { kind: 'conmon' }>): string {
	const { generation, startNumber, previous, zombie } = row;
	const pid = generation.pid;
	if (generation.exitedAt === undefined && !zombie) {
		if (previous) return t('tree.conmon.nthStartAfter', { pid, nth: ordinal(startNumber), previous: previousText(previous) });
		return startNumber > 1 ? t('tree.conmon.nthStart', { pid, nth: ordinal(startNumber) }) : `conmon ${pid}`;
	}
	// Dead: when and with which code it exited is its badge (changeBadge).
	return zombie ? t('tree.conmon.zombie', { pid }) : `conmon ${pid}`;
}

/**
 * The mark of a row that has just changed, as text so that it reads without colour too:
 * `★ new` on a conmon that just started, `✝ exited 16:58:10, code 137` on a dead one.
 */
export function changeBadge(row: TreeRow): string | undefined {
	if (row.kind === 'exec') {
		if (row.highlight === 'new') return t('changes.badge.new');
		// podman keeps an exec session's exit code, not its conmon: the row says when, not how.
		return row.exec.exitedAt === undefined ? undefined : t('changes.badge.execExitedAt', { time: formatClock(row.exec.exitedAt) });
	}
	if (row.kind !== 'conmon' || row.highlight === undefined) return undefined;
	if (row.highlight === 'new') return t('changes.badge.new');
	const { exitedAt, exitCode } = row.generation;
	if (exitedAt === undefined) return exitCode === undefined ? t('changes.badge.exited') : t('changes.badge.exitedCode', { code: exitCode });
	const time = formatClock(exitedAt);
	return exitCode === undefined ? t('changes.badge.exitedAt', { time }) : t('changes.badge.exitedAtCode', { time, code: exitCode });
}

/** A container's last conmon, moved into history: `no conmon · last: 3805 exited 16:57:03, code 137 (Enter: history)`. */
export function conmonHistoryText(generation: ConmonGeneration): string {
	const pid = generation.pid;
	const time = generation.exitedAt === undefined ? '?' : formatClock(generation.exitedAt);
	const code = generation.exitCode;
	return code === undefined ? t('changes.history.last', { pid, time }) : t('changes.history.lastCode', { pid, time, code });
}

/** `text`, followed by the row's badge when it has one. */
function withBadge(text: string, row: TreeRow): string {
	const badge = changeBadge(row);
	return badge === undefined ? text : `${text}  ${badge}`;
}

/** The text of any tree row, without its guide. Used by the TUI and by `--once`. */
export function rowText(row: TreeRow, now: number): string {
	// Escaped as a whole too: every row holds outside text somewhere, and escaping twice changes nothing.
	return safeText(rowWords(row, now));
}

function rowWords(row: TreeRow, now: number): string {
	switch (row.kind) {
		case 'pod':
			return podText(row);
		case 'container': {
			const c = containerColumns(row.container, now);
			const infra = row.container.isInfra ? `  ${infraNote()}` : '';
			const unit = unitNote(row.container);
			return `${stateGlyph(row.container.state)} ${c.name}  ${c.id}  ${c.image}  ${c.command}  ${c.status}${infra}${unit === undefined ? '' : `  ${unit}`}`;
		}
		case 'conmon':
			return withBadge(conmonText(row), row);
		case 'conmon-history':
			return conmonHistoryText(row.generation);
		case 'exec':
			return withBadge(t('tree.exec', { pid: row.exec.pid, session: shortId(row.exec.execSessionId) }), row);
		case 'process': {
			const command = processCommand(row.process);
			if (isDead(row.process)) return t('tree.process.zombie', { command, pid: row.process.pid });
			return isPodmanInit(row.process) ? `${command} ${row.process.pid}  ${t('setups.init.tree')}` : `${command} ${row.process.pid}`;
		}
		case 'removed':
			return removedText(row.removed);
		case 'unmonitored':
			return t('tree.unmonitored', { pid: row.pid });
		case 'no-conmon':
			return noConmonText(row.container, row.procUnknown);
		case 'nothing-left':
			return t('tree.nothingLeft', { state: row.container.state });
		case 'foreign-heading': {
			if (!row.user) return t('tree.foreign.heading', { count: row.count });
			const params = { user: row.user.name === undefined ? row.user.uid : safeText(row.user.name), uid: row.user.uid, count: row.count };
			return row.listed ? t('tree.foreign.user', params) : t('tree.foreign.userUnlisted', params);
		}
		case 'helper':
			return `${helperCommand(row.helper)} ${row.helper.process.pid}  ${helperPurpose(row.helper)}`;
		case 'foreign': {
			const params = { pid: row.generation.pid, id: shortId(row.containerId), time: formatClock(row.generation.startedAt) };
			const name = row.generation.nameAtStart;
			return name ? t('tree.foreign.conmonNamed', { ...params, name: safeText(name) }) : t('tree.foreign.conmon', params);
		}
	}
}

/** A count with its noun in the right number: `1 container`, `3 conmons` (the language's plural rules pick the form). */
/** `pod web (3 containers · 3 conmons)`: every container of a pod has its own conmon, the infra's too. */
export function podText(row: Extract<TreeRow, { kind: 'pod' }>): string {
	return t('tree.pod', {
		name: safeText(row.pod.name),
		containers: row.pod.containers.length,
		conmons: row.conmons,
	});
}

/** The systemd unit that runs a container (label PODMAN_SYSTEMD_UNIT), beside its row: `unit web.service`. */
export function unitNote(container: Pick<Container, 'systemdUnit'>): string | undefined {
	return container.systemdUnit === undefined ? undefined : t('setups.unit.tree', { unit: safeText(container.systemdUnit) });
}

/** A `--rm` container just removed: `○ web  4654eceecd1d  image  removed 01:33:55: --rm, …; its last conmon 1234 exited …`. */
function removedText(removed: RemovedContainer): string {
	const c = removed.container;
	const base = t('setups.removed.tree', {
		name: safeText(c.name),
		id: shortId(c.id),
		image: safeText(c.image),
		time: formatClock(removed.removedAt),
	});
	const last = removed.lastConmon;
	if (last === undefined) return `○ ${base}`;
	return `○ ${base}${t('setups.removed.conmon', { pid: last.pid, exit: exitPhrase(last.exitedAt, last.exitCode ?? c.exitCode) })}`;
}

/** What a pod's infra container is for, beside its row. */
export function infraNote(): string {
	return t('tree.pod.infra');
}

/** A helper by the name people know it by: `catatonit -P`, `slirp4netns`, `pasta`, `rootlessport`. */
function helperCommand(helper: RootlessHelper): string {
	return helper.kind === 'pause' ? 'catatonit -P' : helper.kind;
}

function noConmonText(container: Container, procUnknown: boolean): string {
	if (container.state === 'created' || container.state === 'configured') return t('tree.noConmon.neverStarted');
	if (procUnknown) {
		// No /proc to look in: podman's word alone, said as podman's, never a conmon "not found".
		if (!expectsConmon(container)) return t('tree.noConmon.exitedProcUnknown', { exit: exitPhrase(container.finishedAt || undefined, container.exitCode) });
		const pid = container.podmanConmonPid;
		return pid === undefined ? t('tree.noConmon.procUnknown') : t('tree.noConmon.procUnknownPodmanSays', { pid });
	}
	if (container.state === 'running' || container.state === 'paused') return t('tree.noConmon.notFound');
	return t('tree.noConmon.exited', { exit: exitPhrase(container.finishedAt || undefined, container.exitCode) });
}
