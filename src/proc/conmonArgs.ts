/** What a monitor conmon's command line says about the container it watches. */
export interface ConmonArgs {
	/** `-c`/`--cid`: the full container ID. */
	containerId: string;
	/** With `-e`/`--exec`, `-u`/`--cuuid` is the exec session's ID (podman inspect `.ExecIDs`). */
	execSessionId?: string;
	/** `-n`/`--name`: the name when the container started; stale after `podman rename`. */
	name?: string;
	/** `-r`/`--runtime`: the OCI runtime binary (runc, crun). */
	runtime?: string;
	/** `-b`/`--bundle`: the container's bundle directory. */
	bundle?: string;
	/** `-p`/`--container-pidfile`: where the runtime writes the container's PID. */
	containerPidfile?: string;
	/** `-P`/`--conmon-pidfile`: where conmon writes its own PID. */
	conmonPidfile?: string;
	/** `--exit-dir`: where conmon writes the exit code file when the container dies. */
	exitDir?: string;
	/** `-l`/`--log-path`: the log driver and file, e.g. `k8s-file:/…/ctr.log`. */
	logPath?: string;
	/** `--exit-command` with its `--exit-command-arg`s: what conmon runs after the container dies (podman's cleanup). */
	exitCommand?: string[];
}

/** Options of conmon that take no value (conmon's src/cli.c); every other option takes one. */
const FLAG_OPTIONS = new Set([
	'-t', '--terminal', '-i', '--stdin', '--leave-stdin-open', '--exec-attach', '--no-new-keyring',
	'--no-pivot', '--replace-listen-pid', '-s', '--systemd-cgroup', '-e', '--exec', '--version',
	'--syslog', '--full-attach', '--no-sync-log', '--sync',
]);

const LONG_NAMES: Record<string, string> = {
	'-c': '--cid', '-u': '--cuuid', '-n': '--name', '-r': '--runtime', '-b': '--bundle',
	'-p': '--container-pidfile', '-P': '--conmon-pidfile', '-l': '--log-path', '-e': '--exec',
	'--pidfile': '--container-pidfile',
};

/** True when argv[0] is a conmon binary. */
export function isConmonCommand(argv: readonly string[]): boolean {
	const program = argv[0];
	return program !== undefined && (program === 'conmon' || program.endsWith('/conmon'));
}

/**
 * Parses the command line of a conmon process. Returns undefined for anything that is
 * not a container monitor: other programs, and the short-lived `conmon --version` that
 * podman 4 runs for nearly every command (a monitor always has `--api-version`).
 */
export function parseConmonArgs(argv: readonly string[]): ConmonArgs | undefined {
	if (!isConmonCommand(argv)) return undefined;
	const values = new Map<string, string>();
	const exitArgs: string[] = [];
	let apiVersion = false;
	let exec = false;
	for (let i = 1; i < argv.length; i++) {
		const token = argv[i] ?? '';
		if (!token.startsWith('-')) continue;
		const eq = token.startsWith('--') ? token.indexOf('=') : -1;
		const raw = eq > 0 ? token.slice(0, eq) : token;
		const option = LONG_NAMES[raw] ?? raw;
		if (option === '--api-version') {
			apiVersion = true;
			// conmon declares it a flag, podman passes `--api-version 1`: skip the number.
			if (eq < 0 && /^\d+$/.test(argv[i + 1] ?? '')) i++;
			continue;
		}
		if (FLAG_OPTIONS.has(raw) || FLAG_OPTIONS.has(option)) {
			if (option === '--exec') exec = true;
			continue;
		}
		const value = eq > 0 ? token.slice(eq + 1) : argv[++i];
		if (value === undefined) break;
		if (option === '--exit-command-arg') exitArgs.push(value);
		else if (!values.has(option)) values.set(option, value);
	}
	const containerId = values.get('--cid');
	if (!apiVersion || !containerId) return undefined;
	const result: ConmonArgs = { containerId };
	const cuuid = values.get('--cuuid');
	if (exec && cuuid) result.execSessionId = cuuid;
	assign(result, 'name', values.get('--name'));
	assign(result, 'runtime', values.get('--runtime'));
	assign(result, 'bundle', values.get('--bundle'));
	assign(result, 'containerPidfile', values.get('--container-pidfile'));
	assign(result, 'conmonPidfile', values.get('--conmon-pidfile'));
	assign(result, 'exitDir', values.get('--exit-dir'));
	assign(result, 'logPath', values.get('--log-path'));
	const exitCommand = values.get('--exit-command');
	if (exitCommand) result.exitCommand = [exitCommand, ...exitArgs];
	return result;
}

function assign<K extends keyof ConmonArgs>(target: ConmonArgs, key: K, value: ConmonArgs[K] | undefined): void {
	if (value !== undefined) target[key] = value;
}
