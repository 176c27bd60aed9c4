import type { ConmonGeneration } from './conmonHistory.js';
import { t } from './i18n.js';
import { shortId, type Container } from './container.js';
import type { ProcessInfo } from './procfs.js';
import { HELPER_PURPOSE, type RootlessHelper } from './rootlessHelpers.js';
import type { TreeRow } from './tree.js';

/** A compact age: 4s, 3m12s, 2h05m, 3d04h. */
export function formatDuration(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 60) return `${seconds}s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
	const hours = Math.floor(minutes / 60);
	if (hours < 24) return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
	return `${Math.floor(hours / 24)}d${String(hours % 24).padStart(2, '0')}h`;
}

/**
 * An age as the tree shows it: seconds only in the first minute, then minutes, hours, days
 * (podman says "Up 3 minutes"). The screen then changes once a minute, not once a second,
 * when nothing happens; the details view has the exact durations.
 */
export function formatAge(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 60) return `${seconds}s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes}m`;
	const hours = Math.floor(minutes / 60);
	if (hours < 24) return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
	return `${Math.floor(hours / 24)}d${String(hours % 24).padStart(2, '0')}h`;
}

/** True while an age shown in the tree still changes every second. */
export function ageTicksBySecond(since: number | undefined, now: number): boolean {
	return since !== undefined && now - since < 60_000;
}

/** Wall-clock time of day, HH:MM:SS, in local time as people in the room read it. */
export function formatClock(ms: number): string {
	const d = new Date(ms);
	return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** Wall-clock time with milliseconds, for the event log where fractions of a second matter. */
export function formatClockMs(ms: number): string {
	return `${formatClock(ms)}.${String(new Date(ms).getMilliseconds()).padStart(3, '0')}`;
}

/** 1st, 2nd, 3rd, 4th, 11th, 21st ... */
export function ordinal(n: number): string {
	const tens = n % 100;
	const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
	return `${n}${suffix}`;
}

/** The state marker of a container row. */
export function stateGlyph(state: string): string {
	if (state === 'running') return '●';
	if (state === 'paused') return '◐';
	return '○';
}

/** podman-ps-like status: "Up 4s", "Exited (0) 5s ago", "Paused", "Created". */
export function containerStatus(container: Container, now: number): string {
	switch (container.state) {
		case 'running':
			return container.startedAt ? `Up ${formatAge(now - container.startedAt)}` : 'Up';
		case 'paused':
			return 'Paused';
		case 'exited':
		case 'stopped': {
			const code = container.exitCode === undefined ? '' : ` (${container.exitCode})`;
			const ago = container.finishedAt ? ` ${formatAge(now - container.finishedAt)} ago` : '';
			return `Exited${code}${ago}`;
		}
		default:
			return container.state.charAt(0).toUpperCase() + container.state.slice(1);
	}
}

/** A process as a person recognises it: its command line, or its name in brackets for a zombie. */
export function processCommand(process: ProcessInfo): string {
	return process.argv.length > 0 ? process.argv.join(' ') : `[${process.comm}]`;
}

/** The columns of a container row. */
export function containerColumns(container: Container, now: number): { name: string; id: string; image: string; command: string; status: string } {
	return {
		name: container.name,
		id: shortId(container.id),
		image: container.image,
		command: container.command.join(' '),
		status: containerStatus(container, now),
	};
}

function previousText(previous: ConmonGeneration | undefined): string {
	if (!previous) return '';
	const exited = previous.exitedAt === undefined ? 'still running' : `exited ${formatClock(previous.exitedAt)}`;
	return `; before: ${previous.pid} ${exited}`;
}

/** "conmon 3990  (2nd start; before: 3805 exited 16:57:03)", "conmon 3870", "conmon 3870 zombie (dead, not yet reaped)"; without the badge. */
export function conmonText(row: Extract<TreeRow, { kind: 'conmon' }>): string {
	const { generation, startNumber, previous, zombie } = row;
	if (generation.exitedAt === undefined && !zombie) {
		const nth = startNumber > 1 || previous ? `  (${ordinal(startNumber)} start${previousText(previous)})` : '';
		return `conmon ${generation.pid}${nth}`;
	}
	// Dead: when and with which code it exited is its badge (changeBadge).
	return zombie ? `conmon ${generation.pid} zombie (dead, not yet reaped)` : `conmon ${generation.pid}`;
}

/**
 * The mark of a row that has just changed, as text so that it reads without colour too:
 * `★ new` on a conmon that just started, `✝ exited 16:58:10, code 137` on a dead one.
 */
export function changeBadge(row: TreeRow): string | undefined {
	if (row.kind === 'exec') return row.highlight === 'new' ? t('changes.badge.new') : undefined;
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
	switch (row.kind) {
		case 'container': {
			const c = containerColumns(row.container, now);
			return `${stateGlyph(row.container.state)} ${c.name}  ${c.id}  ${c.image}  ${c.command}  ${c.status}`;
		}
		case 'conmon':
			return withBadge(conmonText(row), row);
		case 'conmon-history':
			return conmonHistoryText(row.generation);
		case 'exec':
			return withBadge(`conmon ${row.exec.pid}  exec session ${shortId(row.exec.execSessionId)}`, row);
		case 'process':
			return `${processCommand(row.process)} ${row.process.pid}${isZombie(row.process) ? ' (zombie)' : ''}`;
		case 'unmonitored':
			return `⚠ no conmon: container PID ${row.pid} runs unmonitored (conmon was killed?); podman rm -f recovers`;
		case 'no-conmon':
			return noConmonText(row.container);
		case 'foreign-heading':
			if (!row.user) return `? ${row.count} conmon(s) of containers this podman does not list (another store, or left over)`;
			return `? user ${row.user.name ?? row.user.uid} (uid ${row.user.uid}): ${row.count} conmon(s) of that user's podman${row.listed ? '' : ' — --all-users lists them'}`;
		case 'helper':
			return `${helperCommand(row.helper)} ${row.helper.process.pid}  ${HELPER_PURPOSE[row.helper.kind]}`;
		case 'foreign': {
			const name = row.generation.nameAtStart ? ` (${row.generation.nameAtStart})` : '';
			return `conmon ${row.generation.pid}  container ${shortId(row.containerId)}${name}, since ${formatClock(row.generation.startedAt)}`;
		}
	}
}

/** A helper by the name people know it by: `catatonit -P`, `slirp4netns`, `pasta`, `rootlessport`. */
function helperCommand(helper: RootlessHelper): string {
	return helper.kind === 'pause' ? 'catatonit -P' : helper.kind;
}

function isZombie(process: ProcessInfo): boolean {
	return process.state === 'Z';
}

function noConmonText(container: Container): string {
	if (container.state === 'created' || container.state === 'configured') return 'no conmon yet (never started)';
	if (container.state === 'running' || container.state === 'paused') return 'conmon not found yet';
	const finished = container.finishedAt ? `exited ${formatClock(container.finishedAt)}` : 'exited';
	const code = container.exitCode === undefined ? '' : `, code ${container.exitCode}`;
	return `no conmon (${finished}${code}, before conmon-tui started)`;
}
