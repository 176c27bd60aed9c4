import { type Container, type ContainerAction, shortId } from '../model/container.js';
import { type Pod, podState } from '../model/pod.js';

// Every podman command line conmon-tui runs, each written once: the argv after `podman`.
// Callers build argv here and hand it to Podman.run/spawn; no other file writes one
// (test/unit/podmanArgvPlace.test.ts checks). One file, not one per verb as podman-tui's
// pdcs/: the dozen builders are one line each, and side by side they show at a glance
// what conmon-tui asks of podman and what it changes.

// ── Queries: read-only, canceled and killed when conmon-tui exits ──

/** `podman --version`: checked once at start (4.x or newer). */
export function versionArgs(): string[] {
	return ['--version'];
}

/**
 * `podman version --format json`: with a far podman, `Client` is this machine's binary and
 * `Server` the far service (the one that runs the containers); nothing when the service does not answer.
 */
export function versionJsonArgs(): string[] {
	return ['version', '--format', 'json'];
}

/** `podman system connection list --format json`: podman's named connections (to a podman machine, a server). */
export function connectionListArgs(): string[] {
	return ['system', 'connection', 'list', '--format', 'json'];
}

/**
 * The global options that send a podman command to the far side, before its verb:
 * `--connection NAME`, or `--url URI [--identity KEY]` for a CONTAINER_HOST with no name.
 */
export function remoteArgs(target: { name: string | undefined; uri: string; identity: string | undefined }): string[] {
	if (target.name !== undefined) return ['--connection', target.name];
	return ['--url', target.uri, ...(target.identity === undefined ? [] : ['--identity', target.identity])];
}

/** `podman ps -a --pod --format json`: every container of this store, with state, PID, exit code and pod (`--pod` fills PodName). */
export function listContainersArgs(): string[] {
	return ['ps', '-a', '--pod', '--format', 'json'];
}

/** `podman container inspect ID…`: what only inspect knows (ConmonPid, exec sessions, restart count). */
export function inspectContainersArgs(ids: readonly string[]): string[] {
	return ['container', 'inspect', ...ids];
}

/** `podman info --format json`: the store's graph and run roots (to tell this store's conmons from others') and the events backend. */
export function storeInfoArgs(): string[] {
	return ['info', '--format', 'json'];
}

/** `podman events --format json`, resumed from `since` (an RFC 3339 time) after a lost stream. */
export function eventsArgs(since?: string): string[] {
	return ['events', '--format', 'json', ...(since === undefined ? [] : ['--since', since])];
}

/**
 * `podman --log-level debug events --stream=false --since <far future>`: prints no event and exits,
 * but its debug log names the events file podman reads (parseEventsFilePath), resolved from
 * containers.conf by podman itself.
 */
export function eventsFilePathArgs(): string[] {
	return ['--log-level', 'debug', 'events', '--stream=false', '--since', '2999-01-01T00:00:00Z'];
}

/** `podman container inspect --format '{{.State.ConmonPid}}' ID`: the conmon PID podman believes in. */
export function conmonPidArgs(id: string): string[] {
	return ['container', 'inspect', '--format', '{{.State.ConmonPid}}', id];
}

/** `podman container inspect --format '{{.State.Status}} {{.State.ConmonPid}}' ID`: podman's state and its conmon PID. */
export function statusAndConmonPidArgs(id: string): string[] {
	return ['container', 'inspect', '--format', '{{.State.Status}} {{.State.ConmonPid}}', id];
}

// ── Commands that change a container: left to finish if conmon-tui exits first ──

/** The podman arguments for an action. The short ID is what people type; podman refuses an ambiguous one. */
export function containerActionArgs(action: ContainerAction, container: Pick<Container, 'id' | 'state'>): string[] {
	switch (action) {
		case 'remove': {
			const id = shortId(container.id);
			// A running container cannot be removed without -f; the user has already confirmed.
			return container.state === 'running' || container.state === 'paused' ? ['rm', '-f', id] : ['rm', id];
		}
		default:
			return containerCommandArgs(action, container.id);
	}
}

/** `podman VERB ID` for a verb that needs nothing else (`kill`, `start`…); the ID is shortened as people type it. */
export function containerCommandArgs(verb: Exclude<ContainerAction, 'remove'>, id: string): string[] {
	return [verb, shortId(id)];
}

/**
 * `podman pod VERB ID` for a key on a pod's row (`pod start`, `pod stop`, `pod kill`, `pod restart`,
 * `pod pause`, `pod unpause`, `pod rm`): podman acts on every container of the pod, the infra too.
 */
export function podActionArgs(action: ContainerAction, pod: Pick<Pod, 'id' | 'containers'>): string[] {
	const id = shortId(pod.id);
	if (action !== 'remove') return ['pod', action, id];
	// Like a container, a pod with a running container cannot be removed without -f; the user has already confirmed.
	return podState(pod) === 'stopped' ? ['pod', 'rm', id] : ['pod', 'rm', '-f', id];
}

/** Options of `podman run` that the lessons use. */
export interface RunOptions {
	/** `--name NAME`. */
	name?: string;
	/** `--restart POLICY` (`always`, `on-failure`…). */
	restart?: string;
	/** `--init`: podman's init (catatonit) becomes the container's PID 1 and forwards signals to the command. */
	init?: boolean;
	/** `--log-driver DRIVER` (`none`: conmon is given `-l none` and keeps no log). */
	logDriver?: string;
	/** `--pod POD`: join that pod (its namespaces, held by its infra container). */
	pod?: string;
}

/**
 * `podman run -d [--name NAME] [--restart POLICY] IMAGE COMMAND...`: the image and command stay
 * separate argv elements, never a shell line.
 */
export function runArgs(image: string, command: readonly string[], options: RunOptions = {}): string[] {
	return [
		'run',
		'-d',
		...(options.name === undefined ? [] : ['--name', options.name]),
		...(options.restart === undefined ? [] : ['--restart', options.restart]),
		...(options.init === true ? ['--init'] : []),
		...(options.logDriver === undefined ? [] : ['--log-driver', options.logDriver]),
		...(options.pod === undefined ? [] : ['--pod', options.pod]),
		image,
		...command,
	];
}

/** `podman stop -t SECONDS ID`: SIGTERM (the image's stop signal), then SIGKILL if the container still runs after SECONDS. */
export function stopArgs(id: string, seconds: number): string[] {
	return ['stop', '-t', String(seconds), shortId(id)];
}

/** `podman logs --tail LINES ID`: the container's last output lines, as podman reads them from conmon's log. */
export function logsTailArgs(id: string, lines: number): string[] {
	return ['logs', '--tail', String(lines), shortId(id)];
}

/**
 * `podman attach --no-stdin --sig-proxy=false ID`: a podman that stays, connected to conmon's
 * attach socket, without a terminal. --sig-proxy=false: the SIGTERM that ends it must end this
 * podman, not be passed on to the container (podman attach forwards signals by default).
 */
export function attachArgs(id: string): string[] {
	return ['attach', '--no-stdin', '--sig-proxy=false', shortId(id)];
}

/** `podman pod create --name NAME`: the pod and its infra container, created; nothing runs yet. */
export function podCreateArgs(name: string): string[] {
	return ['pod', 'create', '--name', name];
}

/** `podman pod stop -t SECONDS POD`: SIGTERM to every container of the pod, SIGKILL after the timeout. */
export function podStopArgs(pod: string, timeoutSeconds: number): string[] {
	return ['pod', 'stop', '-t', String(timeoutSeconds), pod];
}

/** `podman pod start POD`: the infra first, then the members, each with a new conmon. */
export function podStartArgs(pod: string): string[] {
	return ['pod', 'start', pod];
}

/** `podman pod rm -f -i -t 0 POD…`: removes the pods with all their containers, the infra too (`podman rm` refuses an infra). */
export function removePodsNowArgs(pods: readonly string[]): string[] {
	return ['pod', 'rm', '-f', '-i', '-t', '0', ...pods.map(shortId)];
}

/** `podman exec -d ID COMMAND...`: a detached exec session (its own conmon). */
export function execDetachedArgs(id: string, command: readonly string[]): string[] {
	return ['exec', '-d', id, ...command];
}

/**
 * `podman rm -f -i -t 0 ID…` (short IDs): removes at once. -t 0: `sleep` as PID 1 ignores
 * SIGTERM, and waiting 10 s for podman's SIGKILL teaches nothing; -i: one already gone is no error.
 */
export function removeNowArgs(ids: readonly string[]): string[] {
	return ['rm', '-f', '-i', '-t', '0', ...ids.map(shortId)];
}
