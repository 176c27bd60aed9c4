/** The logs lesson: conmon writes ctr.log and the exit file; podman reads them. */
export const lessonLogsEn = {
	'lesson.logs.title': 'logs: conmon writes, podman reads',
	'lesson.logs.summary':
		'conmon writes the container output to ctr.log and the exit code to the exit file; podman logs and podman read them; --log-driver none leaves nothing',
	'lesson.logs.run.title': 'Run a container that prints',
	'lesson.logs.run.explain': "Its command prints the next number every second to stdout. That stdout is a pipe that conmon reads, not podman's terminal.",
	'lesson.logs.file.title': 'conmon writes ctr.log',
	// podman passes `-l k8s-file:PATH` for the k8s-file driver (libpod/oci_conmon_common.go); each line: time, stream, P/F, text.
	'lesson.logs.file.explain':
		"conmon's -l k8s-file:PATH names the file it writes each output line to, as time, stream, P/F (partial or full) and text. The next step compares a line of it with what podman logs prints (the ID in its path cut to 12 digits).",
	'lesson.logs.file.expect': "lines of the container in the file named by conmon's -l",
	'lesson.logs.seen.notFile': 'conmon {conmon} was given -l {value}, not a k8s-file',
	'lesson.logs.seen.empty': "conmon {conmon}'s ctr.log holds no line yet",
	'lesson.logs.file.met': 'conmon {conmon} writes {path}',
	'lesson.logs.read.title': 'podman logs reads that file',
	'lesson.logs.read.explain': 'podman logs --tail 1 asks podman for the last line. podman reads it from ctr.log; conmon is not asked.',
	'lesson.logs.read.expect': 'the line podman logs printed is a line of ctr.log',
	'lesson.logs.seen.noPath': 'the log file is not known yet: go back to the previous step',
	'lesson.logs.seen.noAnswer': 'podman has not answered yet',
	'lesson.logs.seen.notInFile': '"{line}" is not among the last lines of ctr.log',
	'lesson.logs.read.met': 'podman logs printed "{line}"; ctr.log holds it as {entry}',
	'lesson.logs.exit.title': 'Kill it: the exit file',
	// conmon writes it with g_file_set_contents "so that a daemon can monitor all container exits using inotify" (conmon src/conmon.c);
	// podman 4.x removes it (libpod/container_internal.go, removeConmonFiles): seen here ~0.1 s after conmon wrote it.
	'lesson.logs.exit.explain':
		"podman kill sends SIGKILL. conmon writes the container's exit code to a file named after the container's ID in its --exit-dir; podman reads it and removes it, about a tenth of a second after it was written. conmon-tui watches the directory (inotify) to read it in time.",
	'lesson.logs.exit.expect': "the exit file, holding 137, read before podman removed it; podman's exit code the same",
	'lesson.logs.seen.noExitFile': 'no exit file seen in {dir} yet',
	'lesson.logs.seen.exitMismatch': 'the exit file says {content}, podman says {code}',
	'lesson.logs.exit.met': 'conmon {conmon} wrote "{content}" to its exit file in {dir}; podman read it: exit code {code} (128 + 9: SIGKILL)',
	'lesson.logs.runNone.title': 'Run one with --log-driver none',
	'lesson.logs.runNone.explain': 'The same command, with --log-driver none: podman gives conmon -l none, and conmon writes no log.',
	'lesson.logs.none.title': 'podman logs: nothing to read',
	'lesson.logs.none.explain': 'podman logs --tail 1 again. The container prints as before, but no file holds its output: podman refuses.',
	'lesson.logs.none.expect': 'conmon given -l none, and podman logs refusing',
	'lesson.logs.seen.notNone': 'conmon {conmon} was given -l {value}',
	'lesson.logs.seen.noneAnswered': 'podman logs answered "{answer}"',
	'lesson.logs.none.met': 'conmon {conmon} was given -l {value}; podman logs: {answer}',
} as const;
