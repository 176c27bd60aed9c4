import { t } from '../messages/i18n.js';
import { attachArgs } from '../podman/commands.js';
import { safeText } from '../present/safeText.js';
import type { UnixSocket } from '../proc/unixSockets.js';
import { COUNTING_COMMAND, cleanupStep, conmonWithChild, runStep, type SharedMemory } from './commonSteps.js';
import { type Lesson, type LessonContext, met, notYet } from './lesson.js';
import { liveConmonOf } from './observe.js';

const ATTACH_TIMEOUT_MS = 15_000;
/** conmon closes its end of a finished attach only when it next writes output to it: the container writes a line a second. */
const DETACH_TIMEOUT_MS = 15_000;

/** What the attach lesson remembers between its steps. */
export interface AttachMemory extends SharedMemory {
	/** The PID of the `podman attach` the lesson started. */
	attachPid: number;
	/** The conmon it attached to: the one that must go on after the attach ends. */
	attachedConmon: number;
}

/** conmon's attach socket, and the connections accepted on it, among the sockets conmon holds. */
export function attachSocketOf(sockets: readonly UnixSocket[]): { listener: UnixSocket; connections: UnixSocket[] } | undefined {
	// conmon binds it as `attach` in the container's directory (conmon src/conn_sock.c, setup_attach_socket); an accepted
	// connection carries the listener's name too, without the listening flag.
	const listener = sockets.find((s) => s.listening && s.path !== undefined && /(?:^|\/)attach$/.test(s.path));
	if (!listener) return undefined;
	return { listener, connections: sockets.filter((s) => !s.listening && s.path === listener.path) };
}

/** Whether the lesson's `podman attach` still runs. */
function attachRuns(ctx: LessonContext<AttachMemory>, pid: number): boolean {
	return ctx.reader.isAliveAs(pid, undefined) && ctx.reader.comm(pid) === 'podman';
}

/**
 * `podman attach`: a podman that stays, as a client of conmon's attach socket, yet is not
 * conmon's parent; when it goes, conmon and the container go on.
 */
export const attach: Lesson<AttachMemory> = {
	name: 'attach',
	title: 'lesson.attach.title',
	summary: 'lesson.attach.summary',
	notOnFarHost: 'readsConmonsMachine',
	steps: [
		runStep({ title: 'lesson.attach.run.title', explanation: 'lesson.attach.run.explain' }, {}, COUNTING_COMMAND),
		{
			title: 'lesson.attach.attach.title',
			explanation: 'lesson.attach.attach.explain',
			expectation: 'lesson.attach.attach.expect',
			action: {
				key: 'a',
				command: (ctx) => {
					const id = ctx.containerId;
					return id === undefined ? undefined : { podmanClient: attachArgs(id) };
				},
				after(_ctx, _answer, podmanPid) {
					return podmanPid === undefined ? {} : { remember: { attachPid: podmanPid } };
				},
			},
			begin(ctx, state) {
				return { attachPid: undefined, attachedConmon: liveConmonOf(state, ctx.containerId)?.pid };
			},
			check(ctx, state) {
				const conmon = liveConmonOf(state, ctx.containerId);
				if (!conmon) return notYet(t('lesson.seen.noConmon', { name: ctx.containerName }));
				const podman = ctx.memory.attachPid;
				if (podman === undefined || !attachRuns(ctx, podman)) return notYet(t('lesson.attach.seen.noAttach'));
				const socket = attachSocketOf(ctx.reader.unixSockets(conmon.pid));
				if (!socket) return notYet(t('lesson.attach.seen.noSocket', { conmon: conmon.pid }));
				const connection = socket.connections[0];
				const path = safeText(socket.listener.path ?? '');
				if (!connection) return notYet(t('lesson.attach.seen.noConnection', { conmon: conmon.pid, path }));
				const ppid = ctx.reader.stat(conmon.pid)?.ppid;
				if (ppid === undefined) return notYet(t('lesson.seen.noConmon', { name: ctx.containerName }));
				// Never expected: the point is that this podman is a client, not conmon's parent.
				if (ppid === podman) return notYet(t('lesson.attach.seen.parentIsPodman', { conmon: conmon.pid, podman }));
				const parent = safeText(ctx.reader.comm(ppid) ?? '?');
				return met(t('lesson.attach.attach.met', { podman, conmon: conmon.pid, path, fd: connection.fd, ppid, parent }));
			},
			timeoutMs: ATTACH_TIMEOUT_MS,
		},
		{
			title: 'lesson.attach.detach.title',
			explanation: 'lesson.attach.detach.explain',
			expectation: 'lesson.attach.detach.expect',
			check(ctx, state) {
				const podman = ctx.memory.attachPid;
				if (podman === undefined) return notYet(t('lesson.attach.seen.neverAttached'));
				if (attachRuns(ctx, podman)) return notYet(t('lesson.attach.seen.stillAttached', { podman }));
				const seen = conmonWithChild(ctx, state);
				if (!seen.met) return notYet(seen.seen);
				if (seen.conmon !== ctx.memory.attachedConmon) return notYet(t('lesson.attach.seen.otherConmon', { conmon: seen.conmon }));
				const socket = attachSocketOf(ctx.reader.unixSockets(seen.conmon));
				if (socket && socket.connections.length > 0) return notYet(t('lesson.attach.seen.stillConnected', { conmon: seen.conmon }));
				return met(t('lesson.attach.detach.met', { podman, conmon: seen.conmon, child: seen.child }));
			},
			timeoutMs: DETACH_TIMEOUT_MS,
		},
		cleanupStep(),
	],
};
