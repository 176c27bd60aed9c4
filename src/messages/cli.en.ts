/** The command line's own output: `--help`, and why the program cannot start. */
export const cliEn = {
	'cli.usage': `Usage: conmon-tui [options]
       conmon-tui lesson [NAME] [options]

Shows podman's containers live, with each container's conmon and processes and their
real PIDs, and keys that run podman so you can watch conmon appear, exit, and a new
one start with each start of the container (under a restart policy, podman's cleanup
starts it).

Options:
  --image IMG      image for the run key (r)             default: {image}
  --command CMD    command for the run key, split into words like a shell
                   would, but never run through one      default: {command}
  --once           print the current tree as text and exit
  --json           with --once: print it as JSON
  --timeout SEC    give up on a podman command after SEC seconds   default: {timeout}
  --log FILE       append every event-log line to FILE, as JSON lines
  --all-users      also list other users' rootless conmons, grouped by user (as root)
  --lang en|ja     language of the screen and lessons    default: from LC_ALL, LC_MESSAGES, LANG
  --record FILE    write a Markdown transcript of the session (steps, commands, PIDs) to FILE
  --connection NAME  show the podman of this connection (podman system connection list);
                   its /proc is read over ssh. Default: as podman chooses (CONTAINER_CONNECTION,
                   CONTAINER_HOST; on macOS/Windows the podman machine). Given more than once:
                   one tree per host, under its heading; keys act on the selected row's host
  --yes            never ask before x k R p d (they ask about containers this session did not start)
  --read-only      only look: every key that runs a command is off (no lessons either)
  --help           show this help
  --version        show the version

Lessons, in course order: {lessons} (no NAME: a menu)

Keys (? shows them too):
{keys}
  x k R p d ask y/n first on a container this session did not start.

NO_COLOR set (and not empty): no colours; the selected row is marked ▶.`,
	'cli.installHint':
		'Install it and run conmon-tui again: Debian/Ubuntu `sudo apt-get install podman`, ' +
		'Fedora `sudo dnf install podman`, Arch `sudo pacman -S podman`; see https://podman.io/docs/installation',
	'cli.unreadableVersion': 'could not read podman\'s version from "{output}"',
	'cli.podmanTooOld': 'podman {version} is too old: conmon-tui needs podman {major}.0 or newer. {hint}',
	'cli.podmanMissing': 'conmon-tui needs podman, and {reason}. {hint}',
	'cli.podmanBroken': 'podman does not work here: {message}',
	'cli.needsTerminal': 'the live view needs a terminal (stdin and stdout); for a pipe or a script use --once, or --once --json',
	'cli.unknownLesson': 'there is no lesson "{name}"; the lessons are {lessons}',
	'cli.fileUnwritable': '{flag} {path}: cannot write: {message}',
	'cli.fileSymlink': "{flag} {path}: is a symbolic link; refusing to write through it (give the real file's path)",
	'cli.crashed': 'stopped after an unexpected error: {message}',
	'cli.unexpected': 'unexpected error: {message}',
	'cli.leftRunning': '{command} is still running; it will finish on its own',
} as const;
