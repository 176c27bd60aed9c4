import { parseArgs } from 'node:util';
import { LESSONS } from '../lessons/lessons.js';
import { isLanguage, type Language, t } from '../messages/i18n.js';
import { PODMAN_TIMEOUT_MS } from '../podman/podman.js';
import { splitCommandWords } from '../present/commandWords.js';
import { usageKeys } from '../present/keyHelp.js';

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
	/** `--yes`: destructive keys never ask, even about containers this session did not start. */
	yes: boolean;
	/** `--read-only`: every key that runs a command is off. */
	readOnly: boolean;
	/** `--connection NAME`: podman's named connection to show (a podman machine, a server); undefined: as podman chooses. */
	connection: string | undefined;
	/**
	 * Every `--connection` given, in order: with two or more, one tree per host (see src/app/host.ts and src/state/hosts.ts).
	 * `connection` is the first of them.
	 */
	connections: string[];
	/** `conmon-tui lesson [NAME]`: a guided lesson; no name: the menu of lessons. */
	lesson: { name: string | undefined } | undefined;
}

export const DEFAULT_IMAGE = 'alpine:latest';
export const DEFAULT_COMMAND = 'sleep infinity';
/** `--timeout`'s default: the podman adapter's own. */
export const DEFAULT_TIMEOUT_SECONDS = PODMAN_TIMEOUT_MS / 1000;

/** The `--help` text, in the current language; its list of keys comes from the key table, as `?`'s does. */
export function usage(): string {
	return t('cli.usage', {
		image: DEFAULT_IMAGE,
		command: DEFAULT_COMMAND,
		timeout: DEFAULT_TIMEOUT_SECONDS,
		keys: usageKeys(),
		lessons: LESSONS.map((l) => l.name).join(', '),
	});
}

/**
 * A command line that cannot be used: the message is one line, the exit code is 2.
 *
 * Its messages stay in English. The language is known only once the command line is parsed
 * (`--lang` is on it, and may be the mistake), and most of these messages are node's own
 * `util.parseArgs` errors, which are English anyway: a translated few beside them would read
 * as a mix of two languages in one kind of message.
 */
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
		const ambiguous = ambiguousValue(argv);
		if (ambiguous) throw new UsageError(ambiguous);
		// parseArgs explains itself well; keep its first sentence on one line.
		const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
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
	const connections = values.connection ?? [];
	if (connections.some((name) => name.trim() === '')) throw new UsageError('--connection needs a connection name (see podman system connection list)');
	const twice = connections.find((name, i) => connections.indexOf(name) !== i);
	if (twice !== undefined) throw new UsageError(`--connection ${twice} is given twice; name each host once`);
	const connection = connections[0];
	const lesson = lessonCommand(positionals);
	// A lesson watches one host's store and reads one host's /proc; with several, which one is a guess.
	if (lesson && connections.length > 1) throw new UsageError('a lesson runs on one host; give one --connection');
	if (connections.length > 1 && values.record !== undefined) throw new UsageError('--record records one host; give one --connection');
	if (connections.length > 1 && values.log !== undefined) throw new UsageError('--log follows one host; give one --connection');
	if (lesson && values.once) throw new UsageError('a lesson runs in the live view; it does not go with --once');
	if (lesson && values['read-only']) throw new UsageError('a lesson runs podman commands; it does not go with --read-only');
	if (values.record !== undefined && values.once) throw new UsageError('--record records a live session; it does not go with --once');
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
		yes: values.yes ?? false,
		readOnly: values['read-only'] ?? false,
		connection,
		connections,
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

/** The options that take a value, as parse() declares them. */
const VALUE_OPTIONS = new Set(['image', 'command', 'timeout', 'log', 'lang', 'record', 'connection']);

/**
 * What to say when a value starts with "-" (`--timeout -5`, `--image -x`): parseArgs only says
 * "argument is ambiguous", which names neither the value nor the way out.
 */
function ambiguousValue(argv: readonly string[]): string | undefined {
	for (let i = 0; i + 1 < argv.length; i++) {
		const name = argv[i]?.startsWith('--') ? argv[i]?.slice(2) : undefined;
		const value = argv[i + 1] ?? '';
		if (name === undefined || !VALUE_OPTIONS.has(name) || !value.startsWith('-')) continue;
		if (name === 'timeout') return `--timeout needs a number of seconds above 0, not "${value}"`;
		return `--${name} "${value}" reads as an option; if it is the value, write --${name}=${value}`;
	}
	return undefined;
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
			connection: { type: 'string', multiple: true },
			yes: { type: 'boolean' },
			'read-only': { type: 'boolean' },
			help: { type: 'boolean', short: 'h' },
			version: { type: 'boolean', short: 'V' },
		},
	});
}
