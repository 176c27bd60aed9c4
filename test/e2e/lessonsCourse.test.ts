import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { after, afterEach, before, describe, test } from 'node:test';
import { ENDED_BY_SIGTERM, KILLED_BY_SIGKILL, STOP_SECONDS } from '../../src/lessons/stopVsKill.js';
import { type Language, type MessageKey, setLanguage } from '../../src/messages/i18n.js';
import { shortenIdsInPath } from '../../src/model/container.js';
import type { LogFacts } from '../../src/state/store.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { LessonSession } from '../helpers/lessonSession.js';
import { messagePattern } from '../helpers/messagePattern.js';
import { createPodmanSandbox, type PodmanSandbox } from '../helpers/podmanSandbox.js';
import { processArgv, processState } from '../helpers/procCheck.js';

/**
 * The stop-vs-kill, attach and logs lessons, run from their keys in a real terminal against real
 * podman: each completes, and each verdict's values are checked here against `podman inspect`,
 * /proc and the files conmon writes, read independently of the code under test.
 */
const skip = await e2eSkipReason();

const ID = '[0-9a-f]{12}';
const PID = '\\d+';

/** /proc/PID/stat's parent. */
function ppidOf(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** The paths of the unix sockets PID holds, listening ones marked: its fd inodes looked up in /proc/PID/net/unix. */
function unixSocketsOf(pid: number): Array<{ path: string; listening: boolean }> {
	const inodes = new Set<string>();
	for (const fd of readdirSync(`/proc/${pid}/fd`)) {
		try {
			const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
			if (inode) inodes.add(inode);
		} catch {
			// closed meanwhile
		}
	}
	return readFileSync(`/proc/${pid}/net/unix`, 'utf8')
		.split('\n')
		.slice(1)
		.map((line) => line.trim().split(/\s+/))
		.filter((cols) => inodes.has(cols[6] ?? ''))
		.map((cols) => ({ path: cols[7] ?? '', listening: (Number.parseInt(cols[3] ?? '0', 16) & 0x10000) !== 0 }));
}

/** The value of a conmon option in its /proc cmdline. */
function conmonOption(conmon: number, name: string): string {
	const argv = processArgv(conmon);
	return argv[argv.indexOf(name) + 1] ?? '';
}

/**
 * Waits for step `step`'s ✓ verdict in the program's own log (whole, where the screen may wrap a
 * long path) and matches it against the message `key`; returns the values of its placeholders.
 */
async function passedInLog(
	session: LessonSession,
	step: number,
	key: MessageKey,
	groups: Readonly<Record<string, string>>,
	timeoutMs = 20_000,
): Promise<Record<string, string>> {
	const pattern = new RegExp(`^✓ ${messagePattern(key, groups).source}$`);
	const deadline = Date.now() + timeoutMs;
	let verdicts: string[] = [];
	while (Date.now() < deadline) {
		verdicts = readFileSync(session.logFile, 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line) as LogFacts & { text: string })
			.filter((line) => line.kind === 'lesson' && line.lesson?.step === step && (line.lesson.event === 'passed' || line.lesson.event === 'failed'))
			.map((line) => line.text);
		const match = verdicts.map((text) => pattern.exec(text)).find((m) => m !== null);
		if (match) return { ...match.groups };
		if (verdicts.some((text) => text.startsWith('✗'))) break;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`step ${step}: no verdict matching ${pattern} in the log; verdicts: ${JSON.stringify(verdicts)}`);
}

describe('the stop-vs-kill, attach and logs lessons', { skip: skip ?? false }, () => {
	let sandbox: PodmanSandbox;
	let lesson: LessonSession | undefined;

	before(async () => {
		sandbox = await createPodmanSandbox();
	});

	afterEach(async () => {
		await lesson?.dispose();
		lesson = undefined;
		setLanguage('en');
	});

	after(async () => {
		await sandbox?.dispose();
	});

	/** A lesson session in `language`, with the test's messages in that language too. */
	function open(name: string, language: Language): LessonSession {
		setLanguage(language);
		lesson = new LessonSession(sandbox, name, language);
		return lesson;
	}

	/** The run step: conmon and the container's first process, as podman inspect says. */
	async function runStep(session: LessonSession, step: number, child: string): Promise<{ id: string; conmon: number; pid: number }> {
		await session.press('r');
		const seen = await passedInLog(session, step, 'lesson.run.met', { conmon: PID, id: ID, child: `${child} (?<pid>${PID})` });
		const inspect = await sandbox.inspect(seen['id'] ?? '');
		assert.equal(Number(seen['conmon']), inspect.State.ConmonPid, "the verdict's conmon is podman's ConmonPid");
		assert.equal(Number(seen['pid']), inspect.State.Pid, "the verdict's child is the container's PID");
		return { id: inspect.Id, conmon: Number(seen['conmon']), pid: Number(seen['pid']) };
	}

	/** podman lists none of the lesson's containers any more. */
	async function assertRemoved(ids: readonly string[]): Promise<void> {
		const listed = (await sandbox.podman(['ps', '-aq', '--no-trunc'])).stdout.split('\n');
		assert.deepEqual(
			ids.filter((id) => listed.includes(id)),
			[],
			'the lesson removed its containers',
		);
	}

	for (const language of ['en', 'ja'] as const) {
		test(`stop-vs-kill (${language}): SIGTERM does nothing to sleep as PID 1, SIGKILL after -t ${STOP_SECONDS} gives 137; with --init, 143`, async () => {
			const session = open('stop-vs-kill', language);
			await session.atStep(1, 6);
			const first = await runStep(session, 1, 'sleep infinity');

			await session.next(2, 6);
			await passedInLog(session, 2, 'lesson.stopVsKill.look.met', { child: `sleep infinity ${first.pid}` });
			const sigCgt = /^SigCgt:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${first.pid}/status`, 'utf8'))?.[1] ?? '';
			assert.equal((BigInt(`0x${sigCgt}`) >> 14n) & 1n, 0n, 'no SIGTERM handler in /proc');

			await session.next(3, 6);
			const pressed = Date.now();
			await session.press('s');
			const stopped = await passedInLog(
				session,
				3,
				'lesson.stopVsKill.stop.met',
				{ conmon: String(first.conmon), code: String(KILLED_BY_SIGKILL), seconds: '[\\d.]+' },
				STOP_SECONDS * 1000 + 20_000,
			);
			assert.ok(Number(stopped['seconds']) >= STOP_SECONDS - 0.5, `SIGKILL came after the ${STOP_SECONDS} s timeout: ${stopped['seconds']} s`);
			assert.ok(Date.now() - pressed >= STOP_SECONDS * 1000, 'podman waited for the timeout');
			assert.equal((await sandbox.inspect(first.id)).State.ExitCode, KILLED_BY_SIGKILL);
			assert.notEqual(processState(first.conmon), 'alive', 'conmon exited');

			await session.next(4, 6);
			const second = await runStep(session, 4, '\\S*podman-init -- sleep infinity');
			assert.notEqual(second.id, first.id);

			await session.next(5, 6);
			await session.press('s');
			await passedInLog(session, 5, 'lesson.stopVsKill.stopInit.met', { conmon: String(second.conmon), code: String(ENDED_BY_SIGTERM), seconds: '[\\d.]+' });
			assert.equal((await sandbox.inspect(second.id)).State.ExitCode, ENDED_BY_SIGTERM);
			assert.notEqual(processState(second.conmon), 'alive', 'conmon exited');

			await session.next(6, 6);
			await session.press('d');
			await passedInLog(session, 6, 'lesson.cleanup.met', { count: '2', pids: '-' });
			await assertRemoved([first.id, second.id]);
			await session.next(7, 6);
			await session.quitAfterPassing(6);
		});
	}

	test("attach (en): podman attach is connected to conmon's attach socket, not its parent; conmon and the container outlive it", async () => {
		const session = open('attach', 'en');
		await session.atStep(1, 4);
		const run = await runStep(session, 1, `sh -c '[^']+'`);

		await session.next(2, 4);
		await session.press('a');
		const seen = await passedInLog(session, 2, 'lesson.attach.attach.met', {
			podman: PID,
			conmon: String(run.conmon),
			path: '\\S+/attach',
			fd: PID,
			ppid: PID,
			parent: '[^)]+',
		});
		const podman = Number(seen['podman']);
		assert.deepEqual(processArgv(podman).slice(1, 3), ['attach', '--no-stdin'], 'that PID is podman attach');
		assert.equal(Number(seen['ppid']), ppidOf(run.conmon), "conmon's parent, as /proc says");
		assert.notEqual(ppidOf(run.conmon), podman, 'podman attach is not its parent');
		const sockets = unixSocketsOf(run.conmon);
		const listener = sockets.find((s) => s.listening && s.path.endsWith('/attach'));
		assert.equal(listener?.path, seen['path'], "the verdict's socket is conmon's listening attach socket");
		assert.ok(
			sockets.some((s) => !s.listening && s.path === listener?.path),
			`conmon holds an accepted connection on it: ${JSON.stringify(sockets)}`,
		);

		await session.next(3, 4);
		await passedInLog(session, 3, 'lesson.attach.detach.met', { podman: String(podman), conmon: String(run.conmon), child: `sh -c '[^']+' ${run.pid}` });
		assert.notEqual(processArgv(podman)[1], 'attach', 'podman attach has exited');
		assert.equal(processState(run.conmon), 'alive', 'the same conmon runs on');
		assert.equal((await sandbox.inspect(run.id)).State.Status, 'running');
		assert.ok(!unixSocketsOf(run.conmon).some((s) => !s.listening && s.path.endsWith('/attach')), 'no connection left');

		await session.next(4, 4);
		await session.press('d');
		await passedInLog(session, 4, 'lesson.cleanup.met', { count: '1', pids: String(run.conmon) });
		await assertRemoved([run.id]);
		await session.next(5, 4);
		await session.quitAfterPassing(4);
	});

	test('logs (en): ctr.log from -l, podman logs reads it, the exit file holds 137, --log-driver none leaves podman nothing', async () => {
		const session = open('logs', 'en');
		await session.atStep(1, 7);
		const run = await runStep(session, 1, `sh -c '[^']+'`);

		await session.next(2, 7);
		const file = await passedInLog(session, 2, 'lesson.logs.file.met', { conmon: String(run.conmon), path: '\\S+' });
		// Shown with the container ID cut to 12 digits and an ellipsis: the same path otherwise.
		const logOption = conmonOption(run.conmon, '-l');
		assert.equal(`k8s-file:${file['path']}`, shortenIdsInPath(logOption), "the path is conmon's -l");
		const logPath = logOption.replace(/^k8s-file:/, '');

		await session.next(3, 7);
		await session.press('l');
		const read = await passedInLog(session, 3, 'lesson.logs.read.met', { line: '\\d+', entry: '.+' });
		assert.match(read['entry'] ?? '', new RegExp(`stdout F ${read['line']}$`));
		assert.ok(readFileSync(logPath, 'utf8').includes(`${read['entry']}\n`), 'the line podman logs printed is a line of ctr.log');

		await session.next(4, 7);
		const exitDir = conmonOption(run.conmon, '--exit-dir');
		await session.press('k');
		const exit = await passedInLog(session, 4, 'lesson.logs.exit.met', { conmon: String(run.conmon), dir: '\\S+', content: '\\d+', code: '\\d+' });
		assert.equal(exit['dir'], exitDir, "conmon's --exit-dir");
		assert.equal(exit['content'], '137');
		assert.equal((await sandbox.inspect(run.id)).State.ExitCode, 137, "podman's exit code is the file's");
		assert.equal(existsSync(`${exitDir}/${run.id}`), false, 'podman has removed the exit file');

		await session.next(5, 7);
		const none = await runStep(session, 5, `sh -c '[^']+'`);
		assert.equal(conmonOption(none.conmon, '-l'), 'none');

		await session.next(6, 7);
		await session.press('l');
		const refused = await passedInLog(session, 6, 'lesson.logs.none.met', { conmon: String(none.conmon), value: 'none', answer: '.+' });
		const podmanSays = await sandbox.podman(['logs', none.id], { reject: false });
		assert.notEqual(podmanSays.exitCode, 0);
		assert.ok(podmanSays.stderr.includes(refused['answer'] ?? '-'), `podman's own refusal: ${podmanSays.stderr}`);

		await session.next(7, 7);
		await session.press('d');
		await passedInLog(session, 7, 'lesson.cleanup.met', { count: '2', pids: String(none.conmon) });
		await assertRemoved([run.id, none.id]);
		await session.next(8, 7);
		await session.quitAfterPassing(7);
	});
});
