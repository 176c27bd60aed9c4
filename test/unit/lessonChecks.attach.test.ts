/**
 * The attach lesson's steps on store states built as the watcher would build them, with a fake
 * /proc holding conmon's unix sockets: podman attach connected to conmon's attach socket while
 * conmon's parent stays PID 1; then podman gone, conmon and the container going on.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AttachMemory, attach, attachSocketOf } from '../../src/lessons/attach.js';
import { COUNTING_COMMAND } from '../../src/lessons/commonSteps.js';
import { t } from '../../src/messages/i18n.js';
import { shortId } from '../../src/model/container.js';
import type { UnixSocket } from '../../src/proc/unixSockets.js';
import { FakeProcessReader } from '../helpers/fakeReader.js';
import { makeProcess } from '../helpers/fixtureState.js';
import {
	assertMet,
	assertSeen,
	CHILD,
	CONMON,
	CONTAINER_NAME,
	inBothLanguages,
	LESSON_ID,
	LessonRun,
	runningScene,
	stateOf,
	stepOf,
} from '../helpers/lessonSteps.js';

const ATTACH_PID = 7000;
/** As the kernel records conmon's bind through a directory fd (seen in /proc/net/unix). */
const ATTACH_PATH = '/proc/self/fd/12/attach';
const LISTENER: UnixSocket = { fd: 3, inode: 2313886, path: ATTACH_PATH, listening: true, type: 5 };
const CONNECTION: UnixSocket = { fd: 13, inode: 2315283, path: ATTACH_PATH, listening: false, type: 5 };
/** conmon's other sockets: an unnamed one (its sync pipe's peer), which is not the attach socket. */
const OTHER: UnixSocket = { fd: 5, inode: 2315192, path: undefined, listening: false, type: 5 };
const CHILD_SHOWN = `sleep infinity ${CHILD}`;

function readerWith(sockets: UnixSocket[], options: { attachRuns?: boolean; conmonPpid?: number } = {}): FakeProcessReader {
	const reader = new FakeProcessReader({
		1: { comm: 'init', ppid: 0 },
		[CONMON]: { comm: 'conmon', ppid: options.conmonPpid ?? 1, sockets },
	});
	if (options.attachRuns ?? true) reader.add(ATTACH_PID, { comm: 'podman', ppid: 4242 });
	return reader;
}

function lessonRun(reader: FakeProcessReader, made = true): LessonRun<AttachMemory> {
	return new LessonRun<AttachMemory>(reader, made);
}

test('attachSocketOf: the listening socket named attach, and the connections accepted on it', () => {
	assert.deepEqual(attachSocketOf([OTHER, LISTENER, CONNECTION]), { listener: LISTENER, connections: [CONNECTION] });
	assert.deepEqual(attachSocketOf([OTHER, LISTENER]), { listener: LISTENER, connections: [] });
	assert.equal(attachSocketOf([OTHER, { ...LISTENER, path: '/run/x/notify' }]), undefined);
	assert.equal(attachSocketOf([{ ...LISTENER, listening: false }]), undefined, 'a connection alone is no listener');
});

inBothLanguages('the attach lesson', (language) => {
	const run = stepOf(attach, 0);
	const attachStep = stepOf(attach, 1);
	const detach = stepOf(attach, 2);

	test('the run key runs a container that prints; the attach key starts podman attach as a client, without stdin or signal proxy', () => {
		assert.deepEqual(lessonRun(readerWith([]), false).podmanArgs(run, stateOf({})).slice(-3), [...COUNTING_COMMAND]);
		const lesson = lessonRun(readerWith([]));
		assert.deepEqual(lesson.command(attachStep, stateOf({})), { podmanClient: ['attach', '--no-stdin', '--sig-proxy=false', shortId(LESSON_ID)] });
		assert.equal(lessonRun(readerWith([]), false).command(attachStep, stateOf({})), undefined);
		lesson.answer(attachStep, '', ATTACH_PID);
		assert.equal(lesson.context.memory.attachPid, ATTACH_PID);
	});

	test("attach: met when podman attach runs and conmon holds a connection on its attach socket; conmon's parent is not podman", () => {
		const lesson = lessonRun(readerWith([OTHER, LISTENER, CONNECTION]));
		lesson.begin(attachStep, stateOf(runningScene(1)));
		assert.equal(lesson.context.memory.attachedConmon, CONMON);
		lesson.answer(attachStep, '', ATTACH_PID);
		assertMet(
			lesson.check(attachStep, stateOf(runningScene(1))),
			t('lesson.attach.attach.met', { podman: ATTACH_PID, conmon: CONMON, path: ATTACH_PATH, fd: CONNECTION.fd, ppid: 1, parent: 'init' }),
			language,
		);
	});

	test('attach: not met before the connection, without podman attach, without the socket, or if podman were the parent', () => {
		const waiting = lessonRun(readerWith([LISTENER])).remember({ attachPid: ATTACH_PID });
		assertSeen(waiting.check(attachStep, stateOf(runningScene(1))), t('lesson.attach.seen.noConnection', { conmon: CONMON, path: ATTACH_PATH }));
		const gone = lessonRun(readerWith([LISTENER, CONNECTION], { attachRuns: false })).remember({ attachPid: ATTACH_PID });
		assertSeen(gone.check(attachStep, stateOf(runningScene(1))), t('lesson.attach.seen.noAttach'));
		assertSeen(lessonRun(readerWith([LISTENER, CONNECTION])).check(attachStep, stateOf(runningScene(1))), t('lesson.attach.seen.noAttach'));
		const noSocket = lessonRun(readerWith([OTHER])).remember({ attachPid: ATTACH_PID });
		assertSeen(noSocket.check(attachStep, stateOf(runningScene(1))), t('lesson.attach.seen.noSocket', { conmon: CONMON }));
		const parent = lessonRun(readerWith([LISTENER, CONNECTION], { conmonPpid: ATTACH_PID })).remember({ attachPid: ATTACH_PID });
		assertSeen(parent.check(attachStep, stateOf(runningScene(1))), t('lesson.attach.seen.parentIsPodman', { conmon: CONMON, podman: ATTACH_PID }));
		assertSeen(waiting.check(attachStep, stateOf({})), t('lesson.seen.noConmon', { name: CONTAINER_NAME }));
	});

	test('detach: met once podman attach is gone, the same conmon runs the container, and its connection is closed', () => {
		const lesson = lessonRun(readerWith([LISTENER], { attachRuns: false })).remember({ attachPid: ATTACH_PID, attachedConmon: CONMON });
		assertMet(
			lesson.check(detach, stateOf(runningScene(1))),
			t('lesson.attach.detach.met', { podman: ATTACH_PID, conmon: CONMON, child: CHILD_SHOWN }),
			language,
		);
	});

	test('detach: not met while podman attach runs, while conmon keeps the connection, or with another conmon', () => {
		const memory = { attachPid: ATTACH_PID, attachedConmon: CONMON };
		const attached = lessonRun(readerWith([LISTENER, CONNECTION])).remember(memory);
		assertSeen(attached.check(detach, stateOf(runningScene(1))), t('lesson.attach.seen.stillAttached', { podman: ATTACH_PID }));
		const lingering = lessonRun(readerWith([LISTENER, CONNECTION], { attachRuns: false })).remember(memory);
		assertSeen(lingering.check(detach, stateOf(runningScene(1))), t('lesson.attach.seen.stillConnected', { conmon: CONMON }));
		const other = lessonRun(readerWith([LISTENER], { attachRuns: false })).remember({ ...memory, attachedConmon: CONMON + 1 });
		assertSeen(other.check(detach, stateOf(runningScene(1))), t('lesson.attach.seen.otherConmon', { conmon: CONMON }));
		assertSeen(lessonRun(readerWith([LISTENER])).check(detach, stateOf(runningScene(1))), t('lesson.attach.seen.neverAttached'));
		const stopped = lessonRun(readerWith([LISTENER], { attachRuns: false })).remember(memory);
		assertSeen(
			stopped.check(detach, stateOf({ ...runningScene(1), processes: [makeProcess(CONMON, 1, ['/usr/bin/conmon'])] })),
			t('lesson.seen.noChild', { conmon: CONMON }),
		);
	});
});
