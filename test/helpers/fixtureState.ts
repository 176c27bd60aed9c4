import { createHash } from 'node:crypto';
import { type ConmonGeneration, type ConmonHistory, EMPTY_HISTORY } from '../../src/model/conmonHistory.js';
import type { Container } from '../../src/model/container.js';
import type { ProcessInfo } from '../../src/proc/parse.js';
import type { AppState } from '../../src/state/store.js';

/**
 * A wall-clock time on the fixtures' day, built in local time: the app prints local
 * HH:MM:SS, so `at(16, 57, 3)` is shown as 16:57:03 in any time zone.
 */
export function at(hours: number, minutes: number, seconds: number, ms = 0): number {
	return new Date(2025, 5, 14, hours, minutes, seconds, ms).getTime();
}

/** The time the fixture containers are looked at (the `now` of a component rendered alone). */
export const NOW = at(17, 0, 5);

/** When the fixture machine booted: process start times are clock ticks (10 ms) after it. */
const BOOT = at(8, 0, 0);

/** A start time in clock ticks after boot, as /proc/PID/stat has it. */
export function ticksAt(ms: number): number {
	return Math.round((ms - BOOT) / 10);
}

/** A full 64-hex container ID, as podman makes them (derived from `seed`, so stable across runs). */
export function containerId(seed: string): string {
	return createHash('sha256').update(seed).digest('hex');
}

export const WEB_ID = containerId('web');
export const BATCH_ID = containerId('batch');
export const DB_ID = containerId('db');

/** A container as podman inspect reports it; `overrides` give what the test cares about. */
export function makeContainer(overrides: Partial<Container> & Pick<Container, 'id' | 'name'>): Container {
	return {
		image: 'docker.io/library/alpine:3.20',
		command: ['sleep', 'infinity'],
		state: 'running',
		exitCode: 0,
		pid: undefined,
		podmanConmonPid: undefined,
		createdAt: at(16, 0, 0),
		startedAt: at(16, 0, 1),
		finishedAt: undefined,
		restartCount: 0,
		execIds: [],
		...overrides,
	};
}

/** A process as the /proc reader returns it. */
export function makeProcess(pid: number, ppid: number, argv: string[], overrides: Partial<ProcessInfo> = {}): ProcessInfo {
	// The kernel's name for it: the executable's base name, at most 15 bytes.
	const comm = (argv[0]?.split(/[ :]/)[0]?.split('/').at(-1) ?? '').slice(0, 15);
	return { pid, ppid, state: 'S', startTicks: ticksAt(at(16, 0, 0)) + pid, comm, argv, ...overrides };
}

/** A monitor conmon's process, with the command line podman gives it. */
export function makeConmonProcess(generation: ConmonGeneration, id: string, name: string, overrides: Partial<ProcessInfo> = {}): ProcessInfo {
	const userdata = `/home/dev/.local/share/containers/storage/overlay-containers/${id}/userdata`;
	const runUserdata = `/run/user/1000/containers/overlay-containers/${id}/userdata`;
	const argv = [
		'/usr/bin/conmon',
		'--api-version',
		'1',
		'-c',
		id,
		'-u',
		id,
		'-r',
		'/usr/bin/crun',
		'-b',
		userdata,
		'-p',
		`${runUserdata}/pidfile`,
		'-n',
		name,
		'--exit-dir',
		'/run/user/1000/libpod/tmp/exits',
		'--full-attach',
		'-l',
		`k8s-file:${userdata}/ctr.log`,
		'--log-level',
		'warning',
		'--conmon-pidfile',
		`${runUserdata}/conmon.pid`,
		'--exit-command',
		'/usr/bin/podman',
		'--exit-command-arg',
		'container',
		'--exit-command-arg',
		'cleanup',
		'--exit-command-arg',
		id,
	];
	return { pid: generation.pid, ppid: 1, state: 'S', startTicks: generation.startTicks, comm: 'conmon', argv, ...overrides };
}

/** One conmon generation; `startedAt` also gives its start ticks. */
export function makeGeneration(pid: number, startedAt: number, rest: Omit<ConmonGeneration, 'pid' | 'startTicks' | 'startedAt'> = {}): ConmonGeneration {
	return { pid, startTicks: ticksAt(startedAt), startedAt, ...rest };
}

/** Containers keyed by ID, as the store holds them. */
export function byId(containers: readonly Container[]): Record<string, Container> {
	return Object.fromEntries(containers.map((c) => [c.id, c]));
}

/** The state a fixture builds: what the store needs to draw a tree. */
export type FixtureState = Pick<AppState, 'loaded' | 'containers' | 'history' | 'processes' | 'selectedId'>;

/**
 * Three containers as a real session shows them, in creation order:
 *
 * - web (nginx), running on its 2nd conmon 3990: the 1st, 3805, exited at 16:57:03 with
 *   code 0 (a `podman restart`); nginx master 3995 with workers 3996 and 3997 below conmon.
 * - batch (fedora, `sh -c 'exit 1'`), exited: its conmon 3870 is gone (exited 16:58:10, code 1).
 * - db (postgres), running on its 1st conmon 4120, postgres 4125 with two helpers.
 *
 * web is selected.
 */
export function fixtureState(): FixtureState {
	const web = makeContainer({
		id: WEB_ID,
		name: 'web',
		image: 'docker.io/library/nginx:alpine',
		command: ['nginx', '-g', 'daemon off;'],
		state: 'running',
		pid: 3995,
		podmanConmonPid: 3990,
		createdAt: at(16, 50, 0),
		startedAt: at(16, 57, 5),
		restartCount: 0,
	});
	const batch = makeContainer({
		id: BATCH_ID,
		name: 'batch',
		image: 'quay.io/fedora/fedora:40',
		command: ['sh', '-c', 'exit 1'],
		state: 'exited',
		exitCode: 1,
		createdAt: at(16, 57, 50),
		startedAt: at(16, 58, 0),
		finishedAt: at(16, 58, 10),
	});
	const db = makeContainer({
		id: DB_ID,
		name: 'db',
		image: 'docker.io/library/postgres:16',
		command: ['postgres'],
		state: 'running',
		pid: 4125,
		podmanConmonPid: 4120,
		createdAt: at(16, 59, 30),
		startedAt: at(16, 59, 40),
	});

	const webFirst = makeGeneration(3805, at(16, 51, 0), { exitedAt: at(16, 57, 3), exitCode: 0, containerPid: 3810, nameAtStart: 'web' });
	const webSecond = makeGeneration(3990, at(16, 57, 5), { containerPid: 3995, nameAtStart: 'web' });
	const batchOnly = makeGeneration(3870, at(16, 58, 0), { exitedAt: at(16, 58, 10), exitCode: 1, containerPid: 3875, nameAtStart: 'batch' });
	const dbOnly = makeGeneration(4120, at(16, 59, 40), { containerPid: 4125, nameAtStart: 'db' });
	const history: ConmonHistory = {
		...EMPTY_HISTORY,
		generations: { [WEB_ID]: [webFirst, webSecond], [BATCH_ID]: [batchOnly], [DB_ID]: [dbOnly] },
	};

	const processes: ProcessInfo[] = [
		makeConmonProcess(webSecond, WEB_ID, 'web'),
		makeProcess(3995, 3990, ['nginx: master process nginx -g daemon off;']),
		makeProcess(3996, 3995, ['nginx: worker process']),
		makeProcess(3997, 3995, ['nginx: worker process']),
		makeConmonProcess(dbOnly, DB_ID, 'db'),
		makeProcess(4125, 4120, ['postgres']),
		makeProcess(4140, 4125, ['postgres: checkpointer']),
		makeProcess(4141, 4125, ['postgres: background writer']),
	];

	return { loaded: true, containers: byId([web, batch, db]), history, processes, selectedId: WEB_ID };
}

/**
 * `count` exited containers job-01, job-02, ... created a minute apart, none seen running
 * this session: enough rows to scroll and to page through. job-01 is selected.
 */
export function manyContainersState(count: number): FixtureState {
	const containers = Array.from({ length: count }, (_, index) => {
		const n = String(index + 1).padStart(2, '0');
		return makeContainer({
			id: containerId(`job-${n}`),
			name: `job-${n}`,
			image: 'docker.io/library/busybox:1.36',
			command: ['true'],
			state: 'exited',
			exitCode: 0,
			createdAt: at(15, index, 0),
			startedAt: at(15, index, 1),
			finishedAt: at(15, index, 2),
		});
	});
	return { loaded: true, containers: byId(containers), history: EMPTY_HISTORY, processes: [], selectedId: containers[0]?.id };
}
