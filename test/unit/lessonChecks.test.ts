/**
 * The checks of the parentage, exec, orphan and restart-policy lessons, and the shared clean-up,
 * called directly (begin, action.command, action.after, check) on a lesson context and on store
 * states built as the watcher would build them. No podman: where a check reads /proc itself, the
 * facts that must be true come from real processes of this test (its own PID, a child it spawns
 * under the name `podman` or `conmon`), and "gone" is a PID above the kernel's pid_max.
 * The whole file runs in English and once more in Japanese, so both catalogues are exercised.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EMPTY_HISTORY, type ConmonGeneration, type ExecConmon } from '../../src/conmonHistory.js';
import { shortId } from '../../src/container.js';
import { setLanguage, t, type Language } from '../../src/i18n.js';
import { cleanupStep, EXIT_CODE_WAIT_MS, removeLessonContainers } from '../../src/lessons/commonSteps.js';
import { exec, EXEC_SECONDS } from '../../src/lessons/exec.js';
import type { CheckResult, Lesson, LessonCommand, LessonContext, LessonStep, StepAction } from '../../src/lessons/lesson.js';
import { orphan } from '../../src/lessons/orphan.js';
import { parentage } from '../../src/lessons/parentage.js';
import { RESPAWNS_TO_SEE, restartPolicy, SHORT_LIVED_COMMAND } from '../../src/lessons/restartPolicy.js';
import { processKey, type ProcessInfo } from '../../src/procfs.js';
import { createAppStore, type AppState } from '../../src/store.js';
import { NOW, at, byId, containerId, makeConmonProcess, makeContainer, makeGeneration, makeProcess } from '../helpers/fixtureState.js';

const IMAGE = 'docker.io/library/alpine:3.20';
const COMMAND = ['sleep', 'infinity'] as const;
const CONTAINER_NAME = 'lesson-test-0001';
const LESSON_ID = containerId('lesson container');
const SECOND_ID = containerId('second lesson container');
const OTHER_ID = containerId('someone else\'s container');
const EXEC_SESSION = containerId('exec session');
const OLD_EXEC_SESSION = containerId('old exec session');
/** Fake PIDs: only the store holds them; no check reads them from /proc. */
const CONMON = 5000;
const CHILD = 5005;
const OLD_EXEC_CONMON = 6000;
const EXEC_CONMON = 6100;
/**
 * A PID no process can have: PID_MAX_LIMIT on 64-bit Linux is 2^22, and pid_max is at most that
 * (checked against /proc/sys/kernel/pid_max below).
 */
const GONE_PID = 2 ** 22 + 7;
const SLEEPER_SCRIPT = 'setTimeout(() => {}, 60000)';

// --- building contexts and states -------------------------------------------------------------

/** A fresh lesson context; `made` says whether the run step has made the container already. */
function newContext(made = true): LessonContext {
	return {
		containerName: CONTAINER_NAME,
		image: IMAGE,
		command: COMMAND,
		containerId: made ? LESSON_ID : undefined,
		created: made ? [LESSON_ID] : [],
		removed: new Set(),
		memory: new Map(),
	};
}

/** What the watcher would have put in the store about the lesson container. */
interface Scene {
	/** podman's state word; undefined: podman does not list the container. */
	containerState?: string;
	generations?: readonly ConmonGeneration[];
	processes?: readonly ProcessInfo[];
	execConmons?: readonly ExecConmon[];
	unmonitored?: Record<string, number>;
}

function stateOf(scene: Scene): AppState {
	const containers = scene.containerState === undefined ? [] : [makeContainer({ id: LESSON_ID, name: CONTAINER_NAME, state: scene.containerState })];
	return createAppStore({
		loaded: true,
		containers: byId(containers),
		history: {
			...EMPTY_HISTORY,
			generations: scene.generations === undefined ? {} : { [LESSON_ID]: scene.generations },
			execConmons: Object.fromEntries((scene.execConmons ?? []).map((e) => [processKey(e.pid, e.startTicks), e])),
		},
		processes: scene.processes ?? [],
		unmonitored: scene.unmonitored ?? {},
	}).getState();
}

const liveConmon = makeGeneration(CONMON, at(16, 59, 0), { containerPid: CHILD, nameAtStart: CONTAINER_NAME });
const exitedConmon: ConmonGeneration = { ...liveConmon, exitedAt: at(16, 59, 30) };

/** The lesson container running: its conmon (whose parent is `conmonPpid`) and `child` below it. */
function runningScene(conmonPpid: number, child: ProcessInfo | undefined = makeProcess(CHILD, CONMON, [...COMMAND])): Scene {
	const conmonProcess = makeConmonProcess(liveConmon, LESSON_ID, CONTAINER_NAME, { ppid: conmonPpid });
	// The watcher records conmon's child as the generation's containerPid (containerPidOf).
	const generation = child === undefined ? liveConmon : { ...liveConmon, containerPid: child.pid };
	return { containerState: 'running', generations: [generation], processes: child === undefined ? [conmonProcess] : [conmonProcess, child] };
}

function execConmon(pid: number, session: string, container = LESSON_ID): ExecConmon {
	return { containerId: container, execSessionId: session, pid, startTicks: pid * 7, startedAt: at(16, 59, 50) };
}

// --- reaching into lessons --------------------------------------------------------------------

/** A lesson's step by its 0-based index; fails when there is none. */
function stepOf(lesson: Lesson, index: number): LessonStep {
	const step = lesson.steps[index];
	assert.ok(step, `${lesson.name} has a step ${index}`);
	return step;
}

function actionOf(step: LessonStep): StepAction {
	assert.ok(step.action, `step ${step.title} has an action`);
	return step.action;
}

/** The podman argv a step's key would run now; fails for a kill or for nothing. */
function podmanArgsOf(step: LessonStep, ctx: LessonContext, state: AppState): readonly string[] {
	const command: LessonCommand | undefined = actionOf(step).command(ctx, state);
	assert.ok(command && 'podman' in command, `a podman command, not ${JSON.stringify(command)}`);
	return command.podman;
}

/** What podman answered to the step's command (its last line), and podman's own PID. */
function answer(step: LessonStep, ctx: LessonContext, text: string, podmanPid?: number): void {
	const after = actionOf(step).after;
	assert.ok(after, `step ${step.title} remembers an answer`);
	after(ctx, text, podmanPid);
}

// --- real processes for the /proc reads -------------------------------------------------------

/** The kernel's name of a running process, read here without the code under test. */
function commOf(pid: number): string {
	return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
}

/**
 * coreutils' sleep, found on PATH. Not node: Node 24 names its main thread "MainThread", which
 * /proc/PID/comm then shows instead of the name it was started under.
 */
function sleepProgram(): string {
	const found = (process.env['PATH'] ?? '').split(':').map((dir) => join(dir, 'sleep')).find((file) => existsSync(file));
	assert.ok(found, 'sleep is on PATH');
	return found;
}

/** Starts a sleep under the name `name` (a symlink to it: the kernel names the process after it). */
async function spawnNamed(directory: string, name: string): Promise<ChildProcess & { pid: number }> {
	const path = join(directory, name);
	symlinkSync(sleepProgram(), path);
	return spawnSleeper(path, ['60']);
}

/** Spawns `file` and waits until it runs (its exec has happened when 'spawn' fires). */
async function spawnSleeper(file: string, args: readonly string[]): Promise<ChildProcess & { pid: number }> {
	const child = spawn(file, args, { stdio: 'ignore' });
	await new Promise<void>((resolve, reject) => {
		child.once('spawn', resolve);
		child.once('error', reject);
	});
	assert.ok(child.pid !== undefined);
	return child as ChildProcess & { pid: number };
}

/** Kills a spawned process and waits until it has been reaped, so no PID of it is left behind. */
async function stop(child: ChildProcess | undefined): Promise<void> {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGKILL');
	await exited;
}

/**
 * Whether unprivileged user and PID namespaces work here (`unshare -Urpf`; some CI machines forbid
 * them), and /proc lists a process's children (CONFIG_PROC_CHILDREN) to find unshare's.
 */
function canUnshare(): boolean {
	return existsSync(`/proc/${process.pid}/task/${process.pid}/children`) && spawnSync('unshare', ['-Urpf', 'true'], { stdio: 'ignore', timeout: 5_000 }).status === 0;
}

/** The first child of `pid` as /proc/PID/task/PID/children lists it, once there is one. */
async function firstChildOf(pid: number): Promise<number> {
	for (let attempt = 0; attempt < 200; attempt++) {
		const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
		// unshare's child runs node once its own exec has happened: wait for node's name.
		const first = Number(children.split(' ')[0]);
		if (children !== '' && commOf(first) === commOf(process.pid)) return first;
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	assert.fail(`process ${pid} has no child`);
}

// --- the checks -------------------------------------------------------------------------------

/** A verdict that must be met with `text`; in Japanese, the text must be Japanese indeed. */
function assertMet(result: CheckResult, text: string, language: Language): void {
	assert.deepEqual(result, { met: true, text });
	if (language === 'ja') assert.match(text, /[\u3040-\u30ff\u4e00-\u9fff]/, 'a Japanese text');
}

function assertSeen(result: CheckResult, seen: string): void {
	assert.deepEqual(result, { met: false, seen });
}

function lessonChecks(language: Language): void {
	const ownComm = commOf(process.pid);
	let directory: string;
	let fakePodman: ChildProcess & { pid: number };
	let fakeConmon: ChildProcess & { pid: number };

	before(async () => {
		const pidMax = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'));
		assert.ok(GONE_PID > pidMax, `${GONE_PID} is above pid_max ${pidMax}`);
		directory = mkdtempSync(join(tmpdir(), 'conmon-tui-lesson-checks-'));
		fakePodman = await spawnNamed(directory, 'podman');
		fakeConmon = await spawnNamed(directory, 'conmon');
		assert.equal(commOf(fakePodman.pid), 'podman');
		assert.equal(commOf(fakeConmon.pid), 'conmon');
	});

	after(async () => {
		await stop(fakePodman);
		await stop(fakeConmon);
		rmSync(directory, { recursive: true, force: true });
	});

	describe('parentage', () => {
		const run = stepOf(parentage, 0);
		const parent = stepOf(parentage, 1);
		const podmanGone = stepOf(parentage, 2);
		const child = stepOf(parentage, 3);

		test('the inspect key asks podman for ConmonPid by the short ID, once there is a container', () => {
			assert.deepEqual(podmanArgsOf(parent, newContext(), stateOf({})), ['container', 'inspect', '--format', '{{.State.ConmonPid}}', shortId(LESSON_ID)]);
			assert.equal(actionOf(parent).command(newContext(false), stateOf({})), undefined);
		});

		test('met when podman names the live conmon and its parent is neither podman nor conmon', () => {
			const ctx = newContext();
			const state = stateOf(runningScene(process.pid));
			parent.begin?.(ctx, state, NOW);
			answer(parent, ctx, `${CONMON}\n`);
			assertMet(parent.check(ctx, state, NOW), t('lesson.parentage.parent.met', { said: CONMON, conmon: CONMON, ppid: process.pid, parent: ownComm }), language);
		});

		test('a ConmonPid that is not the live conmon is seen as such', () => {
			const ctx = newContext();
			const state = stateOf(runningScene(process.pid));
			answer(parent, ctx, `${CONMON - 1}\n`);
			assertSeen(parent.check(ctx, state, NOW), t('lesson.parentage.parent.seenSaid', { said: String(CONMON - 1), conmon: CONMON }));
		});

		test('before podman has answered, its answer is "-"', () => {
			assertSeen(parent.check(newContext(), stateOf(runningScene(process.pid)), NOW), t('lesson.parentage.parent.seenSaid', { said: '-', conmon: CONMON }));
		});

		test('begin clears the answer of an earlier attempt', () => {
			const ctx = newContext();
			const state = stateOf(runningScene(process.pid));
			answer(parent, ctx, String(CONMON));
			assert.equal(parent.check(ctx, state, NOW).met, true);
			parent.begin?.(ctx, state, NOW);
			assertSeen(parent.check(ctx, state, NOW), t('lesson.parentage.parent.seenSaid', { said: '-', conmon: CONMON }));
		});

		test('no conmon: none running, or its process not in the scan', () => {
			const ctx = newContext();
			answer(parent, ctx, String(CONMON));
			const noConmon = t('lesson.seen.noConmon', { name: CONTAINER_NAME });
			assertSeen(parent.check(ctx, stateOf({ containerState: 'exited', generations: [exitedConmon] }), NOW), noConmon);
			assertSeen(parent.check(ctx, stateOf({ containerState: 'running', generations: [liveConmon] }), NOW), noConmon);
			assertSeen(parent.check(newContext(false), stateOf(runningScene(process.pid)), NOW), noConmon);
		});

		test('a parent named podman or conmon is not met (the launcher conmon, for an instant)', () => {
			for (const [pid, name] of [[fakePodman.pid, 'podman'], [fakeConmon.pid, 'conmon']] as const) {
				const ctx = newContext();
				answer(parent, ctx, String(CONMON));
				assertSeen(parent.check(ctx, stateOf(runningScene(pid)), NOW), t('lesson.parentage.parent.seenPodman', { ppid: pid, parent: name }));
			}
		});

		test('a parent already gone from /proc is not met: the scan is older than the launcher conmon\'s exit', () => {
			const ctx = newContext();
			answer(parent, ctx, String(CONMON));
			assertSeen(parent.check(ctx, stateOf(runningScene(GONE_PID)), NOW), t('lesson.parentage.parent.seenPodman', { ppid: GONE_PID, parent: '?' }));
		});

		test('podman gone: the run step keeps podman\'s PID; met once no process has it', () => {
			const ctx = newContext(false);
			answer(run, ctx, LESSON_ID, GONE_PID);
			assert.equal(ctx.containerId, LESSON_ID);
			assert.deepEqual(ctx.created, [LESSON_ID]);
			assert.equal(ctx.memory.get('run.podmanPid'), GONE_PID);
			assertMet(podmanGone.check(ctx, stateOf(runningScene(1)), NOW), t('lesson.parentage.podmanGone.met', { podman: GONE_PID, conmon: CONMON }), language);
		});

		test('podman gone: not met while a process named podman has the PID; met when another program reused it', () => {
			const ctx = newContext();
			ctx.memory.set('run.podmanPid', fakePodman.pid);
			assertSeen(podmanGone.check(ctx, stateOf(runningScene(1)), NOW), t('lesson.parentage.podmanGone.seenAlive', { podman: fakePodman.pid }));
			ctx.memory.set('run.podmanPid', process.pid);
			assert.equal(podmanGone.check(ctx, stateOf(runningScene(1)), NOW).met, true);
		});

		test('podman gone: podman\'s PID unknown (no answer with a PID), or no conmon', () => {
			const ctx = newContext(false);
			answer(run, ctx, LESSON_ID, undefined);
			assertSeen(podmanGone.check(ctx, stateOf(runningScene(1)), NOW), t('lesson.parentage.podmanGone.seenUnknown'));
			ctx.memory.set('run.podmanPid', GONE_PID);
			assertSeen(podmanGone.check(ctx, stateOf({ containerState: 'exited', generations: [exitedConmon] }), NOW), t('lesson.seen.noConmon', { name: CONTAINER_NAME }));
		});

		test('child: a process that is not PID 1 in its namespace is seen with its PID inside', () => {
			// This test's own process stands for the container's: NSpid ends with its PID here, not 1.
			const own = makeProcess(process.pid, CONMON, [...COMMAND]);
			assertSeen(child.check(newContext(), stateOf(runningScene(1, own)), NOW), t('lesson.parentage.child.seenInside', { child: `sleep infinity ${process.pid}`, inside: process.pid }));
		});

		test('child: one gone from /proc is PID "?" inside', () => {
			const gone = makeProcess(GONE_PID, CONMON, [...COMMAND]);
			assertSeen(child.check(newContext(), stateOf(runningScene(1, gone)), NOW), t('lesson.parentage.child.seenInside', { child: `sleep infinity ${GONE_PID}`, inside: '?' }));
		});

		test('child: none yet while only the runtime\'s init runs, or while the container is not running', () => {
			const init = makeProcess(CHILD, CONMON, ['/usr/bin/crun', 'init']);
			const noChild = t('lesson.seen.noChild', { conmon: CONMON });
			assertSeen(child.check(newContext(), stateOf(runningScene(1, init)), NOW), noChild);
			assertSeen(child.check(newContext(), stateOf({ ...runningScene(1), containerState: 'created' }), NOW), noChild);
		});

		// The met path runs end to end against real podman (test/e2e); here only where unprivileged
		// user and PID namespaces are allowed: `unshare -Urpf` makes its child PID 1 of a new namespace.
		test('child: met when conmon\'s child is PID 1 inside its namespace', { skip: canUnshare() ? false : 'unshare -Urpf is not allowed here' }, async () => {
			const unshare = await spawnSleeper('unshare', ['-Urpf', '--kill-child', process.execPath, '-e', SLEEPER_SCRIPT]);
			try {
				const host = await firstChildOf(unshare.pid);
				const pidOne = makeProcess(host, CONMON, [...COMMAND]);
				assertMet(child.check(newContext(), stateOf(runningScene(1, pidOne)), NOW), t('lesson.parentage.child.met', { conmon: CONMON, child: `sleep infinity ${host}`, host, inside: 1 }), language);
			} finally {
				await stop(unshare);
			}
		});
	});

	describe('exec', () => {
		const execStep = stepOf(exec, 1);
		const exitStep = stepOf(exec, 2);

		test('the exec key runs a detached sleep in the container, by its short ID', () => {
			assert.deepEqual(podmanArgsOf(execStep, newContext(), stateOf({})), ['exec', '-d', shortId(LESSON_ID), 'sleep', String(EXEC_SECONDS)]);
			assert.equal(actionOf(execStep).command(newContext(false), stateOf({})), undefined);
		});

		test('met when a new exec conmon of this container appears, not one known at begin', () => {
			const ctx = newContext();
			const old = execConmon(OLD_EXEC_CONMON, OLD_EXEC_SESSION);
			const before = stateOf({ ...runningScene(1), execConmons: [old] });
			execStep.begin?.(ctx, before, NOW);
			assertSeen(execStep.check(ctx, before, NOW), t('lesson.exec.seen.noExecConmon', { conmon: CONMON }));
			const elsewhere = stateOf({ ...runningScene(1), execConmons: [old, execConmon(EXEC_CONMON + 1, EXEC_SESSION, OTHER_ID)] });
			assertSeen(execStep.check(ctx, elsewhere, NOW), t('lesson.exec.seen.noExecConmon', { conmon: CONMON }));
			assert.equal(ctx.memory.get('exec.conmon'), undefined);

			const fresh = stateOf({ ...runningScene(1), execConmons: [old, execConmon(EXEC_CONMON, EXEC_SESSION)] });
			assertMet(execStep.check(ctx, fresh, NOW), t('lesson.exec.exec.met', { exec: EXEC_CONMON, conmon: CONMON, session: shortId(EXEC_SESSION) }), language);
			assert.equal(ctx.memory.get('exec.conmon'), EXEC_CONMON);
		});

		test('begin forgets the exec conmon of an earlier attempt', () => {
			const ctx = newContext();
			ctx.memory.set('exec.conmon', OLD_EXEC_CONMON);
			execStep.begin?.(ctx, stateOf(runningScene(1)), NOW);
			assert.equal(ctx.memory.get('exec.conmon'), undefined);
		});

		test('no main conmon: not met even with a new exec conmon', () => {
			const ctx = newContext();
			execStep.begin?.(ctx, stateOf({}), NOW);
			const state = stateOf({ containerState: 'exited', generations: [exitedConmon], execConmons: [execConmon(EXEC_CONMON, EXEC_SESSION)] });
			assertSeen(execStep.check(ctx, state, NOW), t('lesson.seen.noConmon', { name: CONTAINER_NAME }));
		});

		test('exit: not met while the exec conmon runs; met once it is gone and the main conmon lives', () => {
			const ctx = newContext();
			ctx.memory.set('exec.conmon', EXEC_CONMON);
			const running = stateOf({ ...runningScene(1), execConmons: [execConmon(EXEC_CONMON, EXEC_SESSION)] });
			assertSeen(exitStep.check(ctx, running, NOW), t('lesson.exec.seen.stillRuns', { exec: EXEC_CONMON }));
			assertMet(exitStep.check(ctx, stateOf(runningScene(1)), NOW), t('lesson.exec.exit.met', { exec: EXEC_CONMON, conmon: CONMON, seconds: EXEC_SECONDS }), language);
		});

		test('exit: no exec conmon recorded yet, or no main conmon', () => {
			assertSeen(exitStep.check(newContext(), stateOf(runningScene(1)), NOW), t('lesson.exec.seen.noExecYet'));
			const ctx = newContext();
			ctx.memory.set('exec.conmon', EXEC_CONMON);
			assertSeen(exitStep.check(ctx, stateOf({ containerState: 'exited', generations: [exitedConmon] }), NOW), t('lesson.seen.noConmon', { name: CONTAINER_NAME }));
		});
	});

	describe('orphan', () => {
		const kill = stepOf(orphan, 1);
		const stale = stepOf(orphan, 2);
		const recover = stepOf(orphan, 3);

		test('the kill key kills the live conmon by PID and start time, after y/n; nothing without one', () => {
			assert.equal(actionOf(kill).confirm, true);
			assert.deepEqual(actionOf(kill).command(newContext(), stateOf(runningScene(1))), { killConmon: { pid: CONMON, startTicks: liveConmon.startTicks } });
			assert.equal(actionOf(kill).command(newContext(), stateOf({ containerState: 'exited', generations: [exitedConmon] })), undefined);
			assert.equal(actionOf(kill).command(newContext(false), stateOf(runningScene(1))), undefined);
		});

		test('met only when the conmon has exited and the container\'s process is flagged unmonitored', () => {
			const ctx = newContext();
			kill.begin?.(ctx, stateOf(runningScene(1)), NOW);
			assertSeen(kill.check(ctx, stateOf(runningScene(1)), NOW), t('lesson.seen.conmonRuns', { conmon: CONMON }));
			const killed: Scene = { containerState: 'running', generations: [exitedConmon], processes: [makeProcess(CHILD, 1, [...COMMAND])] };
			assertSeen(kill.check(ctx, stateOf(killed), NOW), t('lesson.orphan.seen.notFlagged'));
			assertSeen(kill.check(ctx, stateOf({ ...killed, unmonitored: { [OTHER_ID]: CHILD } }), NOW), t('lesson.orphan.seen.notFlagged'));
			assert.equal(ctx.memory.get('orphan.process'), undefined);
			assertMet(kill.check(ctx, stateOf({ ...killed, unmonitored: { [LESSON_ID]: CHILD } }), NOW), t('lesson.orphan.kill.met', { conmon: CONMON, pid: CHILD }), language);
			assert.equal(ctx.memory.get('orphan.process'), CHILD);
		});

		test('without a conmon at begin there is nothing to watch', () => {
			const ctx = newContext();
			ctx.memory.set('orphan.conmon', CONMON);
			kill.begin?.(ctx, stateOf({}), NOW);
			assert.equal(ctx.memory.has('orphan.conmon'), false);
			assertSeen(kill.check(ctx, stateOf({ generations: [exitedConmon], unmonitored: { [LESSON_ID]: CHILD } }), NOW), t('lesson.seen.noConmon', { name: CONTAINER_NAME }));
		});

		test('inspect: met only for "running <the killed conmon\'s PID>"', () => {
			assert.deepEqual(podmanArgsOf(stale, newContext(), stateOf({})), ['container', 'inspect', '--format', '{{.State.Status}} {{.State.ConmonPid}}', shortId(LESSON_ID)]);
			const ctx = newContext();
			ctx.memory.set('orphan.conmon', CONMON);
			stale.begin?.(ctx, stateOf({}), NOW);
			assertSeen(stale.check(ctx, stateOf({}), NOW), t('lesson.orphan.seen.inspect', { answer: '-' }));
			for (const said of ['exited 0', `running ${CONMON + 1}`, `stopped ${CONMON}`, 'running']) {
				answer(stale, ctx, `${said}\n`);
				assertSeen(stale.check(ctx, stateOf({}), NOW), t('lesson.orphan.seen.inspect', { answer: said }));
			}
			answer(stale, ctx, `running ${CONMON}\n`);
			assertMet(stale.check(ctx, stateOf({}), NOW), t('lesson.orphan.stale.met', { status: 'running', conmon: String(CONMON) }), language);
			stale.begin?.(ctx, stateOf({}), NOW);
			assertSeen(stale.check(ctx, stateOf({}), NOW), t('lesson.orphan.seen.inspect', { answer: '-' }));
		});

		test('recover: removes the lesson\'s containers; not met while podman lists one or its conmon runs', () => {
			const ctx = newContext();
			ctx.memory.set('orphan.process', GONE_PID);
			assert.deepEqual(podmanArgsOf(recover, ctx, stateOf({})), ['rm', '-f', '-i', '-t', '0', shortId(LESSON_ID)]);
			const stillThere = t('lesson.seen.stillThere', { ids: shortId(LESSON_ID) });
			assertSeen(recover.check(ctx, stateOf({ containerState: 'running', generations: [exitedConmon], unmonitored: { [LESSON_ID]: CHILD } }), NOW), stillThere);
			assertSeen(recover.check(ctx, stateOf({ generations: [liveConmon] }), NOW), stillThere);
			assert.equal(ctx.removed.size, 0);
		});

		test('recover: not met while the container\'s process still runs', async () => {
			const ctx = newContext();
			const sleeper = await spawnSleeper(process.execPath, ['-e', SLEEPER_SCRIPT]);
			try {
				ctx.memory.set('orphan.process', sleeper.pid);
				assertSeen(recover.check(ctx, stateOf({}), NOW), t('lesson.orphan.seen.processLives', { pid: sleeper.pid }));
			} finally {
				await stop(sleeper);
			}
			assertMet(recover.check(ctx, stateOf({}), NOW), t('lesson.orphan.recover.met', { pid: sleeper.pid }), language);
		});

		test('recover: met when the container is gone and its process PID runs no more; the removal is remembered', () => {
			const ctx = newContext();
			ctx.memory.set('orphan.process', GONE_PID);
			assertMet(recover.check(ctx, stateOf({}), NOW), t('lesson.orphan.recover.met', { pid: GONE_PID }), language);
			assert.deepEqual([...ctx.removed], [LESSON_ID]);
			assert.equal(actionOf(recover).command(ctx, stateOf({})), undefined);
		});
	});

	describe('restart-policy', () => {
		const run = stepOf(restartPolicy, 0);
		const watch = stepOf(restartPolicy, 1);
		const g1 = makeGeneration(CONMON, at(16, 59, 0), { exitedAt: at(16, 59, 3), exitCode: 3 });
		const g2 = makeGeneration(CONMON + 100, at(16, 59, 4), { exitedAt: at(16, 59, 7), exitCode: 3 });
		const g3 = makeGeneration(CONMON + 200, at(16, 59, 8), { exitedAt: at(16, 59, 11), exitCode: 3 });
		const g4 = makeGeneration(CONMON + 300, at(16, 59, 12));
		const lastExit = at(16, 59, 11);
		const chain = (list: readonly ConmonGeneration[]): string => list.map((g) => g.pid).join(' → ');
		const stateWith = (generations: readonly ConmonGeneration[]): AppState => stateOf({ containerState: 'running', generations });
		/** Generation `g` as it is before podman's died event brought its exit code. */
		const noCode = (g: ConmonGeneration): ConmonGeneration => ({ pid: g.pid, startTicks: g.startTicks, startedAt: g.startedAt, ...(g.exitedAt === undefined ? {} : { exitedAt: g.exitedAt }) });
		/** Generation `g` while it still runs. */
		const running = (g: ConmonGeneration): ConmonGeneration => ({ pid: g.pid, startTicks: g.startTicks, startedAt: g.startedAt });

		test('the run key adds --restart always before the image and the short-lived command after it', () => {
			const args = podmanArgsOf(run, newContext(false), stateOf({}));
			assert.deepEqual(args, ['run', '-d', '--name', CONTAINER_NAME, '--restart', 'always', IMAGE, ...SHORT_LIVED_COMMAND]);
			assert.ok(args.indexOf('--restart') < args.indexOf(IMAGE));
			assert.deepEqual(podmanArgsOf(run, newContext(), stateOf({})).slice(2, 4), ['--name', `${CONTAINER_NAME}-2`]);
		});

		test(`not met with fewer than ${RESPAWNS_TO_SEE} new conmons: the chain so far is seen`, () => {
			const ctx = newContext();
			watch.begin?.(ctx, stateWith([running(g1)]), NOW);
			assertSeen(watch.check(ctx, stateWith([g1, g2, g3]), NOW), t('lesson.restartPolicy.seen.respawns', { count: 2, pids: chain([g1, g2, g3]) }));
			assertSeen(watch.check(ctx, stateWith([]), NOW), t('lesson.restartPolicy.seen.respawns', { count: 0, pids: '-' }));
		});

		test('counts from the conmon current at begin, not from older ones', () => {
			const ctx = newContext();
			watch.begin?.(ctx, stateWith([g1, running(g2)]), NOW);
			const g5 = makeGeneration(CONMON + 400, at(16, 59, 16));
			const g4Exited = { ...g4, exitedAt: at(16, 59, 15), exitCode: 3 };
			assertSeen(watch.check(ctx, stateWith([g1, g2, g3, g4]), NOW), t('lesson.restartPolicy.seen.respawns', { count: 2, pids: chain([g2, g3, g4]) }));
			assertMet(watch.check(ctx, stateWith([g1, g2, g3, g4Exited, g5]), NOW), t('lesson.restartPolicy.watch.met', { count: 3, pids: chain([g2, g3, g4Exited, g5]), codes: '3' }), language);
		});

		test(`waits up to ${EXIT_CODE_WAIT_MS} ms for exit codes, then shows only the known ones`, () => {
			const ctx = newContext();
			watch.begin?.(ctx, stateWith([running(g1)]), NOW);
			const list = [g1, g2, noCode(g3), g4];
			assertSeen(watch.check(ctx, stateWith(list), lastExit + EXIT_CODE_WAIT_MS - 1), t('lesson.seen.waitingExitCode'));
			assertMet(watch.check(ctx, stateWith(list), lastExit + EXIT_CODE_WAIT_MS), t('lesson.restartPolicy.watch.met', { count: 3, pids: chain(list), codes: '3' }), language);
		});

		test('met at once when every exit code is known; "?" when none is', () => {
			const ctx = newContext();
			watch.begin?.(ctx, stateWith([running(g1)]), NOW);
			assertMet(watch.check(ctx, stateWith([g1, g2, g3, g4]), lastExit), t('lesson.restartPolicy.watch.met', { count: 3, pids: chain([g1, g2, g3, g4]), codes: '3' }), language);
			const unknown = [noCode(g1), noCode(g2), noCode(g3), g4];
			assertMet(watch.check(ctx, stateWith(unknown), lastExit + EXIT_CODE_WAIT_MS), t('lesson.restartPolicy.watch.met', { count: 3, pids: chain(unknown), codes: '?' }), language);
		});
	});

	describe('clean-up', () => {
		const cleanup = cleanupStep();

		test('removes the containers made and not seen removed, by short ID, with rm -f -i -t 0', () => {
			const ctx = newContext();
			ctx.created.push(SECOND_ID, OTHER_ID);
			ctx.removed.add(SECOND_ID);
			const expected = { podman: ['rm', '-f', '-i', '-t', '0', shortId(LESSON_ID), shortId(OTHER_ID)] };
			assert.deepEqual(removeLessonContainers(ctx, stateOf({})), expected);
			assert.deepEqual(actionOf(cleanup).command(ctx, stateOf({})), expected);
			assert.equal(actionOf(cleanup).key, 'd');
		});

		test('nothing to run when nothing is left', () => {
			assert.equal(removeLessonContainers(newContext(false), stateOf({})), undefined);
			const ctx = newContext();
			ctx.removed.add(LESSON_ID);
			assert.equal(removeLessonContainers(ctx, stateOf({})), undefined);
		});

		test('not met while podman lists a container; met with the conmons remembered at begin', () => {
			const ctx = newContext();
			cleanup.begin?.(ctx, stateOf(runningScene(1)), NOW);
			assertSeen(cleanup.check(ctx, stateOf(runningScene(1)), NOW), t('lesson.seen.stillThere', { ids: shortId(LESSON_ID) }));
			assertMet(cleanup.check(ctx, stateOf({}), NOW), t('lesson.cleanup.met', { count: 1, pids: String(CONMON) }), language);
			assert.deepEqual([...ctx.removed], [LESSON_ID]);
			const none = newContext();
			cleanup.begin?.(none, stateOf({}), NOW);
			assert.equal(none.memory.get('cleanup.conmons'), '-');
		});
	});
}

describe('lesson checks in English', () => {
	before(() => setLanguage('en'));
	lessonChecks('en');
});

describe('lesson checks in Japanese', () => {
	before(() => setLanguage('ja'));
	after(() => setLanguage('en'));
	lessonChecks('ja');
});
