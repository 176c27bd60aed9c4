/** conmon's arguments and parent in plain words, and where podman and /proc disagree. */
export const explainEn = {
	'explain.container.label': 'container',
	'explain.container.meaning': 'the container this conmon watches (-c)',
	'explain.execSession.label': 'exec session',
	'explain.execSession.meaning': 'a `podman exec` session: this conmon runs one command in the container (-e, -u)',
	'explain.nameAtStart.label': 'name at start',
	'explain.nameAtStart.meaning': 'the container name when it started (-n); a later rename does not change it',
	'explain.apiVersion.label': 'API version',
	// conmon src/cli.c (a flag), src/parent_pipe_fd.c write_or_close_sync_fd (the message key for API 1), src/conmon.c (sends the PID).
	'explain.apiVersion.meaning':
		"the version of the messages conmon sends podman on its sync pipe (the container's PID, an exec's exit code); podman asks for 1 (--api-version)",
	'explain.runtime.label': 'runtime',
	// conmon src/runtime_args.c (create / exec / restore); podman libpod/oci_conmon_common.go, StartContainer (runtime start).
	'explain.runtime.meaning':
		'the OCI runtime: conmon runs its create (exec for an exec session, restore from a checkpoint); podman itself then runs its start (-r)',
	'explain.bundle.label': 'bundle',
	'explain.bundle.meaning': 'the OCI bundle: config.json and the root filesystem the runtime is given (-b)',
	'explain.containerPidfile.label': 'container pidfile',
	'explain.containerPidfile.meaning': "where the runtime writes the container's host PID (-p)",
	'explain.conmonPidfile.label': 'conmon pidfile',
	// conmon src/conmon.c, main: the first conmon forks, writes main_pid to --conmon-pidfile, _exit(0).
	'explain.conmonPidfile.meaning':
		"the double fork: the launcher conmon podman started forked this one, wrote this one's PID here and exited; podman reads it as ConmonPid (--conmon-pidfile)",
	'explain.exitDir.label': 'exit directory',
	'explain.exitDir.meaning': 'when the container dies, conmon writes its exit code to a file named after the container ID here; podman reads it (--exit-dir)',
	'explain.log.label': 'log',
	// podman libpod/oci_conmon_common.go, sharedConmonArgs (what -l podman passes); conmon src/ctr_logging.c, parse_log_path;
	// passthrough: conmon does not dup the child's stdio (src/conmon.c), which is podman's (cmd.Stdout = os.Stdout, createOCIContainer).
	'explain.log.k8sFile': "conmon writes the container's stdout and stderr to this file (k8s-file driver); `podman logs` reads it (-l k8s-file:PATH)",
	'explain.log.journald':
		"conmon writes the container's stdout and stderr to the journal, with the container's ID and name as fields; `podman logs` reads them there (-l journald)",
	'explain.log.none': 'conmon keeps no log: `podman logs` has nothing to read (-l none)',
	'explain.log.passthrough':
		'conmon collects nothing: the container writes straight to the stdout and stderr podman was started with; no file, nothing for `podman logs` (-l passthrough)',
	'explain.log.unknown': 'a log driver conmon-tui does not know; conmon itself knows k8s-file, journald, none and passthrough (-l)',
	'explain.exitCommand.label': 'exit command',
	'explain.exitCommand.meaning':
		'what conmon runs after the container dies, and waits for before it exits: podman container cleanup (unmount, network teardown, runtime delete, --rm, and the restart policy, which starts a new conmon)',
	'explain.parent.adoptedByInit':
		"{who}: podman started a first conmon, which forked this one, wrote its PID to the conmon pidfile and exited at once; the orphan was adopted by PID 1. podman is not its parent: with -d it has exited; an attached podman (run -it, start -a, attach) is only a client of conmon's attach socket.",
	'explain.parent.firstConmon': '{who}: the first conmon, about to exit; this one will then be adopted by PID 1 or a subreaper.',
	'explain.parent.subreaper':
		'{who}: a subreaper (PR_SET_CHILD_SUBREAPER, e.g. systemd --user), which adopts orphans below it instead of PID 1. It is not podman.',
	'anomaly.staleConmonPid': "podman's ConmonPid {pid} is stale: no such conmon in /proc",
	'anomaly.staleConmonPidLive': "podman's ConmonPid {pid} is stale: no such conmon in /proc (the live one is {live})",
	'anomaly.noConmon': 'podman says {state}, but no conmon watches this container',
	'anomaly.noConmonPid': 'podman says {state}, but no conmon watches it: PID {pid} runs with no conmon (podman rm -f, again if it fails, recovers)',
	'anomaly.twoConmons': "{count} main conmons at once: {pids} (outside any exec session, and none of them running podman's cleanup)",
} as const;
