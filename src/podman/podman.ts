import { closeSync, fstatSync, openSync, readSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { t } from '../messages/i18n.js';

/** How long a podman command may run before it is ended and reported as hung (`--timeout`). */
export const PODMAN_TIMEOUT_MS = 30_000;

/** A podman command that failed, with podman's own words. */
export class PodmanError extends Error {
	constructor(
		message: string,
		readonly command: readonly string[],
		readonly exitCode: number | undefined,
		readonly reason: 'failed' | 'timeout' | 'missing' | 'canceled',
	) {
		super(message);
		this.name = 'PodmanError';
	}
}

/** What a podman command printed. */
export interface PodmanOutput {
	stdout: string;
	stderr: string;
	/** The argv that ran, for showing people the exact command. */
	command: readonly string[];
}

export interface PodmanRunOptions {
	timeoutMs?: number;
	signal?: AbortSignal;
	/** Told podman's PID as soon as it is started: a lesson shows that this process is gone while conmon lives. */
	onSpawn?: (pid: number) => void;
	/**
	 * The command changes a container's state (stop, start, rm, run…). Ending it half-way can leave
	 * the container stuck (`Stopping`), so it is left to finish if conmon-tui exits first: it runs in
	 * its own session (no SIGHUP from our terminal), is not killed at our exit, and writes to files,
	 * not to pipes that would break when we are gone. Queries (ps, inspect, events) are not.
	 * Default: decided from the words (changesContainerState).
	 */
	changesState?: boolean;
}

/** The words after `podman` that change a container's state: such a command is left to finish at exit. */
const STATE_CHANGING = new Set(['run', 'start', 'stop', 'restart', 'kill', 'rm', 'pause', 'unpause', 'create', 'rename']);

/** True for `podman ARGS` that changes a container's state (`stop x`, `container rm -f x`, `run -d …`, `pod stop web`). */
export function changesContainerState(args: readonly string[]): boolean {
	// `podman container stop x` and `podman pod stop x` change state as `podman stop x` does.
	const words = args[0] === 'container' || args[0] === 'pod' ? args.slice(1) : args;
	return STATE_CHANGING.has(words[0] ?? '');
}

/**
 * The only code that runs podman. Every call is an argv array (never a shell string) and has
 * a timeout. Queries can be canceled and are killed if conmon-tui exits first; a command that
 * changes a container's state (`changesState`) is left to finish, and said at exit.
 */
export class Podman {
	constructor(
		readonly binary = 'podman',
		readonly timeoutMs = PODMAN_TIMEOUT_MS,
		private readonly env: NodeJS.ProcessEnv = process.env,
		/** Global options before every command's verb: `--connection NAME` for a far podman (commands.ts, remoteArgs). */
		readonly globalArgs: readonly string[] = [],
	) {}

	/** Runs `podman ARGS…` and resolves with its output, or rejects with a PodmanError. */
	async run(args: readonly string[], options: PodmanRunOptions = {}): Promise<PodmanOutput> {
		if (options.changesState ?? changesContainerState(args)) return this.runToCompletion(args, options);
		const command = [this.binary, ...this.globalArgs, ...args];
		const subprocess = execa(this.binary, command.slice(1), {
			env: this.env,
			extendEnv: false,
			stdin: 'ignore',
			reject: false,
			timeout: options.timeoutMs ?? this.timeoutMs,
			...(options.signal ? { cancelSignal: options.signal } : {}),
			forceKillAfterDelay: 2_000,
			cleanup: true,
		});
		if (subprocess.pid !== undefined) options.onSpawn?.(subprocess.pid);
		const result = await subprocess;
		if (result.failed) {
			throw toPodmanError(result, command);
		}
		return { stdout: result.stdout, stderr: result.stderr, command };
	}

	/** State-changing commands running now: left to finish if conmon-tui exits before them. */
	private readonly changing = new Set<readonly string[]>();

	/** The state-changing commands still running (said at exit: they finish on their own). */
	stillRunning(): (readonly string[])[] {
		return [...this.changing];
	}

	/**
	 * A `changesState` run: detached (its own session and process group), not killed at our exit,
	 * its output in files unlinked at once (so nothing is left on disk, and no pipe breaks when we
	 * exit). It still has a timeout while we run; it is not tied to a cancel signal.
	 */
	private async runToCompletion(args: readonly string[], options: PodmanRunOptions): Promise<PodmanOutput> {
		const command = [this.binary, ...this.globalArgs, ...args];
		const stdout = unlinkedFile();
		const stderr = unlinkedFile();
		this.changing.add(command);
		try {
			const subprocess = execa(this.binary, command.slice(1), {
				env: this.env,
				extendEnv: false,
				// execa's types name only small descriptors (3–9); at run time it passes any open one to the child.
				stdio: ['ignore', stdout as 3, stderr as 3],
				reject: false,
				timeout: options.timeoutMs ?? this.timeoutMs,
				forceKillAfterDelay: 2_000,
				cleanup: false,
				detached: true,
			});
			if (subprocess.pid !== undefined) options.onSpawn?.(subprocess.pid);
			const result = await subprocess;
			const output = { stdout: readWhole(stdout).replace(/\n$/, ''), stderr: readWhole(stderr).replace(/\n$/, '') };
			if (result.failed) throw toPodmanError({ ...result, stderr: output.stderr }, command);
			return { ...output, command };
		} finally {
			this.changing.delete(command);
			closeSync(stdout);
			closeSync(stderr);
		}
	}

	/**
	 * Starts a podman that stays as a client (`podman attach`), its output discarded: ended by
	 * `end()`, by its timeout, or at our exit. Ending it only disconnects it: it changes no container.
	 */
	client(args: readonly string[], timeoutMs: number): PodmanClient {
		const subprocess = execa(this.binary, [...this.globalArgs, ...args], {
			env: this.env,
			extendEnv: false,
			stdio: 'ignore',
			reject: false,
			timeout: timeoutMs,
			forceKillAfterDelay: 2_000,
			cleanup: true,
		});
		const ended = subprocess.then(() => undefined);
		return {
			pid: subprocess.pid,
			end: () => {
				subprocess.kill('SIGTERM');
			},
			ended,
		};
	}

	/** Starts a long-running podman command (events); the caller owns the child and must end it. */
	spawn(args: readonly string[], signal: AbortSignal) {
		return execa(this.binary, [...this.globalArgs, ...args], {
			env: this.env,
			extendEnv: false,
			stdin: 'ignore',
			buffer: false,
			reject: false,
			cancelSignal: signal,
			forceKillAfterDelay: 2_000,
			cleanup: true,
		});
	}
}

/** A podman that stays running as a client of conmon (`podman attach`). */
export interface PodmanClient {
	/** Its PID, once started (undefined when it could not start). */
	readonly pid: number | undefined;
	/** Ends it (SIGTERM, SIGKILL after 2 s). */
	end(): void;
	/** Resolves when it has exited, whatever the reason. */
	readonly ended: Promise<void>;
}

/** A file descriptor to a new private file whose name is already gone: the child writes, we read it back. */
function unlinkedFile(): number {
	const path = join(tmpdir(), `conmon-tui-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
	const fd = openSync(path, 'wx+', 0o600);
	unlinkSync(path);
	return fd;
}

/** What was written to `fd`, from the start: the child moved the shared offset, so read by position. */
function readWhole(fd: number): string {
	const size = fstatSync(fd).size;
	const buffer = Buffer.alloc(Math.min(size, 1_000_000));
	const read = readSync(fd, buffer, 0, buffer.length, 0);
	return buffer.subarray(0, read).toString('utf8');
}

interface FailedResult {
	timedOut: boolean;
	isCanceled: boolean;
	exitCode?: number | undefined;
	stderr?: unknown;
	code?: string | undefined;
	cause?: unknown;
	shortMessage?: string | undefined;
	durationMs?: number;
}

function toPodmanError(result: FailedResult, command: readonly string[]): PodmanError {
	const code = result.code ?? (result.cause as { code?: string } | undefined)?.code;
	if (code === 'ENOENT') {
		return new PodmanError(t('podman.notFound', { program: command[0] ?? '' }), command, undefined, 'missing');
	}
	if (code === 'EACCES') {
		return new PodmanError(t('podman.notExecutable', { program: command[0] ?? '' }), command, undefined, 'missing');
	}
	if (result.timedOut) {
		return new PodmanError(
			t('podman.timeout', { seconds: Math.round((result.durationMs ?? 0) / 1000), command: command.join(' ') }),
			command,
			undefined,
			'timeout',
		);
	}
	if (result.isCanceled) {
		return new PodmanError(t('podman.canceled', { command: command.join(' ') }), command, undefined, 'canceled');
	}
	const stderr = typeof result.stderr === 'string' ? result.stderr : '';
	return new PodmanError(podmanMessage(stderr) || result.shortMessage || t('podman.failed'), command, result.exitCode, 'failed');
}

/**
 * Podman's error output, cut to what a person needs: its `Error: …` line(s)
 * without the log prefix (`time="…" level=error msg="…"`).
 */
export function podmanMessage(stderr: string): string {
	const lines = stderr
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.map((line) => /level=(?:error|fatal) msg="(.*)"$/.exec(line)?.[1] ?? line)
		.filter((line) => !/^time="[^"]*" level=(?:warning|info|debug)/.test(line));
	const errors = lines.filter((line) => line.startsWith('Error:') || line.startsWith('Error '));
	return (errors.length > 0 ? errors : lines).join(' — ');
}
