/** The stop-vs-kill lesson: podman stop's SIGTERM, its timeout, SIGKILL; and --init. */
export const lessonStopVsKillEn = {
	'lesson.stopVsKill.title': 'stop vs kill: SIGTERM first, SIGKILL after the timeout',
	'lesson.stopVsKill.summary': 'podman stop -t 3 on sleep as PID 1: SIGTERM does nothing, SIGKILL after 3 s gives 137; with --init, 143 at once',
	'lesson.stopVsKill.run.title': "Run sleep as the container's PID 1",
	'lesson.stopVsKill.run.explain': "The container's command, sleep infinity, is its PID 1; on the host, conmon is its parent.",
	'lesson.stopVsKill.look.title': 'Does PID 1 handle SIGTERM?',
	// Seen here: sleep's SigCgt and SigIgn are 0, and podman stop -t 3 waits 3 s, then logs "resorting to SIGKILL".
	'lesson.stopVsKill.look.explain':
		'podman stop sends SIGTERM first. sleep sets no handler for it, and the kernel does not deliver a signal without a handler to the first process of a PID namespace (from outside it, only SIGKILL and SIGSTOP get through). SigCgt in /proc/PID/status lists the handlers.',
	'lesson.stopVsKill.look.expect': 'sleep is PID 1 inside, with no SIGTERM handler',
	'lesson.stopVsKill.seen.inside': '{child} is PID {inside} inside',
	'lesson.stopVsKill.seen.noMasks': "{child}'s signal handlers cannot be read",
	'lesson.stopVsKill.seen.caught': '{child} has a SIGTERM handler: podman stop would end it at once',
	'lesson.stopVsKill.look.met': '{child} is PID 1 inside, and SigCgt shows no SIGTERM handler: SIGTERM will not end it',
	'lesson.stopVsKill.stop.title': 'podman stop -t {seconds}',
	'lesson.stopVsKill.stop.explain':
		'podman stop sends SIGTERM, waits, then sends SIGKILL. The default wait is 10 s; -t {seconds} shortens it so that nobody waits long. The container then exits with 137 = 128 + 9 (SIGKILL).',
	'lesson.stopVsKill.stop.expect': 'the container exits with 137 (128 + 9: SIGKILL) after about {seconds} s, and its conmon exits',
	'lesson.stopVsKill.seen.code': "conmon {conmon} exited, but the container's exit code is {code}",
	'lesson.stopVsKill.stop.met':
		"exit code {code} = 128 + 9 (SIGKILL), {seconds} s after the key: SIGTERM did nothing. conmon {conmon} wrote the container's code to the exit file and exited",
	'lesson.stopVsKill.runInit.title': 'Run it again with --init',
	'lesson.stopVsKill.runInit.explain':
		"--init makes podman's init, catatonit (/run/podman-init), the container's PID 1, with sleep as its child. catatonit handles SIGTERM and forwards it to sleep, which is not PID 1 and dies of it.",
	'lesson.stopVsKill.stopInit.title': 'podman stop -t {seconds} again',
	'lesson.stopVsKill.stopInit.explain':
		'The same command. This time SIGTERM reaches sleep: the container exits at once with 143 = 128 + 15 (SIGTERM), no SIGKILL needed.',
	'lesson.stopVsKill.stopInit.expect': 'the container exits with 143 (128 + 15: SIGTERM) at once, and its conmon exits',
	'lesson.stopVsKill.stopInit.met':
		"exit code {code} = 128 + 15 (SIGTERM), {seconds} s after the key, no SIGKILL needed. conmon {conmon} wrote the container's code to the exit file and exited",
} as const;
