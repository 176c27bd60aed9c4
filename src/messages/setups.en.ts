/**
 * Podman as people run it: systemd units and Quadlet, the conmon's cgroup, `--sdnotify`, `--init`,
 * `--rm`, the events backend, and the pod details view.
 */
export const setupsEn = {
	// The label podman copies from $PODMAN_SYSTEMD_UNIT (pkg/specgenutil/specgen.go); Quadlet's units set it to %n.
	'setups.unit.tree': 'unit {unit}',
	'setups.unit.details': 'systemd unit {unit} (label PODMAN_SYSTEMD_UNIT, which the units Quadlet and podman generate systemd write set)',
	'setups.cgroup.label': 'cgroup',
	// podman libpod/oci_conmon_linux.go, moveConmonToCgroupAndSignal.
	'setups.cgroup.conmonScope': 'podman put conmon in a systemd scope of its own (libpod-conmon-<id>.scope): systemd sees it apart from any service unit',
	'setups.cgroup.unit':
		"conmon runs in {unit}'s own cgroup: podman made none for it (--cgroups=no-conmon or split, or podman itself ran inside the unit), so systemd counts conmon as one of {unit}'s processes",
	'setups.cgroup.cgroupfs': 'podman (cgroupfs manager) moved conmon to <cgroup parent>/conmon, apart from the container; no systemd is involved',
	'setups.cgroup.other': 'a cgroup podman did not make for conmon: it stayed where the podman that started it was',
	'setups.sdnotify.label': 'sd-notify',
	// libpod/container_internal.go, start(): MAINPID=<ConmonPID>, and READY=1 for the conmon policy.
	'setups.sdnotify.conmon':
		"--sdnotify=conmon: in a Type=notify unit, once the container has started podman sends systemd MAINPID={pid} (this conmon) and READY=1; systemd then watches conmon as the unit's main process: the unit is up while conmon lives, and Restart= acts when conmon exits",
	'setups.sdnotify.container':
		'--sdnotify=container: in a Type=notify unit, podman sends systemd MAINPID={pid} (this conmon); READY=1 comes from the container itself, through the socket the runtime passes in',
	// The container's first process with --init: /run/podman-init is catatonit, bind-mounted by podman.
	'setups.init.tree': 'init (catatonit) as PID 1: reaps zombies and passes signals to the command below it',
	'setups.init.details': '--init: catatonit, mounted by podman as /run/podman-init, is PID 1; the command is its child',
	// podman container cleanup --rm (the exit command conmon runs): removes the container once it exited.
	'setups.removed.tree': '{name}  {id}  {image}  removed {time}: --rm, so the exit command conmon ran (podman container cleanup --rm) removed it',
	'setups.removed.conmon': '; its last conmon {pid} {exit}',
	'setups.removed.gone': 'This container has been removed ({time}): with --rm, the cleanup conmon runs when the container exits removes it.',
	// podman info: host.eventLogger (file, journald or none).
	'setups.events.backend': 'podman {version} · events backend: {backend} (podman info: host.eventLogger)',
	'setups.events.unknown': 'podman {version} · events backend: not known yet (podman info has not answered)',
	'setups.events.file':
		'podman writes its events to a file (events_logfile_path); conmon-tui follows that file itself (inotify), or runs podman events when it cannot',
	'setups.events.journald': 'podman events reads the journal (SYSLOG_IDENTIFIER=podman); the stream starts at its end',
	'setups.events.none': 'events are off: podman events reports nothing, and conmon-tui follows podman by asking (ps, inspect) and by /proc alone',
	'setups.events.noneLog': "podman's events backend is none: no events will come; conmon-tui follows podman by asking it and by /proc",
	// The pod details view (Enter on a pod row).
	'setups.pod.title': 'pod {name}',
	'setups.pod.infra': 'infra container {id} ({name}): holds the namespaces the pod shares: {namespaces}',
	'setups.pod.infraShares': 'infra container {id} ({name}): holds the namespaces the pod shares',
	'setups.pod.noInfra': 'no infra container: each container keeps its own namespaces',
	'setups.pod.members': '{count} containers, one conmon each:',
	'setups.pod.member': '{name}  {id}  {state}  conmon {conmon}',
	'setups.pod.memberInfra': '{name}  {id}  {state}  conmon {conmon}  (infra)',
	'setups.pod.closeHint': 'Enter or Escape: back to the tree · keys act on the whole pod (podman pod …)',
} as const;
