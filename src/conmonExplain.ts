import type { ConmonArgs } from './conmonArgs.js';

/** One fact from conmon's command line, with what it means in plain words. */
export interface ConmonFact {
	label: string;
	value: string;
	meaning: string;
}

/** conmon's arguments explained: what each one tells, for a person who has never read conmon's source. */
export function explainConmonArgs(args: ConmonArgs): ConmonFact[] {
	const facts: ConmonFact[] = [];
	const add = (label: string, value: string | undefined, meaning: string): void => {
		if (value !== undefined && value !== '') facts.push({ label, value, meaning });
	};
	add('container', args.containerId, 'the container this conmon watches (-c)');
	if (args.execSessionId) add('exec session', args.execSessionId, 'a `podman exec` session: this conmon runs one command in the container (-e, -u)');
	add('name at start', args.name, 'the container name when it started (-n); a later rename does not change it');
	add('runtime', args.runtime, 'the OCI runtime conmon calls to create and start the container (-r)');
	add('bundle', args.bundle, 'the OCI bundle: config.json and the root filesystem the runtime is given (-b)');
	add('container pidfile', args.containerPidfile, "where the runtime writes the container's host PID (-p)");
	add('conmon pidfile', args.conmonPidfile, "where conmon writes its own PID: podman's ConmonPid (--conmon-pidfile)");
	add('exit directory', args.exitDir, "when the container dies, conmon writes its exit code to a file named after the container here; podman reads it (--exit-dir)");
	const log = splitLogPath(args.logPath);
	add('log', log?.path, `the container's stdout and stderr, written by conmon with the ${log?.driver ?? 'k8s-file'} driver: what \`podman logs\` reads (-l)`);
	add(
		'exit command',
		args.exitCommand?.join(' '),
		"what conmon runs after the container dies, before it exits itself: podman's cleanup (unmount, network teardown, runtime delete, restart policy)",
	);
	return facts;
}

/** `k8s-file:/path/ctr.log` → driver and path; a bare path is k8s-file. */
export function splitLogPath(logPath: string | undefined): { driver: string; path: string } | undefined {
	if (!logPath) return undefined;
	const colon = logPath.indexOf(':');
	if (colon > 0 && !logPath.startsWith('/')) return { driver: logPath.slice(0, colon), path: logPath.slice(colon + 1) };
	return { driver: 'k8s-file', path: logPath };
}

/** Why conmon's parent is what it is: never podman. */
export function explainConmonParent(ppid: number, parentComm: string | undefined, parentIsConmon: boolean): string {
	const who = `PID ${ppid}${parentComm ? ` (${parentComm})` : ''}`;
	if (ppid === 1) {
		return `${who}: podman started a first conmon, which forked this one and exited at once; the orphan was adopted by PID 1. podman itself has long exited.`;
	}
	if (parentIsConmon) return `${who}: the first conmon, about to exit; this one will then be adopted by PID 1 or a subreaper.`;
	return `${who}: a subreaper (PR_SET_CHILD_SUBREAPER, e.g. systemd --user), which adopts orphans below it instead of PID 1. It is not podman.`;
}
