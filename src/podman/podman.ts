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
}

/**
 * The only code that runs podman. Every call is an argv array (never a shell string),
 * has a timeout, can be canceled, and its child is killed if conmon-tui exits first.
 */
export class Podman {
	constructor(
		readonly binary = 'podman',
		readonly timeoutMs = PODMAN_TIMEOUT_MS,
		private readonly env: NodeJS.ProcessEnv = process.env,
	) {}

	/** Runs `podman ARGS…` and resolves with its output, or rejects with a PodmanError. */
	async run(args: readonly string[], options: PodmanRunOptions = {}): Promise<PodmanOutput> {
		const command = [this.binary, ...args];
		const subprocess = execa(this.binary, args, {
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

	/** Starts a long-running podman command (events); the caller owns the child and must end it. */
	spawn(args: readonly string[], signal: AbortSignal) {
		return execa(this.binary, args, {
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
		return new PodmanError(t('podman.timeout', { seconds: Math.round((result.durationMs ?? 0) / 1000), command: command.join(' ') }), command, undefined, 'timeout');
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
