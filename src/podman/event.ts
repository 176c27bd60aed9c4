/** One event from `podman events --format json` or podman's events file, the same for podman 4.x and 5.x. */
export interface PodmanEvent {
	type: string;
	/** What happened: create, init, start, died, stop, kill, remove, pause, unpause, exec, exec_died, ... */
	status: string;
	id: string;
	name: string;
	image: string;
	/** When it happened, in milliseconds since the epoch. */
	timeMs: number;
	/** The time in nanoseconds as a decimal string: exact enough to drop duplicates after a resume. */
	timeNano: string;
	exitCode: number | undefined;
	attributes: Record<string, string>;
}

/**
 * Parses one line of `podman events --format json`, or of podman's events file (the JSON of
 * libpod's own Event, written by libpod/events/logfile.go: `Time` as RFC 3339 in 4.x and 5.x,
 * and in 5.x the exit code whenever it is set). Podman 4.x's CLI writes `Time` as an
 * RFC 3339 string with nanoseconds and omits `ContainerExitCode` when it is 0; podman 5.x
 * writes `time` (unix seconds) and `timeNano`, and the exit code (0 too) on died,
 * exec_died and remove only.
 * Returns undefined for a line that is not an event.
 */
export function parsePodmanEvent(line: string): PodmanEvent | undefined {
	let raw: unknown;
	try {
		raw = JSON.parse(line);
	} catch {
		return undefined;
	}
	if (raw === null || typeof raw !== 'object') return undefined;
	const entry = raw as Record<string, unknown>;
	const status = typeof entry['Status'] === 'string' ? entry['Status'] : undefined;
	const type = typeof entry['Type'] === 'string' ? entry['Type'] : undefined;
	if (!status || !type) return undefined;
	const exactNano = exactTimeNano(line, entry['timeNano']);
	const time = eventTime(exactNano === undefined ? entry : { ...entry, timeNano: exactNano });
	if (!time) return undefined;
	const attributes: Record<string, string> = {};
	const rawAttributes = entry['Attributes'];
	if (rawAttributes && typeof rawAttributes === 'object') {
		for (const [key, value] of Object.entries(rawAttributes)) {
			if (typeof value === 'string') attributes[key] = value;
		}
	}
	const exitCode = typeof entry['ContainerExitCode'] === 'number' ? entry['ContainerExitCode'] : undefined;
	return {
		type,
		status,
		id: typeof entry['ID'] === 'string' ? entry['ID'] : '',
		name: typeof entry['Name'] === 'string' ? entry['Name'] : '',
		image: typeof entry['Image'] === 'string' ? entry['Image'] : '',
		timeMs: time.ms,
		timeNano: time.nano,
		// Podman 4.x omits a zero exit code from died and exec_died events.
		exitCode: exitCode ?? (status === 'died' || status === 'exec_died' ? 0 : undefined),
		attributes,
	};
}

function eventTime(entry: Record<string, unknown>): { ms: number; nano: string } | undefined {
	const nano = entry['timeNano'];
	if (typeof nano === 'number' || typeof nano === 'string') {
		const text = String(nano);
		if (/^\d+$/.test(text)) return { ms: Number(text.slice(0, -6) || '0'), nano: text };
	}
	const seconds = entry['time'];
	if (typeof seconds === 'number') return { ms: seconds * 1000, nano: `${BigInt(Math.trunc(seconds)) * 1_000_000_000n}` };
	const iso = entry['Time'];
	if (typeof iso === 'string') return isoToTime(iso);
	return undefined;
}

/** RFC 3339 with up to nanoseconds and any offset, e.g. `2026-11-29T17:40:01.123456789+00:00`. */
function isoToTime(iso: string): { ms: number; nano: string } | undefined {
	const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(iso);
	if (!match) return undefined;
	const wholeSeconds = Date.parse(`${match[1]}${match[3]}`);
	if (Number.isNaN(wholeSeconds)) return undefined;
	const fraction = (match[2] ?? '').padEnd(9, '0').slice(0, 9);
	const nano = BigInt(wholeSeconds) * 1_000_000n + BigInt(fraction);
	return { ms: wholeSeconds + Number(fraction.slice(0, 3)), nano: nano.toString() };
}

/** A key that is the same for the same event seen twice (after a stream resume with --since). */
export function eventKey(event: PodmanEvent): string {
	return `${event.timeNano}/${event.type}/${event.status}/${event.id}`;
}

/**
 * The pod events worth a line (`Type` "pod"; its `ID` and `Name` are the pod's). Seen from podman
 * 4.3.1 here: create, start, stop, kill, remove; pause and unpause are in podman's pod code too.
 */
export const LOGGED_POD_STATUSES = new Set(['create', 'start', 'stop', 'kill', 'remove', 'pause', 'unpause']);

/** The container events worth a line in the event log. */
export const LOGGED_STATUSES = new Set(['create', 'start', 'died', 'remove', 'pause', 'unpause', 'rename', 'exec', 'exec_died']);

/**
 * podman 5's top-level `timeNano` (~1.7e18) is past 2^53: JSON.parse rounds away its nanoseconds,
 * so its digits are read as written. Only digits that JSON.parse read as that same top-level number
 * count: a container label in `Attributes` may hold `"timeNano": …` too, and must never set the time.
 */
function exactTimeNano(line: string, parsed: unknown): string | undefined {
	if (typeof parsed !== 'number') return undefined;
	for (const match of line.matchAll(/"timeNano"\s*:\s*(\d+)/g)) {
		const digits = match[1];
		if (digits !== undefined && Number(digits) === parsed) return digits;
	}
	return undefined;
}
