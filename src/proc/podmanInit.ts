import type { ProcessInfo } from './parse.js';

/**
 * Where podman mounts catatonit inside a container run with `--init`, and runs it as PID 1 with the
 * command after `--` (podman's libpod/define: ContainerInitPath; seen here as `/run/podman-init --
 * sleep infinity`, the child of the container's conmon). Not `catatonit -P`: that is rootless
 * podman's pause process or a pod's infra (rootlessHelpers.ts, model/pod.ts).
 */
export const PODMAN_INIT_PATH = '/run/podman-init';

/** Whether a process is the init podman's `--init` put in a container as its PID 1. */
export function isPodmanInit(process: Pick<ProcessInfo, 'argv'>): boolean {
	return process.argv[0] === PODMAN_INIT_PATH;
}
