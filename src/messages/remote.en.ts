/** A far podman (`--connection`): the header, the far side's /proc over ssh, and what went wrong. */
export const remoteEn = {
	'far.stale': 'stale since {time}',
	'far.procUnknown': '/proc unknown',
	'far.back': 'the far side answers again: the tree is live',
	'far.procUnreadable': "the far side's /proc cannot be read: podman's view alone; conmon PIDs and processes are unknown",
	'far.notSsh': "{uri} is not an ssh connection: conmon-tui cannot read that host's /proc, so it shows podman's view alone",
	'far.podmanFailed': 'the far podman ({label}) does not answer; try by hand: {command} — podman says: {message}',
	'far.failure.unreachable': 'far side unreachable ({detail}); try by hand: {command}',
	'far.failure.refused-key': 'far side refused the ssh key ({detail}); try by hand: {command}',
	'far.failure.unknown-host-key': 'far host key unknown or changed ({detail}); check it and add it with: {command}',
	'far.failure.dropped': 'ssh to the far side dropped ({detail}); reconnecting; try by hand: {command}',
	'far.failure.timeout': 'the far side did not answer ({detail}); reconnecting; try by hand: {command}',
	'far.failure.no-ssh': 'cannot run ssh ({detail}); install an OpenSSH client; then try: {command}',
	'status.killRemote': 'PID {pid} lives on the far host: conmon-tui kills only processes of this machine; nothing was killed',
	'cli.connection.unknownName': '{from} "{name}" is not one of podman\'s connections ({known}); see podman system connection list',
	'cli.connection.noConnections':
		'{from} "{name}": podman has no connections here (podman system connection add NAME ssh://USER@HOST/run/podman/podman.sock makes one)',
	'cli.connection.noDefault': 'podman here is a remote client with no default connection; start a podman machine (podman machine init, podman machine start)',
	'cli.connection.badList': 'podman system connection list printed something that is not JSON',
	'cli.connection.listFailed': "cannot list podman's connections: {message}",
	'lesson.farHost.readsConmonsMachine':
		"The {name} lesson cannot run on a far host: its checks read files and sockets on the machine conmon runs on, which a far host's reader does not read. Run it on that machine: conmon-tui lesson {name}",
	'lesson.farHost.killsConmon':
		"The {name} lesson cannot run on a far host: it kills conmon with kill -9, which reaches only this machine's processes. Run it on the machine conmon runs on: conmon-tui lesson {name}",
	'lesson.farHost.followsLocalPodman':
		"The {name} lesson cannot run on a far host: it follows the podman process that ran the command, which is a remote client on this machine, while the far host's podman service starts conmon. Run it on that machine: conmon-tui lesson {name}",
	// pkg/api/handlers/compat/exec.go sets ExitCommandDelay from the service's containers.conf (5 * 60 s by
	// default); conmon's do_exit_command (src/ctr_exit.c) sleeps that long in a child it waits for. Seen here.
	'lesson.farHost.execExitDelayed':
		"The {name} lesson cannot run on a far host: there podman exec goes through the podman service's API, which has the exec session's conmon wait exit_command_delay (300 s by default, the far host's containers.conf) before its cleanup, so that conmon outlives the command by minutes and the lesson's check that it exits with the command fails. Run it on the machine conmon runs on: conmon-tui lesson {name}",
	'lesson.rootless.farAsRoot':
		'The rootless lesson needs podman run by an ordinary user, and this connection logs in to the far host as root. Use a connection for an ordinary user there: podman system connection add NAME ssh://USER@HOST/run/user/UID/podman/podman.sock',
} as const;
