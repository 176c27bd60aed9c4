import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { EXEC_SECONDS } from '../../src/lessons/exec.js';
import { RESPAWNS_TO_SEE } from '../../src/lessons/restartPolicy.js';
import { LANGUAGES } from '../../src/messages/catalogues.js';
import { setLanguage, t } from '../../src/messages/i18n.js';
import { markdownInline } from '../../src/output/markdown.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { LessonSession } from '../helpers/lessonSession.js';
import { messagePattern } from '../helpers/messagePattern.js';
import { createPodmanSandbox, type PodmanSandbox } from '../helpers/podmanSandbox.js';
import { processArgv, processState } from '../helpers/procCheck.js';

/**
 * Every lesson, in English and in Japanese, run from its keys in a real terminal against real
 * podman: each lesson completes, and each step's verdict names the real PIDs, checked here
 * against `podman inspect` and /proc.
 */
const skip = await e2eSkipReason();

const ID = '[0-9a-f]{12}';
const PID = '\\d+';

/** The host PID's parent and NSpid line, from /proc. */
function procStatus(pid: number): { ppid: number; nsPid: number[] } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const field = (name: string) => /^(\w+):\s*(.*)$/m.exec(status.split('\n').find((l) => l.startsWith(`${name}:`)) ?? '')?.[2] ?? '';
	return { ppid: Number(field('PPid')), nsPid: field('NSpid').split(/\s+/).map(Number) };
}

/** A container event as `podman events --format json` writes it (podman 4.3: ContainerExitCode omitted when 0). */
interface RecordedEvent {
	ID: string;
	Name: string;
	Status: string;
	Type: string;
	ContainerExitCode?: number;
}

/**
 * The `--record` transcript of the lifecycle lesson against podman's own record: the lesson's
 * headings and its five ✓ checks, exactly the four commands that ran, and each of podman's
 * start and died events for the container with its exit code.
 */
async function checkLifecycleTranscript(sandbox: PodmanSandbox, file: string, id: string, since: string): Promise<void> {
	const text = readFileSync(file, 'utf8');
	const headings = text.split('\n').filter((line) => line.startsWith('##'));
	const steps = [
		'lesson.lifecycle.run.title',
		'lesson.lifecycle.kill.title',
		'lesson.lifecycle.start.title',
		'lesson.lifecycle.conclusion.title',
		'lesson.cleanup.title',
	] as const;
	assert.deepEqual(headings.slice(0, 6), [
		`## ${t('transcript.section.lesson', { title: t('lesson.lifecycle.title') })}`,
		...steps.map((title, i) => `### ${t('transcript.step', { step: i + 1, steps: 5, title: t(title) })}`),
	]);
	assert.equal(text.split('\n').filter((line) => /^- ✓ [\d:.]+ /.test(line)).length, 5, `five checks passed\n${text}`);

	const recorded = (await sandbox.podman(['events', '--since', since, '--stream=false', '--format', 'json'])).stdout
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as RecordedEvent)
		.filter((e) => e.Type === 'container' && e.ID === id && (e.Status === 'start' || e.Status === 'died'));
	assert.deepEqual(
		recorded.map((e) => e.Status),
		['start', 'died', 'start', 'died'],
	);
	const short = id.slice(0, 12);
	const who = `${markdownInline(recorded[0]?.Name ?? '')} (${short})`;
	for (const event of recorded) {
		const line = event.Status === 'start' ? t('events.started', { who }) : t('events.died', { who, code: event.ContainerExitCode ?? 0 });
		assert.ok(text.includes(line), `podman's ${event.Status} event is in the transcript: ${line}\n${text}`);
	}
	const commands = text.split('\n').flatMap((line) => line.match(/^- [\d:.]+ `\$ (.*)`$/)?.[1] ?? []);
	assert.deepEqual(commands, [
		`podman run -d --name ${recorded[0]?.Name ?? ''} ${sandbox.image} sleep infinity`,
		`podman kill ${short}`,
		`podman start ${short}`,
		`podman rm -f -i -t 0 ${short}`,
	]);
}

for (const language of LANGUAGES) {
	describe(`lessons in ${language}`, { skip: skip ?? false }, () => {
		let sandbox: PodmanSandbox;
		let lesson: LessonSession | undefined;
		/** 4 on the host (Debian 12), 5 in the podman 5 world (podman5.test.ts): the orphan's rm -f differs. */
		let podmanMajor = 0;

		before(async () => {
			setLanguage(language);
			sandbox = await createPodmanSandbox();
			podmanMajor = Number.parseInt((await sandbox.podman(['version', '--format', '{{.Client.Version}}'])).stdout, 10);
		});

		// Each test's session is ended after it, passed or failed: no pseudo-terminal is left running.
		afterEach(async () => {
			await lesson?.dispose();
			lesson = undefined;
		});

		after(async () => {
			setLanguage('en');
			await sandbox?.dispose();
		});

		/** The run step, common to every lesson: the conmon and the container's first process, as podman says. */
		async function runStep(session: LessonSession, child = 'sleep infinity'): Promise<{ id: string; conmon: number; pid: number }> {
			await session.press('r');
			const seen = await session.passed('lesson.run.met', { conmon: PID, id: ID, child: `${child} (?<pid>${PID})` });
			const state = (await sandbox.inspect(seen['id'] ?? '')).State;
			assert.equal(Number(seen['conmon']), state.ConmonPid, "the verdict's conmon is podman's ConmonPid");
			assert.equal(Number(seen['pid']), state.Pid, "the verdict's child is the container's PID");
			const { Id: id } = await sandbox.inspect(seen['id'] ?? '');
			return { id, conmon: Number(seen['conmon']), pid: Number(seen['pid']) };
		}

		/** The last step of most lessons: d removes the lesson's containers. */
		async function cleanupStep(session: LessonSession, conmons: string): Promise<void> {
			await session.press('d');
			await session.passed('lesson.cleanup.met', { count: '1', pids: conmons });
			assert.equal((await sandbox.podman(['ps', '-aq'])).stdout.trim(), '', 'the lesson removed its container');
		}

		test('lifecycle: run, kill, start — a new conmon with a new PID; its --record transcript matches podman', async () => {
			const dir = mkdtempSync(join(tmpdir(), 'conmon-tui-lesson-record-'));
			const since = new Date(Date.now() - 1000).toISOString();
			lesson = new LessonSession(sandbox, 'lifecycle', language, ['--record', join(dir, 'lesson.md')]);
			const session = lesson;
			await session.atStep(1, 5);
			const first = await runStep(session);

			await session.next(2, 5);
			await session.press('k');
			await session.passed('lesson.lifecycle.kill.met', { conmon: String(first.conmon), code: '137' });
			assert.notEqual(processState(first.conmon), 'alive');
			assert.equal((await sandbox.inspect(first.id)).State.ExitCode, 137);

			await session.next(3, 5);
			await session.press('s');
			const second = (await session.passed('lesson.lifecycle.start.met', { conmon: PID, before: String(first.conmon), child: `sleep infinity ${PID}` }))[
				'conmon'
			];
			assert.equal(Number(second), (await sandbox.inspect(first.id)).State.ConmonPid);
			assert.notEqual(Number(second), first.conmon);

			await session.next(4, 5);
			await session.passed('lesson.lifecycle.conclusion.met', { count: '2', pids: `${first.conmon} → ${second}` });

			await session.next(5, 5);
			await cleanupStep(session, String(second));
			await session.next(6, 5);
			await session.quitAfterPassing(5);
			await checkLifecycleTranscript(sandbox, join(dir, 'lesson.md'), first.id, since);
			rmSync(dir, { recursive: true, force: true });
		});

		test("parentage: conmon's parent is not podman; podman run -d has exited; conmon is the parent of PID 1", async () => {
			lesson = new LessonSession(sandbox, 'parentage', language);
			const session = lesson;
			await session.atStep(1, 5);
			const run = await runStep(session);

			await session.next(2, 5);
			await session.press('i');
			const { ppid, parent } = await session.passed('lesson.parentage.parent.met', {
				said: String(run.conmon),
				conmon: String(run.conmon),
				ppid: PID,
				parent: '[^)]+',
			});
			assert.equal(Number(ppid), procStatus(run.conmon).ppid, 'the parent /proc gives');
			assert.notEqual(parent, 'podman');

			await session.next(3, 5);
			const podmanPid = (await session.passed('lesson.parentage.podmanGone.met', { podman: PID, conmon: String(run.conmon) }))['podman'];
			assert.notEqual(processArgv(Number(podmanPid))[0]?.endsWith('podman'), true, 'that podman process is gone');

			await session.next(4, 5);
			await session.passed('lesson.parentage.child.met', {
				conmon: String(run.conmon),
				child: `sleep infinity ${run.pid}`,
				host: String(run.pid),
				inside: '1',
			});
			assert.equal(procStatus(run.pid).nsPid.at(-1), 1, 'NSpid says PID 1 inside');
			assert.equal(procStatus(run.pid).ppid, run.conmon);

			await session.next(5, 5);
			await cleanupStep(session, String(run.conmon));
			await session.next(6, 5);
			await session.quitAfterPassing(5);
		});

		test('exec: a second, separate conmon that exits with the command', async () => {
			lesson = new LessonSession(sandbox, 'exec', language);
			const session = lesson;
			await session.atStep(1, 4);
			const run = await runStep(session);

			await session.next(2, 4);
			await session.press('e');
			const { exec: execConmon, session: execSession } = await session.passed('lesson.exec.exec.met', { exec: PID, conmon: String(run.conmon), session: ID });
			assert.notEqual(Number(execConmon), run.conmon);
			const argv = processArgv(Number(execConmon));
			assert.ok(
				argv.some((a) => a.includes('conmon')),
				`exec conmon is a conmon: ${argv.join(' ')}`,
			);
			assert.ok(
				(await sandbox.inspect(run.id)).ExecIDs?.some((e) => e.startsWith(execSession ?? '-')),
				'podman knows the exec session',
			);

			await session.next(3, 4);
			await session.passed(
				'lesson.exec.exit.met',
				{ exec: execConmon ?? '', conmon: String(run.conmon), seconds: String(EXEC_SECONDS) },
				EXEC_SECONDS * 1000 + 20_000,
			);
			assert.notEqual(processState(Number(execConmon)), 'alive');
			assert.equal(processState(run.conmon), 'alive', "the container's conmon runs on");

			await session.next(4, 4);
			await cleanupStep(session, String(run.conmon));
			await session.next(5, 4);
			await session.quitAfterPassing(4);
		});

		test('orphan: kill -9 conmon after y; the container runs on, podman is stale, rm -f recovers', async () => {
			lesson = new LessonSession(sandbox, 'orphan', language);
			const session = lesson;
			await session.atStep(1, 4);
			const run = await runStep(session);

			await session.next(2, 4);
			await session.press('K');
			await session.tui.waitFor(messagePattern('lesson.ui.confirm', {}));
			assert.equal(processState(run.conmon), 'alive', 'nothing is killed before y');
			await session.press('y');
			await session.passed('lesson.orphan.kill.met', { conmon: String(run.conmon), pid: String(run.pid) });
			assert.notEqual(processState(run.conmon), 'alive');
			assert.equal(processState(run.pid), 'alive', "the container's process runs on");
			await session.tui.waitFor(new RegExp(`⚠ [^\\n]*${run.pid}`));

			await session.next(3, 4);
			await session.press('i');
			await session.passed('lesson.orphan.stale.met', { status: 'running', conmon: String(run.conmon) });
			const state = (await sandbox.inspect(run.id)).State;
			assert.equal(state.Status, 'running');
			assert.equal(state.ConmonPid, run.conmon, "podman's stale ConmonPid");

			await session.next(4, 4);
			await session.press('d');
			if (podmanMajor >= 5) {
				// podman 5's rm -f stops halfway with a dead conmon: process killed, container kept, exited (-1).
				await session.tui.waitFor(new RegExp(`✗ ${messagePattern('lesson.commandFailed', {}).source}`), 20_000);
				await session.tui.waitFor(/conmon exited prematurely, exit code could not be retrieved/);
				assert.notEqual(processState(run.pid), 'alive', 'the first rm -f killed the process');
				const halfway = (await sandbox.inspect(run.id)).State;
				assert.deepEqual([halfway.Status, halfway.ExitCode], ['exited', -1]);
				await session.press('d');
			}
			await session.passed('lesson.orphan.recover.met', { pid: String(run.pid) });
			assert.notEqual(processState(run.pid), 'alive');
			assert.equal((await sandbox.podman(['ps', '-aq'])).stdout.trim(), '');
			await session.next(5, 4);
			await session.quitAfterPassing(4, podmanMajor >= 5 ? [4] : []);
		});

		test("restart-policy: podman's cleanup starts the container again, a new conmon with a new PID each time", async () => {
			lesson = new LessonSession(sandbox, 'restart-policy', language);
			const session = lesson;
			await session.atStep(1, 3);
			const run = await runStep(session, "sh -c 'sleep 3; exit 3'".replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

			await session.next(2, 3);
			const pids = await session.restartChain();
			assert.ok(pids.includes(run.conmon));
			const restarts = ((await sandbox.inspect(run.id)) as { RestartCount?: number }).RestartCount ?? 0;
			assert.ok(restarts >= RESPAWNS_TO_SEE, `podman counts ${restarts} restarts`);

			await session.next(3, 3);
			await session.press('d');
			// Between two starts no conmon runs, and the verdict says so with "-".
			await session.passed('lesson.cleanup.met', { count: '1', pids: '\\d+|-' });
			assert.equal((await sandbox.podman(['ps', '-aq'])).stdout.trim(), '');
			await session.next(4, 3);
			await session.quitAfterPassing(3);
		});
	});
}
