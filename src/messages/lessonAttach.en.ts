/** The attach lesson: podman attach is a client of conmon's attach socket, not conmon's parent. */
export const lessonAttachEn = {
	'lesson.attach.title': "attach: podman as a client of conmon's socket",
	'lesson.attach.summary': "podman attach stays, connected to conmon's attach socket, yet is not conmon's parent; when it goes, conmon and the container go on",
	'lesson.attach.run.title': 'Run a container with -d',
	'lesson.attach.run.explain':
		'Its command prints the next number every second. With -d, podman run exits once the container is started; conmon stays, adopted by PID 1 or a subreaper.',
	'lesson.attach.attach.title': 'Attach to it',
	// conmon listens on a SOCK_SEQPACKET socket named attach, bound through a directory fd (conmon src/conn_sock.c,
	// setup_attach_socket, bind_relative_to_dir): the kernel records the name as /proc/self/fd/N/attach.
	'lesson.attach.attach.explain':
		"This starts podman attach --no-stdin --sig-proxy=false: a podman that stays, connected to conmon's attach socket, and receives the container's output. conmon's fds in /proc/PID/fd, matched by inode to /proc/PID/net/unix, show the socket and the connection. Pressing n ends this podman.",
	'lesson.attach.attach.expect': "a running podman attach, connected to conmon's attach socket; conmon's parent still not podman",
	'lesson.attach.seen.noAttach': 'podman attach is not running',
	'lesson.attach.seen.noSocket': 'conmon {conmon} has no attach socket',
	'lesson.attach.seen.noConnection': 'conmon {conmon} listens on {path}, with no connection yet',
	'lesson.attach.seen.parentIsPodman': "conmon {conmon}'s parent is podman {podman}",
	'lesson.attach.attach.met':
		"podman attach {podman} is connected: conmon {conmon} holds it as fd {fd}, on {path}. conmon's parent is still {ppid} ({parent}), not podman",
	'lesson.attach.detach.title': 'The attach has ended',
	'lesson.attach.detach.explain':
		'Pressing n ended podman attach. It was only a client: conmon and the container go on, and the attach socket waits for the next one.',
	'lesson.attach.detach.expect': 'podman attach gone; the same conmon and the container run on',
	'lesson.attach.seen.neverAttached': 'podman attach was not started: press b and a',
	'lesson.attach.seen.stillAttached': 'podman attach (PID {podman}) still runs',
	'lesson.attach.seen.otherConmon': 'conmon {conmon} is not the conmon podman attached to',
	'lesson.attach.seen.stillConnected': 'conmon {conmon} still holds a connection on its attach socket',
	'lesson.attach.detach.met':
		'podman attach (PID {podman}) has exited; conmon {conmon} runs on, still the parent of {child}, with no connection on its attach socket',
} as const;
