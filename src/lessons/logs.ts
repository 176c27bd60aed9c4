import { t } from '../messages/i18n.js';
import { shortenIdsInPath } from '../model/container.js';
import { containerCommandArgs, logsTailArgs } from '../podman/commands.js';
import { safeText } from '../present/safeText.js';
import { parseLogDriver } from '../proc/conmonArgs.js';
import { COUNTING_COMMAND, cleanupStep, EXIT_CODE_WAIT_MS, onLessonContainer, runStep, type SharedMemory } from './commonSteps.js';
import { type Lesson, met, notYet } from './lesson.js';
import { generationsOf, liveConmonOf } from './observe.js';

/** How many of ctr.log's last lines are read to see that conmon writes the container's output there. */
export const LOG_LINES_SHOWN = 1;
/** How far back in ctr.log podman's last line is looked for (the container writes one a second). */
const LOG_LINES_SEARCHED = 30;
/** A k8s-file log line: time, stream, P(artial) or F(ull), the text (conmon src/ctr_logging.c). */
const K8S_LINE = /^\S+ (?:stdout|stderr) [PF] (.*)$/;
const LOOK_TIMEOUT_MS = 15_000;
const KILL_TIMEOUT_MS = 15_000;
const SIGKILL_CODE = 137;

/** What the logs lesson remembers between its steps. */
export interface LogsMemory extends SharedMemory {
	/** conmon's `-l k8s-file:PATH`: the container's log file. */
	logPath: string;
	/** The last line `podman logs --tail 1` printed. */
	podmanLogsLine: string;
	/** The conmon alive when `podman kill` ran. */
	killedConmon: number;
	/** What `podman logs` answered for the container without a log: podman's refusal, or its output. */
	noneAnswer: string;
	/** Whether that `podman logs` failed, as it should. */
	noneRefused: boolean;
}

/**
 * Where the output goes: conmon writes the container's stdout to ctr.log, `podman logs` reads
 * that file; at the end conmon writes the exit code to the exit file, which podman reads; with
 * `--log-driver none` conmon keeps no log and `podman logs` has nothing to read.
 */
export const logs: Lesson<LogsMemory> = {
	name: 'logs',
	title: 'lesson.logs.title',
	summary: 'lesson.logs.summary',
	notOnFarHost: 'readsConmonsMachine',
	steps: [
		runStep({ title: 'lesson.logs.run.title', explanation: 'lesson.logs.run.explain' }, {}, COUNTING_COMMAND),
		{
			title: 'lesson.logs.file.title',
			explanation: 'lesson.logs.file.explain',
			expectation: 'lesson.logs.file.expect',
			check(ctx, state) {
				const conmon = liveConmonOf(state, ctx.containerId);
				if (!conmon) return notYet(t('lesson.seen.noConmon', { name: ctx.containerName }));
				const driver = parseLogDriver(conmon.args?.logPath ?? '');
				if (driver.driver !== 'k8s-file') return notYet(t('lesson.logs.seen.notFile', { conmon: conmon.pid, value: safeText(conmon.args?.logPath ?? '-') }));
				const lines = (ctx.reader.tailLines(driver.path, LOG_LINES_SHOWN) ?? []).filter((l) => K8S_LINE.test(l));
				if (lines.length === 0) return notYet(t('lesson.logs.seen.empty', { conmon: conmon.pid }));
				return {
					...met(t('lesson.logs.file.met', { conmon: conmon.pid, path: safeText(shortenIdsInPath(driver.path)) })),
					remember: { logPath: driver.path },
				};
			},
			timeoutMs: LOOK_TIMEOUT_MS,
		},
		{
			title: 'lesson.logs.read.title',
			explanation: 'lesson.logs.read.explain',
			expectation: 'lesson.logs.read.expect',
			action: {
				key: 'l',
				command: onLessonContainer((id) => logsTailArgs(id, 1)),
				after(_ctx, answer) {
					return { remember: { podmanLogsLine: answer } };
				},
			},
			begin() {
				return { podmanLogsLine: undefined };
			},
			check(ctx) {
				const line = ctx.memory.podmanLogsLine;
				const path = ctx.memory.logPath;
				if (path === undefined) return notYet(t('lesson.logs.seen.noPath'));
				if (line === undefined || line === '') return notYet(t('lesson.logs.seen.noAnswer'));
				const entry = (ctx.reader.tailLines(path, LOG_LINES_SEARCHED) ?? []).find((l) => K8S_LINE.exec(l)?.[1] === line);
				if (entry === undefined) return notYet(t('lesson.logs.seen.notInFile', { line: safeText(line) }));
				return met(t('lesson.logs.read.met', { line: safeText(line), entry: safeText(entry) }));
			},
			timeoutMs: LOOK_TIMEOUT_MS,
		},
		{
			title: 'lesson.logs.exit.title',
			explanation: 'lesson.logs.exit.explain',
			expectation: 'lesson.logs.exit.expect',
			action: { key: 'k', command: onLessonContainer((id) => containerCommandArgs('kill', id)) },
			begin(ctx, state) {
				return { killedConmon: liveConmonOf(state, ctx.containerId)?.pid };
			},
			open(ctx, state) {
				// The exit file is named after the container's ID, in conmon's --exit-dir (conmon src/conmon.c).
				const dir = liveConmonOf(state, ctx.containerId)?.args?.exitDir;
				return dir === undefined || ctx.containerId === undefined ? undefined : ctx.reader.catchFile(dir, ctx.containerId);
			},
			check(ctx, state, now) {
				const pid = ctx.memory.killedConmon;
				const killed = generationsOf(state, ctx.containerId).find((g) => g.pid === pid);
				if (pid === undefined || !killed) return notYet(t('lesson.seen.noConmon', { name: ctx.containerName }));
				if (killed.exitedAt === undefined) return notYet(t('lesson.seen.conmonRuns', { conmon: killed.pid }));
				const dir = killed.args?.exitDir ?? '?';
				const caught = ctx.opened?.caught()?.trim();
				if (caught === undefined) return notYet(t('lesson.logs.seen.noExitFile', { dir: safeText(dir) }));
				if (killed.exitCode === undefined && now - killed.exitedAt < EXIT_CODE_WAIT_MS) return notYet(t('lesson.seen.waitingExitCode'));
				const code = killed.exitCode;
				if (code === undefined || String(code) !== caught || code !== SIGKILL_CODE) {
					return notYet(t('lesson.logs.seen.exitMismatch', { content: safeText(caught), code: code ?? '?' }));
				}
				return met(t('lesson.logs.exit.met', { conmon: killed.pid, dir: safeText(dir), content: safeText(caught), code }));
			},
			timeoutMs: KILL_TIMEOUT_MS,
		},
		runStep({ title: 'lesson.logs.runNone.title', explanation: 'lesson.logs.runNone.explain' }, { logDriver: 'none' }, COUNTING_COMMAND),
		{
			title: 'lesson.logs.none.title',
			explanation: 'lesson.logs.none.explain',
			expectation: 'lesson.logs.none.expect',
			action: {
				key: 'l',
				command: onLessonContainer((id) => logsTailArgs(id, 1)),
				after(_ctx, answer) {
					return { remember: { noneAnswer: answer, noneRefused: false } };
				},
				afterFailure(_ctx, message) {
					return { remember: { noneAnswer: message, noneRefused: true } };
				},
			},
			begin() {
				return { noneAnswer: undefined, noneRefused: undefined };
			},
			check(ctx, state) {
				const conmon = liveConmonOf(state, ctx.containerId);
				if (!conmon) return notYet(t('lesson.seen.noConmon', { name: ctx.containerName }));
				const value = conmon.args?.logPath ?? '-';
				if (parseLogDriver(value).driver !== 'none') return notYet(t('lesson.logs.seen.notNone', { conmon: conmon.pid, value: safeText(value) }));
				const answer = safeText(ctx.memory.noneAnswer ?? '');
				if (ctx.memory.noneRefused === undefined) return notYet(t('lesson.logs.seen.noAnswer'));
				if (!ctx.memory.noneRefused) return notYet(t('lesson.logs.seen.noneAnswered', { answer: answer || '-' }));
				return met(t('lesson.logs.none.met', { conmon: conmon.pid, value: safeText(value), answer }));
			},
			timeoutMs: LOOK_TIMEOUT_MS,
		},
		cleanupStep(),
	],
};
