#!/usr/bin/env node
/**
 * The benchmark's baseline: what a polling container TUI does. Every POLL_INTERVAL_MS it
 * runs `podman ps -a --format json` and redraws the list — a header with the counts, then
 * one line per container (short ID, name, state, podman's status) — as many as fit.
 * It knows nothing of conmon (`podman ps` has no ConmonPid); it shares no code with
 * conmon-tui on purpose.
 *
 * Quits on q, Ctrl-C, SIGINT, SIGTERM or SIGHUP, ending a `podman ps` still in flight.
 * `CONMON_TUI_PODMAN` names another podman binary, as for conmon-tui.
 */
import { execa } from 'execa';

/** A poll starts this long after the previous one started (or at once if that one took longer). */
export const POLL_INTERVAL_MS = 1_000;
/** A `podman ps` that takes longer is ended and counted as failed. */
export const PS_TIMEOUT_MS = 15_000;

/** What the baseline shows of a container. */
export interface PolledContainer {
	id: string;
	name: string;
	state: string;
	status: string;
}

/** Parses `podman ps -a --format json` (podman 4.x and 5.x: `Id`, `Names`, `State`, `Status`). */
export function parsePs(stdout: string): PolledContainer[] {
	const parsed: unknown = stdout.trim() === '' ? [] : JSON.parse(stdout);
	if (!Array.isArray(parsed)) return [];
	return parsed.flatMap((item: unknown) => {
		if (item === null || typeof item !== 'object') return [];
		const entry = item as Record<string, unknown>;
		const id = typeof entry['Id'] === 'string' ? entry['Id'] : typeof entry['ID'] === 'string' ? entry['ID'] : '';
		if (id === '') return [];
		const names = Array.isArray(entry['Names']) ? entry['Names'] : [];
		return [
			{
				id,
				name: typeof names[0] === 'string' ? names[0] : id.slice(0, 12),
				state: typeof entry['State'] === 'string' ? entry['State'] : 'unknown',
				status: typeof entry['Status'] === 'string' ? entry['Status'] : '',
			},
		];
	});
}

/**
 * The whole screen for one poll: home, clear, header, then as many container lines as fit.
 * `containers` is the last list podman gave (undefined before the first); `error` why the
 * latest poll failed, if it did.
 */
export function drawList(containers: readonly PolledContainer[] | undefined, error: string | undefined, rows: number, now: Date): string {
	const clock = now.toTimeString().slice(0, 8);
	const list = containers ?? [];
	const running = list.filter((c) => c.state === 'running').length;
	const counts = containers ? `${list.length} containers · ${running} running` : 'no answer from podman yet';
	const lines = [`baseline (podman ps every ${POLL_INTERVAL_MS} ms)  ${counts}  ${clock}`];
	if (error) lines.push(`podman ps failed: ${error}`);
	const width = Math.max(1, ...list.map((c) => c.name.length));
	for (const c of list.slice(0, Math.max(0, rows - lines.length - 1))) {
		lines.push(`${c.id.slice(0, 12)}  ${c.name.padEnd(width)}  ${c.state.padEnd(8)}  ${c.status}`);
	}
	return `\u001B[H\u001B[2J${lines.join('\r\n')}`;
}

function main(): void {
	const podman = process.env['CONMON_TUI_PODMAN'] || 'podman';
	const abort = new AbortController();
	let timer: NodeJS.Timeout | undefined;
	let stopped = false;
	let containers: PolledContainer[] | undefined;

	const quit = (code: number): void => {
		if (stopped) return;
		stopped = true;
		clearTimeout(timer);
		abort.abort();
		if (process.stdin.isTTY) process.stdin.setRawMode(false);
		process.stdout.write('\r\n', () => process.exit(code));
	};

	// One poll at a time: the next starts POLL_INTERVAL_MS after this one started, never before it ended.
	const poll = async (): Promise<void> => {
		const started = Date.now();
		const result = await execa(podman, ['ps', '-a', '--format', 'json'], {
			timeout: PS_TIMEOUT_MS,
			cancelSignal: abort.signal,
			reject: false,
			stdin: 'ignore',
			cleanup: true,
		});
		if (stopped) return;
		let error: string | undefined;
		if (result.failed) error = result.shortMessage;
		else {
			try {
				containers = parsePs(result.stdout);
			} catch (parseError) {
				error = `unreadable JSON: ${String(parseError)}`;
			}
		}
		// A failed poll keeps the last list on screen, as a TUI would, with the error above it.
		process.stdout.write(drawList(containers, error, process.stdout.rows || 24, new Date()));
		timer = setTimeout(() => void poll(), Math.max(0, POLL_INTERVAL_MS - (Date.now() - started)));
	};

	process.on('SIGINT', () => quit(130));
	process.on('SIGTERM', () => quit(143));
	process.on('SIGHUP', () => quit(129));
	if (process.stdin.isTTY) {
		process.stdin.setRawMode(true);
		process.stdin.on('data', (key: Buffer) => {
			if (key.toString() === 'q' || key[0] === 3) quit(0);
		});
	}
	void poll();
}

main();
