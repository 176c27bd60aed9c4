import { parseArgs } from 'node:util';
import { splitCommandWords } from './commandWords.js';
import { isLanguage, type Language } from './i18n.js';

/** What the command line asked for. */
export interface Options {
	image: string;
	command: string[];
	once: boolean;
	json: boolean;
	help: boolean;
	version: boolean;
	/** Any podman command is given up after this long. */
	timeoutSeconds: number;
	/** Append every event-log line to this file as JSON lines. */
	logFile: string | undefined;
	/** List other users' rootless conmons in full. */
	allUsers: boolean;
	/** `--lang`; undefined: follow LC_ALL / LC_MESSAGES / LANG. */
	lang: Language | undefined;
	/** Write a Markdown transcript of the session to this file. */
	recordFile: string | undefined;
	/** `conmon-tui lesson [NAME]`: a guided lesson; no name: the menu of lessons. */
	lesson: { name: string | undefined } | undefined;
}

export const DEFAULT_IMAGE = 'alpine:latest';
export const DEFAULT_COMMAND = 'sleep infinity';
export const DEFAULT_TIMEOUT_SECONDS = 30;

export const USAGE = `Usage: conmon-tui [options]
       conmon-tui lesson [NAME] [options]

Shows podman's containers live, with each container's conmon and processes and their
real PIDs, and keys that run podman so you can watch conmon appear, die and respawn.

Options:
  --image IMG      image for the run key (r)             default: ${DEFAULT_IMAGE}
  --command CMD    command for the run key, split into words like a shell
                   would, but never run through one      default: ${DEFAULT_COMMAND}
  --once           print the current tree as text and exit
  --json           with --once: print it as JSON
  --timeout SEC    give up on a podman command after SEC seconds   default: ${DEFAULT_TIMEOUT_SECONDS}
  --log FILE       append every event-log line to FILE, as JSON lines
  --all-users      also list other users' rootless conmons, grouped by user (as root)
  --lang en|ja     language of the screen and lessons    default: from LC_ALL, LC_MESSAGES, LANG
  --record FILE    write a Markdown transcript of the session (steps, commands, PIDs) to FILE
  --help           show this help
  --version        show the version

Lessons: lifecycle, parentage, exec, orphan, restart-policy (no NAME: a menu)

Keys: ↑/↓ PgUp/PgDn Home/End move · Enter details · / filter · r run · s start · x stop
      k kill · R restart · p pause/unpause · d remove · ? help · q quit`;

/** A command line that cannot be used: the message is one line, the exit code is 2. */
export class UsageError extends Error {
	override name = 'UsageError';
}

/** Parses argv (without node and the script) with node's util.parseArgs. */
export function parseOptions(argv: readonly string[]): Options {
	let values: ReturnType<typeof parse>['values'];
	let positionals: string[];
	try {
		({ values, positionals } = parse(argv));
	} catch (error) {
		// parseArgs explains itself well; keep its first sentence on one line.
		const message = error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
		throw new UsageError(message.replace(/\. To specify a positional argument.*$/, ''));
	}
	const image = values.image ?? DEFAULT_IMAGE;
	if (image.trim() === '') throw new UsageError('--image needs an image name, e.g. --image alpine:latest');
	let command: string[];
	try {
		command = splitCommandWords(values.command ?? DEFAULT_COMMAND);
	} catch (error) {
		throw new UsageError(`--command: ${error instanceof Error ? error.message : String(error)}`);
	}
	if (values.json && !values.once) throw new UsageError('--json goes with --once');
	const timeoutSeconds = values.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(values.timeout);
	if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
		throw new UsageError(`--timeout needs a number of seconds above 0, not "${values.timeout ?? ''}"`);
	}
	if (values.log !== undefined && values.log.trim() === '') throw new UsageError('--log needs a file name');
	if (values.record !== undefined && values.record.trim() === '') throw new UsageError('--record needs a file name');
	if (values.lang !== undefined && !isLanguage(values.lang)) throw new UsageError(`--lang must be en or ja, not "${values.lang}"`);
	const lesson = lessonCommand(positionals);
	if (lesson && values.once) throw new UsageError('a lesson runs in the live view; it does not go with --once');
	return {
		image,
		command,
		once: values.once ?? false,
		json: values.json ?? false,
		help: values.help ?? false,
		version: values.version ?? false,
		timeoutSeconds,
		logFile: values.log,
		allUsers: values['all-users'] ?? false,
		lang: values.lang as Language | undefined,
		recordFile: values.record,
		lesson,
	};
}

/** The one command there is, `lesson [NAME]`; anything else positional is a mistake. */
function lessonCommand(positionals: readonly string[]): Options['lesson'] {
	const [command, name, ...extra] = positionals;
	if (command === undefined) return undefined;
	if (command !== 'lesson') throw new UsageError(`unknown command "${command}"; the only command is "lesson [NAME]"`);
	if (extra.length > 0) throw new UsageError(`"lesson" takes one lesson name, not "${positionals.slice(1).join(' ')}"`);
	return { name };
}

function parse(argv: readonly string[]) {
	return parseArgs({
		args: [...argv],
		strict: true,
		allowPositionals: true,
		options: {
			image: { type: 'string' },
			command: { type: 'string' },
			once: { type: 'boolean' },
			json: { type: 'boolean' },
			timeout: { type: 'string' },
			log: { type: 'string' },
			'all-users': { type: 'boolean' },
			lang: { type: 'string' },
			record: { type: 'string' },
			help: { type: 'boolean', short: 'h' },
			version: { type: 'boolean', short: 'V' },
		},
	});
}
