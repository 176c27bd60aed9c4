// The rootless lesson. Seen here (podman 4.3.1 as an ordinary user, test/e2e/rootlessSeed.test.ts and PODMAN-NOTES §5): the
// pause process `catatonit -P` (its PID in $XDG_RUNTIME_DIR/libpod/tmp/pause.pid, podman test/system/550-pause-process.bats)
// holds the user namespace conmon and the container run in; it stays after the last container is gone.

/** The rootless lesson: what each step explains, what it expects, and how its verdict reads. */
export const lessonRootlessEn = {
	'lesson.rootless.title': 'Rootless: podman as an ordinary user',
	'lesson.rootless.summary':
		'the pause process catatonit -P holds the user namespace; conmon has your UID on the host and is root inside; the pause process outlives the containers',
	'lesson.rootless.asRoot':
		"The rootless lesson needs podman run by an ordinary user, and conmon-tui runs as root. Start it as that user: sudo -u USER conmon-tui lesson rootless, or from that user's shell.",
	'lesson.rootless.run.title': 'Run a container as yourself',
	'lesson.rootless.run.explain':
		"You are not root, so podman runs rootless. The user's first podman command started a pause process that holds a user namespace; every podman command joins it, and conmon and the container run inside it.",
	'lesson.rootless.pause.title': 'The pause process',
	'lesson.rootless.pause.explain':
		"catatonit -P here is rootless podman's pause process: it belongs to no container and does nothing but keep the user namespace alive, so that every podman command of this user joins the same one.",
	'lesson.rootless.pause.expect': "your pause process, catatonit -P, beside the container's conmon",
	'lesson.rootless.seen.noPause': 'no pause process (catatonit -P) of yours seen yet',
	'lesson.rootless.pause.met': 'pause process catatonit -P {pause}: UID {uid}, parent PID {ppid}, beside conmon {conmon}',
	'lesson.rootless.uid.title': "conmon's UID, outside and inside",
	'lesson.rootless.uid.explain':
		"/proc/PID/status gives conmon's UID on the host: yours. /proc/PID/uid_map maps the namespace's UIDs to the host's: inside, your UID is 0. The container's root is you too, with no more rights on the host than you have.",
	'lesson.rootless.uid.expect': 'conmon runs as your UID on the host and as UID 0 in the user namespace',
	'lesson.rootless.seen.noFacts': '/proc gives no UID for conmon {conmon} or its child',
	'lesson.rootless.seen.noUserns': 'conmon {conmon} is in no user namespace of its own (uid_map: {map})',
	'lesson.rootless.uid.met':
		'conmon {conmon}: UID {host} on the host, {inside} inside (uid_map: {map}); {child}: UID {childHost} on the host, {childInside} inside',
	'lesson.rootless.stays.title': 'The pause process stays',
	'lesson.rootless.stays.explain':
		"The containers are gone, and their conmons with them, but the pause process stays: it keeps the user namespace for this user's next podman command.",
	'lesson.rootless.stays.expect': 'no container of the lesson left, and the same pause process still running',
	'lesson.rootless.seen.containersLeft': '{count} {count|one:container|other:containers} of the lesson still listed',
	'lesson.rootless.seen.pauseGone': 'pause process {pause} is gone',
	'lesson.rootless.stays.met': 'no container of the lesson left; pause process {pause} still runs, holding the user namespace',
} as const;
