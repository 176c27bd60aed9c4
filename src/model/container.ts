/** A container as podman reports it, in the shape conmon-tui uses for podman 4.x and 5.x alike. */
export interface Container {
	/** Full 64-hex ID: the container's identity (names can be reused). */
	id: string;
	name: string;
	image: string;
	command: string[];
	/** podman's state word: created, running, paused, exited, stopped, stopping, ... */
	state: string;
	exitCode: number | undefined;
	/** The container's first process on the host, while it runs. */
	pid: number | undefined;
	/** The conmon PID podman believes in (inspect `.State.ConmonPid`); may be stale. */
	podmanConmonPid: number | undefined;
	createdAt: number | undefined;
	startedAt: number | undefined;
	finishedAt: number | undefined;
	restartCount: number | undefined;
	/** Exec sessions podman knows of (inspect `.ExecIDs`). */
	execIds: string[];
	/** The network namespace path (inspect `.NetworkSettings.SandboxKey`); rootless network helpers name it. */
	sandboxKey?: string;
	/** The pod it belongs to (ps and inspect `Pod`, the pod's full ID); absent outside a pod. */
	pod?: string;
	/** The pod's name (ps `PodName`, filled only with `ps --pod`). */
	podName?: string;
	/** The pod's infra container (ps and inspect `IsInfra`): it holds the pod's namespaces. */
	isInfra?: boolean;
	/**
	 * The systemd unit that runs it (label `PODMAN_SYSTEMD_UNIT`, set by Quadlet and by the units
	 * `podman generate systemd` writes); absent for a container no unit started.
	 */
	systemdUnit?: string;
	/**
	 * `--sdnotify` (inspect `.Config.sdNotifyMode`: container, conmon, ignore). With `conmon`, podman
	 * tells systemd MAINPID=<conmon's PID> and READY=1 once the container has started.
	 */
	sdNotifyMode?: string;
	/** `--rm` (ps `AutoRemove`, inspect `.HostConfig.AutoRemove`): conmon's exit command removes it once it exits. */
	autoRemove?: boolean;
}

/** What a key can do to a container (app/actions.ts runs it through podman). */
export type ContainerAction = 'start' | 'stop' | 'kill' | 'restart' | 'pause' | 'unpause' | 'remove';

/** Whether text is a full container ID: 64 lowercase hex digits, as `podman run -d` prints it. */
export function isFullContainerId(text: string): boolean {
	return /^[0-9a-f]{64}$/.test(text);
}

/** The first 12 characters of an ID, as podman prints it. */
export function shortId(id: string): string {
	return id.slice(0, 12);
}

/**
 * A path with each full container ID in it cut to podman's short form and an ellipsis
 * (`…/overlay-containers/4b5e57f6eb2f…/userdata/ctr.log`): conmon's paths carry the 64-digit ID,
 * which alone takes most of an 80-column line.
 */
export function shortenIdsInPath(path: string): string {
	return path.replace(/(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/g, (id) => `${shortId(id)}…`);
}

/** True when the container is meant to have a live conmon: podman says it runs or is paused. */
export function expectsConmon(container: Pick<Container, 'state'>): boolean {
	return container.state === 'running' || container.state === 'paused' || container.state === 'stopping';
}
