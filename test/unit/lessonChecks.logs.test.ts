/**
 * The logs lesson's steps on store states built as the watcher would build them, with a fake
 * /proc and fake files: ctr.log named by conmon's -l, podman logs' line found in it, the exit
 * file caught while it exists, and podman's refusal for a container with -l none.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COUNTING_COMMAND } from '../../src/lessons/commonSteps.js';
import { type LogsMemory, logs } from '../../src/lessons/logs.js';
import { t } from '../../src/messages/i18n.js';
import type { ConmonGeneration } from '../../src/model/conmonHistory.js';
import { shortenIdsInPath, shortId } from '../../src/model/container.js';
import { FakeProcessReader } from '../helpers/fakeReader.js';
import { NOW } from '../helpers/fixtureState.js';
import {
	assertMet,
	assertSeen,
	CHILD,
	CONMON,
	CONTAINER_NAME,
	IMAGE,
	inBothLanguages,
	LESSON_ID,
	LessonRun,
	liveConmon,
	runningScene,
	type Scene,
	stateOf,
	stepOf,
} from '../helpers/lessonSteps.js';

const LOG_PATH = `/var/lib/containers/storage/overlay-containers/${LESSON_ID}/userdata/ctr.log`;
const EXIT_DIR = '/run/libpod/exits';
/** ctr.log lines as conmon writes them (seen here): time, stream, F(ull), the text. */
const LOG = [
	'2026-12-02T01:21:50.386193311+00:00 stdout F line 1',
	'2026-12-02T01:21:51.389454242+00:00 stdout F line 2',
	'2026-12-02T01:21:52.394517203+00:00 stdout F line 3',
];

function generation(logPath: string): ConmonGeneration {
	return { ...liveConmon, containerPid: CHILD, args: { containerId: LESSON_ID, logPath, exitDir: EXIT_DIR } };
}

/** The container running, its conmon given `-l logPath`. */
function scene(logPath = `k8s-file:${LOG_PATH}`): Scene {
	return { ...runningScene(1), generations: [generation(logPath)] };
}

/** The same container after its conmon exited, with podman's exit code (if its event came). */
function exitedScene(exitCode: number | undefined): Scene {
	const exited: ConmonGeneration = { ...generation(`k8s-file:${LOG_PATH}`), exitedAt: NOW, ...(exitCode === undefined ? {} : { exitCode }) };
	return { containerState: 'exited', generations: [exited] };
}

function lessonRun(reader = new FakeProcessReader(), made = true): LessonRun<LogsMemory> {
	reader.files.set(LOG_PATH, LOG);
	return new LessonRun<LogsMemory>(reader, made);
}

inBothLanguages('the logs lesson', (language) => {
	const run = stepOf(logs, 0);
	const file = stepOf(logs, 1);
	const read = stepOf(logs, 2);
	const kill = stepOf(logs, 3);
	const runNone = stepOf(logs, 4);
	const none = stepOf(logs, 5);

	test('the keys: a printing container, podman logs --tail 1, podman kill, and a run with --log-driver none', () => {
		assert.deepEqual(lessonRun(undefined, false).podmanArgs(run, stateOf({})), ['run', '-d', '--name', CONTAINER_NAME, IMAGE, ...COUNTING_COMMAND]);
		assert.deepEqual(lessonRun().podmanArgs(read, stateOf({})), ['logs', '--tail', '1', shortId(LESSON_ID)]);
		assert.deepEqual(lessonRun().podmanArgs(kill, stateOf({})), ['kill', shortId(LESSON_ID)]);
		assert.deepEqual(lessonRun().podmanArgs(runNone, stateOf({})), [
			'run',
			'-d',
			'--name',
			`${CONTAINER_NAME}-2`,
			'--log-driver',
			'none',
			IMAGE,
			...COUNTING_COMMAND,
		]);
		assert.deepEqual(lessonRun().podmanArgs(none, stateOf({})), ['logs', '--tail', '1', shortId(LESSON_ID)]);
	});

	test("file: met once the file conmon's -l names holds a line; its path remembered for the next step", () => {
		const lesson = lessonRun();
		assertMet(lesson.check(file, stateOf(scene())), t('lesson.logs.file.met', { conmon: CONMON, path: shortenIdsInPath(LOG_PATH) }), language);
		assert.equal(lesson.context.memory.logPath, LOG_PATH);
	});

	test('file: not met with another driver, or an empty file', () => {
		assertSeen(lessonRun().check(file, stateOf(scene('journald'))), t('lesson.logs.seen.notFile', { conmon: CONMON, value: 'journald' }));
		const empty = new FakeProcessReader();
		const lesson = new LessonRun<LogsMemory>(empty);
		empty.files.set(LOG_PATH, []);
		assertSeen(lesson.check(file, stateOf(scene())), t('lesson.logs.seen.empty', { conmon: CONMON }));
	});

	test("read: control bytes of the container's output are shown escaped", () => {
		const reader = new FakeProcessReader();
		const hostile = '\u001b]0;owned\u0007';
		const lesson = lessonRun(reader).remember({ logPath: LOG_PATH });
		reader.files.set(LOG_PATH, [`2026-12-02T01:21:50.386193311+00:00 stdout F ${hostile}`]);
		lesson.begin(read, stateOf(scene()));
		lesson.answer(read, hostile);
		const verdict = lesson.check(read, stateOf(scene()));
		assert.ok(verdict.met && verdict.text.includes('\\e]0;owned\\x07') && !verdict.text.includes('\u001b'), JSON.stringify(verdict));
	});

	test("read: met when podman logs' line is a line of ctr.log; not for a line that is not there", () => {
		const lesson = lessonRun().remember({ logPath: LOG_PATH });
		lesson.begin(read, stateOf(scene()));
		assertSeen(lesson.check(read, stateOf(scene())), t('lesson.logs.seen.noAnswer'));
		lesson.answer(read, 'line 2');
		assertMet(lesson.check(read, stateOf(scene())), t('lesson.logs.read.met', { line: 'line 2', entry: LOG[1] ?? '' }), language);
		lesson.answer(read, 'line 99');
		assertSeen(lesson.check(read, stateOf(scene())), t('lesson.logs.seen.notInFile', { line: 'line 99' }));
		assertSeen(lessonRun().check(read, stateOf(scene())), t('lesson.logs.seen.noPath'));
	});

	test("exit: watches conmon's --exit-dir for the file named by the container ID; met when it held the code podman reports", () => {
		const reader = new FakeProcessReader();
		const lesson = lessonRun(reader);
		lesson.begin(kill, stateOf(scene()));
		lesson.open(kill, stateOf(scene()));
		assert.deepEqual(reader.catches, [{ dir: EXIT_DIR, name: LESSON_ID, closed: false }]);
		assertSeen(lesson.check(kill, stateOf(scene())), t('lesson.seen.conmonRuns', { conmon: CONMON }));
		assertSeen(lesson.check(kill, stateOf(exitedScene(137))), t('lesson.logs.seen.noExitFile', { dir: EXIT_DIR }));
		reader.appearing.set(`${EXIT_DIR}/${LESSON_ID}`, '137');
		assertSeen(lesson.check(kill, stateOf(exitedScene(undefined)), NOW + 100), t('lesson.seen.waitingExitCode'));
		assertMet(lesson.check(kill, stateOf(exitedScene(137))), t('lesson.logs.exit.met', { conmon: CONMON, dir: EXIT_DIR, content: '137', code: 137 }), language);
		lesson.leave();
		assert.equal(reader.catches[0]?.closed, true, 'the watch is closed when the step is left');
	});

	test("exit: not met when the file and podman disagree, or the code is not SIGKILL's", () => {
		const reader = new FakeProcessReader();
		const lesson = lessonRun(reader);
		lesson.begin(kill, stateOf(scene()));
		lesson.open(kill, stateOf(scene()));
		reader.appearing.set(`${EXIT_DIR}/${LESSON_ID}`, '0');
		assertSeen(lesson.check(kill, stateOf(exitedScene(137))), t('lesson.logs.seen.exitMismatch', { content: '0', code: 137 }));
		assertSeen(lesson.check(kill, stateOf(exitedScene(0))), t('lesson.logs.seen.exitMismatch', { content: '0', code: 0 }));
	});

	test("none: met when conmon was given -l none and podman logs refused; podman's words are shown", () => {
		const refusal = "this container is using the 'none' log driver, cannot read logs: this container is not logging output";
		const lesson = lessonRun();
		lesson.begin(none, stateOf(scene('none')));
		assertSeen(lesson.check(none, stateOf(scene('none'))), t('lesson.logs.seen.noAnswer'));
		lesson.refused(none, refusal);
		assertMet(lesson.check(none, stateOf(scene('none'))), t('lesson.logs.none.met', { conmon: CONMON, value: 'none', answer: refusal }), language);
		assertSeen(lesson.check(none, stateOf(scene(`k8s-file:${LOG_PATH}`))), t('lesson.logs.seen.notNone', { conmon: CONMON, value: `k8s-file:${LOG_PATH}` }));
	});

	test('none: an answer instead of a refusal is not met', () => {
		const lesson = lessonRun();
		lesson.answer(none, 'line 4');
		assertSeen(lesson.check(none, stateOf(scene('none'))), t('lesson.logs.seen.noneAnswered', { answer: 'line 4' }));
	});
});
