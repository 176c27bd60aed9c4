/** The lessons: what each step explains, what it expects, and how its verdict reads. */
export const lessonsEn = {
	'lesson.stepHeading': 'Step {step}/{steps}: {title}',
	'lesson.finished': '■ Lesson complete: {title}',
	'lesson.left': 'Left the lesson: {title}',
	'lesson.expectedSeen': 'expected: {expected} — seen instead: {seen}',
	'lesson.commandFailed': "the command failed; podman's answer is on the status line",
	'lesson.cannotActYet': 'not yet: {why}',
	'lesson.removingOnExit': "Removing the lesson's containers ({ids})…",
	'lesson.leftoversOnExit': "The lesson's containers are still there. Remove them with: {command}",

	'lesson.ui.heading': 'Lesson: {title} · step {step}/{steps}',
	'lesson.ui.press': 'Press {key}:',
	'lesson.ui.watch': 'Nothing to press: watch the tree.',
	'lesson.ui.running': 'running…',
	'lesson.ui.checking': 'watching…',
	'lesson.ui.confirm': 'Really? y does it, any other key cancels.',
	'lesson.ui.keys': 'n next · b back · t again · Esc leave the lesson',
	'lesson.ui.keysLast': 'n finish · b back · t again · Esc leave the lesson',
	'lesson.ui.failedKeys': 'n go on anyway · t try again · b back · Esc leave the lesson',
	'lesson.ui.confirmLeave': 'Leave the lesson? Its containers are removed. y leaves, any other key stays.',
	'lesson.ui.finished': 'Lesson complete. Esc: the other lessons · q: quit',
	'lesson.ui.menuTitle': 'Lessons — ↑↓ choose · Enter or {digits} start · Esc close',
	'lesson.ui.menuHint': 'Each lesson runs real podman commands in a container of its own and removes it at the end.',
	'lesson.ui.notInLesson': "During a lesson only the step's key runs a command (press {key}); Esc leaves the lesson",
	'lesson.ui.noKeyInStep': "During a lesson only the step's key runs a command; this step needs none. Esc leaves the lesson",

	'lesson.seen.noContainer': 'no lesson container yet',
	'lesson.seen.noConmon': 'no running conmon for {name}',
	'lesson.seen.noChild': 'conmon {conmon} runs, but no process below it yet',
	'lesson.seen.conmonRuns': 'conmon {conmon} still runs',
	'lesson.seen.waitingExitCode': "conmon has exited; waiting for podman's exit code",
	'lesson.seen.conmonCount': '{count} {count|one:conmon|other:conmons} so far',
	'lesson.seen.stillThere': 'still listed by podman: {ids}',

	'lesson.run.expect': "a new conmon, with the container's first process below it",
	'lesson.run.met': 'conmon {conmon} started for container {id}; it is the parent of {child}',
	'lesson.cleanup.title': 'Clean up',
	'lesson.cleanup.explain': "Remove the lesson's containers with podman rm -f. Their conmons exit with them.",
	'lesson.cleanup.expect': "the lesson's containers gone from podman's list",
	'lesson.cleanup.met': 'removed {count} {count|one:container|other:containers}; conmon {pids} gone with them',

	'lesson.lifecycle.title': 'Lifecycle: one conmon per start',
	'lesson.lifecycle.summary': 'run, kill and start a container: its conmon appears and exits, and each start brings a new one with a new PID',
	'lesson.lifecycle.run.title': 'Run a container',
	// conmon runs `runtime create` (conmon src/runtime_args.c); podman runs `runtime start` (podman libpod/oci_conmon_common.go, StartContainer).
	'lesson.lifecycle.run.explain':
		"podman run -d starts a small monitor process, conmon, next to the container. conmon runs the runtime's create; podman then runs the runtime's start and, with -d, exits. conmon stays.",
	'lesson.lifecycle.kill.title': 'Kill the container',
	// 137 is the container's status; conmon writes it to --exit-dir/<id> (conmon src/conmon.c, end of main) and exits with it.
	'lesson.lifecycle.kill.explain':
		"podman kill sends SIGKILL to the container's process: it exits with code 137 = 128 + 9 (killed by signal 9). conmon sees its child die, writes that code to the exit file podman reads, runs podman's cleanup and exits too.",
	'lesson.lifecycle.kill.expect': 'the container exits with code 137 (128 + 9: SIGKILL), and its conmon exits after it',
	'lesson.lifecycle.kill.seenCode': "conmon {conmon} exited, but the container's exit code is {code}",
	'lesson.lifecycle.kill.met': 'the container exited with code {code}; conmon {conmon} wrote it to the exit file and exited after it',
	'lesson.lifecycle.start.title': 'Start it again',
	'lesson.lifecycle.start.explain': 'podman start does not bring the old conmon back: it starts a brand-new one. Compare the PIDs.',
	'lesson.lifecycle.start.expect': 'a new conmon with a new PID',
	'lesson.lifecycle.start.met': 'conmon {conmon} started — it is a new PID (before: {before}); it is the parent of {child}',
	'lesson.lifecycle.conclusion.title': 'What you saw',
	'lesson.lifecycle.conclusion.explain':
		'One conmon per start, and it exits after its container does. Enter on the conmon row lists every conmon this container had.',
	'lesson.lifecycle.conclusion.expect': 'at least two conmons for the container',
	'lesson.lifecycle.conclusion.met': 'this container had {count} conmons: {pids} — one per start',

	'lesson.parentage.title': "Parentage: who is conmon's parent?",
	'lesson.parentage.summary': "conmon's parent is not podman: a double fork detaches it; conmon is the parent of the container's PID 1",
	'lesson.parentage.run.title': 'Run a container',
	'lesson.parentage.run.explain': 'podman run starts conmon. conmon-tui notes the PID of the podman run process itself: a later step looks for it.',
	'lesson.parentage.parent.title': 'Ask podman, then ask /proc',
	// The launcher conmon forks, writes the child's PID to --conmon-pidfile and _exit()s (conmon src/conmon.c, main); podman reads
	// it as ConmonPID (libpod/oci_conmon_common.go, createOCIContainer → readConmonPidFile).
	'lesson.parentage.parent.explain':
		"podman inspect tells which conmon watches the container. /proc tells who its parent is: podman starts a first conmon, which forks this one, writes its PID to --conmon-pidfile (podman's ConmonPid) and exits at once. The orphan is adopted by PID 1 or a subreaper.",
	'lesson.parentage.parent.expect': "conmon's parent is PID 1 or a subreaper, not podman",
	'lesson.parentage.parent.seenSaid': 'podman said ConmonPid {said}, but /proc shows conmon {conmon}',
	'lesson.parentage.parent.seenPodman': "conmon's parent is PID {ppid} ({parent})",
	'lesson.parentage.parent.met': "podman says ConmonPid {said}; /proc says conmon {conmon}'s parent is PID {ppid} ({parent}) — not podman",
	'lesson.parentage.podmanGone.title': 'podman is gone',
	// An attached podman connects to conmon's attach socket (libpod/oci_conmon_attach_common.go, Attach → openUnixSocket).
	'lesson.parentage.podmanGone.explain':
		'podman is "daemonless": with -d, podman run exits once the container is started. Without -d (run -it, start -a, podman attach) podman stays, as a client of conmon\'s attach socket, but it is still not conmon\'s parent.',
	'lesson.parentage.podmanGone.expect': 'the podman run process has exited while conmon runs',
	'lesson.parentage.podmanGone.seenUnknown': "the PID of podman run is not known: run the container with this lesson's r key",
	'lesson.parentage.podmanGone.seenAlive': 'podman (PID {podman}) is still running',
	'lesson.parentage.podmanGone.met': 'podman run (PID {podman}) has exited; conmon {conmon} lives on without it',
	'lesson.parentage.child.title': "conmon is the parent of the container's PID 1",
	'lesson.parentage.child.explain':
		"The container's first process is conmon's child. Inside its PID namespace it is PID 1; on the host it has an ordinary PID (NSpid in /proc/PID/status shows both).",
	'lesson.parentage.child.expect': "conmon's child is PID 1 inside the container",
	'lesson.parentage.child.seenInside': '{child} is PID {inside} inside',
	'lesson.parentage.child.met': 'conmon {conmon} is the parent of {child}: host PID {host}, PID {inside} inside the container',

	'lesson.exec.title': 'exec: a second conmon',
	'lesson.exec.summary': 'podman exec starts a separate conmon for the session; it exits when the command does',
	'lesson.exec.run.title': 'Run a container',
	'lesson.exec.run.explain': 'First a container with its own conmon, as before.',
	'lesson.exec.exec.title': 'Run a command in it with podman exec',
	'lesson.exec.exec.explain': "podman exec does not go through the container's conmon: it starts a second, separate conmon for the exec session.",
	'lesson.exec.exec.expect': "a second conmon, for the exec session, beside the container's conmon",
	'lesson.exec.seen.noExecConmon': "only the container's conmon {conmon}",
	'lesson.exec.exec.met': 'exec conmon {exec} started beside conmon {conmon}: a second, separate conmon for exec session {session}',
	'lesson.exec.exit.title': 'The exec session ends',
	'lesson.exec.exit.explain': "Watch the tree: when the exec'd command ends, its conmon exits. The container and its own conmon go on.",
	'lesson.exec.exit.expect': "the exec conmon exits while the container's conmon runs on",
	'lesson.exec.seen.noExecYet': 'no exec conmon seen yet: press b and e to run podman exec',
	'lesson.exec.seen.stillRuns': 'exec conmon {exec} still runs',
	'lesson.exec.exit.met': 'exec conmon {exec} exited when sleep {seconds} ended; conmon {conmon} still watches the container',

	'lesson.orphan.title': 'Orphan: when conmon itself is killed',
	'lesson.orphan.summary': 'kill -9 conmon: the container runs on unmonitored, podman keeps a stale ConmonPid; podman rm -f recovers',
	'lesson.orphan.run.title': 'Run a container',
	'lesson.orphan.run.explain': 'A container and its conmon, as before. This lesson breaks them on purpose.',
	'lesson.orphan.kill.title': 'kill -9 its conmon',
	// Without conmon: no exit file (conmon src/conmon.c), no exit command, so no cleanup/--rm/restart (conmon src/ctr_exit.c,
	// do_exit_command; --rm is an exit-command argument: podman pkg/specgenutil/util.go, CreateExitCommandArgs), no log reader, no attach socket.
	'lesson.orphan.kill.explain':
		"This sends SIGKILL to conmon itself, not to the container. Nobody is left to write the exit file, run podman's cleanup, collect the logs or serve the attach socket. conmon-tui asks first: y to do it.",
	'lesson.orphan.kill.expect': "conmon gone while the container's process runs on, flagged in the tree",
	'lesson.orphan.seen.notFlagged': "conmon is gone, but the container's process is not seen running",
	'lesson.orphan.kill.met': "conmon {conmon} is gone; the container's process {pid} still runs, unmonitored — the tree flags it ⚠",
	'lesson.orphan.stale.title': 'Ask podman',
	// podman does not ask the runtime here: syncContainer → checkExitFile keeps Running while no exit file exists
	// (libpod/container_internal.go: "Container is still running, no error"), in 4.3.1, 5.4.2 and main alike.
	'lesson.orphan.stale.explain':
		'podman keeps the state in its own database and learns of an exit from the exit file conmon writes. No exit file appears, so podman still says running, which is true; only its ConmonPid is stale. Without conmon the exit code is lost, and --rm and the restart policy never act.',
	'lesson.orphan.stale.expect': "podman says running, with the killed conmon's PID",
	'lesson.orphan.seen.inspect': 'podman answered "{answer}"',
	'lesson.orphan.stale.met': 'podman says "{status}" with ConmonPid {conmon}, a conmon that no longer exists: stale',
	'lesson.orphan.recover.title': 'Recover with podman rm -f',
	'lesson.orphan.recover.explain':
		'podman rm -f kills the container\'s process itself and removes the container. Nothing is left of it. Podman 5 stops halfway the first time: it kills the process, records exit code -1 and fails with "conmon exited prematurely"; press d again to remove the stopped container.',
	'lesson.orphan.recover.expect': 'the container removed and its process gone',
	'lesson.orphan.seen.processLives': 'process {pid} still runs',
	'lesson.orphan.recover.met': 'container removed; its process {pid} is gone with it',

	// conmon runs its exit command, `podman container cleanup`, and waits (conmon src/ctr_exit.c, do_exit_command); that podman
	// applies the policy (libpod/container_internal.go, fullCleanup → handleRestartPolicy), launching a new conmon. Seen here:
	// the old conmon still alive ~55 ms after the new monitor appeared (PODMAN-NOTES §7).
	'lesson.restartPolicy.title': "Restart policy: podman's cleanup starts a new conmon",
	'lesson.restartPolicy.summary': "--restart always: each time the container exits, podman's cleanup starts it again with a new conmon",
	'lesson.restartPolicy.run.title': 'Run a container that keeps failing',
	'lesson.restartPolicy.run.explain': 'Its command exits with code {code} after {seconds} seconds. --restart always tells podman to start it again each time.',
	'lesson.restartPolicy.watch.title': 'Watch, press nothing',
	'lesson.restartPolicy.watch.explain':
		'Each time the container exits, its conmon runs its exit command, podman container cleanup, and waits for it. That podman sees the restart policy and starts the container again with a brand-new conmon, while the old conmon is still alive for a moment.',
	'lesson.restartPolicy.watch.expect': "{count} new conmons, each started by podman's cleanup",
	'lesson.restartPolicy.seen.respawns': '{count} {count|one:restart|other:restarts} so far: {pids}',
	'lesson.restartPolicy.watch.met': "podman's cleanup started the container {count} times, a new conmon each time: {pids} (exit codes: {codes})",
} as const;
