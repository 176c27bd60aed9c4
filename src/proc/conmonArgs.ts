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
	/** `-l`/`--log-path` as given: `k8s-file:/…/ctr.log`, or a bare `journald`, `none`, `passthrough` (read it with parseLogDriver). */
	logPath?: string;
	/** `--api-version`: the version of the messages conmon sends podman on its sync pipe; podman passes `1`. */
	apiVersion?: string;
	/** `--exit-command` with its `--exit-command-arg`s: what conmon runs after the container dies (podman's cleanup). */
	exitCommand?: string[];
}

/** Options of conmon that take no value (conmon's src/cli.c); every other option takes one. */
const FLAG_OPTIONS = new Set([
	'-t',
	'--terminal',
	'-i',
	'--stdin',
	'--leave-stdin-open',
	'--exec-attach',
	'--no-new-keyring',
	'--no-pivot',
	'--replace-listen-pid',
	'-s',
	'--systemd-cgroup',
	'-e',
	'--exec',
	'--version',
	'--syslog',
	'--full-attach',
	'--no-sync-log',
	'--sync',
]);

const LONG_NAMES: Record<string, string> = {
	'-c': '--cid',
	'-u': '--cuuid',
	'-n': '--name',
	'-r': '--runtime',
	'-b': '--bundle',
	'-p': '--container-pidfile',
	'-P': '--conmon-pidfile',
	'-l': '--log-path',
	'-e': '--exec',
	'--pidfile': '--container-pidfile',
};

/** True when argv[0] is a conmon binary. */
export function isConmonCommand(argv: readonly string[]): boolean {
	const program = argv[0];
	return program !== undefined && (program === 'conmon' || program.endsWith('/conmon'));
}

/**
 * What each conmon command line already parsed says (null: not a monitor), by the argv array itself.
 * The scanner hands a known process's argv array on from scan to scan (read.ts), so a conmon's
 * command line is parsed once, not at every scan by every caller (findConmons, its parent's check,
 * the rootless helpers'): that was a tenth of a scan at 200 conmons. Weak: a process gone from
 * the scans takes its entry with it. The answers are shared, so they are never changed.
 */
const parsedConmons = new WeakMap<readonly string[], ConmonArgs | null>();

/**
 * Parses the command line of a conmon process. Returns undefined for anything that is
 * not a container monitor: other programs, and the short-lived `conmon --version` that
 * podman 4 runs for nearly every command (a monitor always has `--api-version`).
 * The same argv array gives the same object (parsed once).
 */
export function parseConmonArgs(argv: readonly string[]): ConmonArgs | undefined {
	if (!isConmonCommand(argv)) return undefined;
	const known = parsedConmons.get(argv);
	if (known !== undefined) return known ?? undefined;
	const args = readConmonArgs(argv);
	parsedConmons.set(argv, args ?? null);
	return args;
}

/** parseConmonArgs for an argv already known to be conmon's, read option by option. */
function readConmonArgs(argv: readonly string[]): ConmonArgs | undefined {
	const values = new Map<string, string>();
	const exitArgs: string[] = [];
	let apiVersion: string | undefined;
	let exec = false;
	for (let i = 1; i < argv.length; i++) {
		const token = argv[i] ?? '';
		if (!token.startsWith('-')) continue;
		const eq = token.startsWith('--') ? token.indexOf('=') : -1;
		const raw = eq > 0 ? token.slice(0, eq) : token;
		const option = LONG_NAMES[raw] ?? raw;
		if (option === '--api-version') {
			// conmon declares it a flag (src/cli.c), podman passes `--api-version 1`
			// (libpod/oci_conmon_common.go, sharedConmonArgs): keep the number for the details view.
			apiVersion = eq > 0 ? token.slice(eq + 1) : /^\d+$/.test(argv[i + 1] ?? '') ? (argv[++i] ?? '') : '';
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
	if (apiVersion === undefined || !containerId) return undefined;
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
	if (apiVersion !== '') result.apiVersion = apiVersion;
	const exitCommand = values.get('--exit-command');
	if (exitCommand) result.exitCommand = [exitCommand, ...exitArgs];
	return result;
}

/**
 * Where conmon sends the container's stdout and stderr, from its `-l` value. podman passes
 * `k8s-file:PATH` for k8s-file and json-file, and a bare `journald`, `none` or `passthrough`
 * (libpod/oci_conmon_common.go, sharedConmonArgs). conmon itself (src/ctr_logging.c,
 * parse_log_path) also takes `off`/`null` for none, and a value with no colon as a k8s-file path.
 */
export type LogDriver = { driver: 'k8s-file'; path: string } | { driver: 'journald' | 'none' | 'passthrough' } | { driver: 'unknown'; value: string };

/** The log driver conmon's `-l` value names, read as conmon reads it. */
export function parseLogDriver(value: string): LogDriver {
	const colon = value.indexOf(':');
	const driver = colon < 0 ? value : value.slice(0, colon);
	const path = colon < 0 ? '' : value.slice(colon + 1);
	if (driver === 'none' || driver === 'off' || driver === 'null') return { driver: 'none' };
	if (driver === 'passthrough' || driver === 'journald') return { driver };
	if (driver === 'k8s-file' && path !== '') return { driver: 'k8s-file', path };
	// `:PATH` and a value with no colon at all are a k8s-file path to conmon.
	if (colon === 0 && path !== '') return { driver: 'k8s-file', path };
	if (colon < 0 && value !== '') return { driver: 'k8s-file', path: value };
	return { driver: 'unknown', value };
}

function assign<K extends keyof ConmonArgs>(target: ConmonArgs, key: K, value: ConmonArgs[K] | undefined): void {
	if (value !== undefined) target[key] = value;
}
