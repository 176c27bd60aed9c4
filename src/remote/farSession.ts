// The far host's /proc, read over ONE ssh session kept open for the whole run: ssh starts the
// far-side script (farScript.ts) once, and each scan is one request on its stdin and one answer
// on its stdout. ssh runs with BatchMode=yes, so nothing ever waits for a password or a yes/no;
// every wait has a timeout; a lost session is started again with a growing delay (backoff).

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { isDead, type ProcessFacts, type ProcessInfo, type ProcStat, processKey } from '../proc/parse.js';
import type { FarProcesses, ProcessReader } from '../proc/reader.js';
import type { SshTarget } from './connection.js';
import { FarDetails } from './farDetails.js';
import { FarFilesUnread } from './farFilesUnread.js';
import { type FarScan, knownKey, parseFarScan } from './farRecords.js';
import { FAR_SCRIPT } from './farScript.js';

/** How long ssh may take to connect and start the script. */
export const FAR_CONNECT_TIMEOUT_MS = 15_000;
/** How long one scan's answer may take before the session is given up as hung. */
export const FAR_SCAN_TIMEOUT_MS = 10_000;
/** The first wait before connecting again after a failure; doubled each time, up to FAR_BACKOFF_MAX_MS. */
export const FAR_BACKOFF_START_MS = 1_000;
export const FAR_BACKOFF_MAX_MS = 30_000;

/** What went wrong with the far side, sorted so that the message can say what to do. */
export type FarFailure = 'unreachable' | 'refused-key' | 'unknown-host-key' | 'dropped' | 'timeout' | 'no-ssh';

/** A failed scan: the kind, ssh's own last words, and the command to try by hand. */
export class FarSideError extends Error {
	override name = 'FarSideError';
	constructor(
		readonly failure: FarFailure,
		readonly detail: string,
		readonly tryCommand: readonly string[],
	) {
		super(`${failure}: ${detail}`);
	}
}

/** Sorts ssh's stderr into a failure kind (OpenSSH's own wording). */
export function classifySshFailure(stderr: string): FarFailure {
	if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No .* host key is known/i.test(stderr)) return 'unknown-host-key';
	if (/Permission denied|Too many authentication failures|no such identity|Load key .*: /i.test(stderr)) return 'refused-key';
	if (
		/Connection refused|Connection timed out|No route to host|Could not resolve hostname|Network is unreachable|Connection closed by|kex_exchange_identification/i.test(
			stderr,
		)
	)
		return 'unreachable';
	return 'dropped';
}

/** ssh's argv for this target: the session, and (`command` omitted) the check to try by hand. */
export function sshArgs(target: SshTarget, knownHostsFile: string | undefined, command?: string): string[] {
	return [
		'-T',
		'-o',
		'BatchMode=yes',
		'-o',
		`ConnectTimeout=${FAR_CONNECT_TIMEOUT_MS / 1000}`,
		// A dead peer is noticed within ~15 s even while idle.
		'-o',
		'ServerAliveInterval=5',
		'-o',
		'ServerAliveCountMax=3',
		...(knownHostsFile === undefined ? [] : ['-o', `UserKnownHostsFile=${knownHostsFile}`]),
		...(target.identity === undefined ? [] : ['-i', target.identity, '-o', 'IdentitiesOnly=yes']),
		'-p',
		String(target.port),
		'-l',
		target.user,
		'--',
		target.host,
		...(command === undefined ? ['true'] : [command]),
	];
}

/**
 * One ssh child and what came from it. A reconnect may start the next child before this one's
 * 'close' (a hung ssh killed after a timeout can take seconds to go): its stdout, its stderr and its
 * request stay its own, so its late words neither mix into the next child's nor settle its scans.
 */
interface SshChild {
	process: ChildProcessWithoutNullStreams;
	/** stdout not yet ended by a newline. */
	partialLine: string;
	/** The tail of its stderr: what the failure at its 'close' is sorted by. */
	stderr: string;
	/** Until the far script's `H` line: takes that line. */
	handshake: ((line: string) => boolean) | undefined;
}

/** A scan asked of one child, waiting for its answer. */
interface Pending {
	child: SshChild;
	lines: string[];
	resolve: (lines: string[]) => void;
	reject: (error: FarSideError) => void;
	timer: NodeJS.Timeout;
}

/**
 * The far side's processes for the watcher (FarProcesses) and for lessons, actions and views
 * (ProcessReader, answered from the last scan: a round trip per key press would stall the screen;
 * a cgroup or namespaces asked for are read with the next scan, see farDetails.ts).
 */
export class FarSession extends FarFilesUnread implements FarProcesses, ProcessReader {
	private child: SshChild | undefined;
	private ready: Promise<void> | undefined;
	private pending: Pending | undefined;
	private backoffMs = 0;
	private nextAttemptAt = 0;
	private lastError: FarSideError | undefined;
	/** The session ended between scans (ssh killed, host gone): said by the next scan, once. */
	private unreported: FarSideError | undefined;
	private closed = false;
	/** The last scan, by PID. */
	private latest = new Map<number, ProcessInfo>();
	/** cmdline and comm by process key (PID@start): sent as known so that the far side sends only new ones. */
	private argv = new Map<string, { comm: string; argv: string[] }>();
	private factsByKey = new Map<string, ProcessFacts>();
	private readonly details = new FarDetails();
	/** The PID of the far script's shell: its namespaces are the far host's own. */
	private hostPid: number | undefined;
	bootTimeMs: number | undefined;
	/** The far user's UID (the session's `id -u`). */
	farUid: number | undefined;

	constructor(
		readonly target: SshTarget,
		private readonly options: { ssh?: string; knownHostsFile?: string | undefined; env?: NodeJS.ProcessEnv } = {},
	) {
		super();
	}

	/** ssh's argv to try by hand: the same options, running `true`. */
	tryCommand(): string[] {
		return [this.options.ssh ?? 'ssh', ...sshArgs(this.target, this.options.knownHostsFile)];
	}

	/** One scan of every far process: one request, one answer. Rejects with a FarSideError; never hangs. */
	async scan(): Promise<ProcessInfo[] | 'unreadable'> {
		if (this.closed) throw new FarSideError('dropped', 'closed', this.tryCommand());
		const dropped = this.unreported;
		this.unreported = undefined;
		if (dropped) throw dropped;
		if (!this.child) {
			if (Date.now() < this.nextAttemptAt && this.lastError) throw this.lastError;
			this.connect();
		}
		try {
			await this.ready;
			const lines = await this.request();
			this.backoffMs = 0;
			this.lastError = undefined;
			return this.take(parseFarScan(lines));
		} catch (error) {
			const failure = error instanceof FarSideError ? error : new FarSideError('dropped', String(error), this.tryCommand());
			this.fail(failure);
			throw failure;
		}
	}

	/** Ends the session (at exit). */
	close(): void {
		this.closed = true;
		this.end();
	}

	stat(pid: number): ProcStat | undefined {
		return this.latest.get(pid);
	}

	comm(pid: number): string | undefined {
		return this.latest.get(pid)?.comm;
	}

	isAliveAs(pid: number, startTicks: number | undefined): boolean {
		const process = this.latest.get(pid);
		return process !== undefined && !isDead(process) && (startTicks === undefined || process.startTicks === startTicks);
	}

	facts(pid: number): ProcessFacts | undefined {
		const process = this.latest.get(pid);
		return process ? this.factsByKey.get(processKey(process.pid, process.startTicks)) : undefined;
	}

	cgroup(pid: number): string | undefined {
		this.details.ask(pid, Date.now());
		return this.details.cgroup(pid);
	}

	namespaces(pid: number): Readonly<Record<string, string>> {
		this.details.ask(pid, Date.now());
		return this.details.namespacesOf(pid);
	}

	hostNamespaces(): Readonly<Record<string, string>> {
		return this.hostPid === undefined ? {} : this.namespaces(this.hostPid);
	}

	private connect(): void {
		const command = `exec sh -c '${FAR_SCRIPT}'`;
		const ssh = spawn(this.options.ssh ?? 'ssh', sshArgs(this.target, this.options.knownHostsFile, command), {
			stdio: 'pipe',
			env: this.options.env ?? process.env,
		});
		const child: SshChild = { process: ssh, partialLine: '', stderr: '', handshake: undefined };
		this.child = child;
		ssh.stdout.setEncoding('utf8');
		ssh.stderr.setEncoding('utf8');
		ssh.stderr.on('data', (chunk: string) => {
			child.stderr = (child.stderr + chunk).slice(-2000);
		});
		// A write to a session that just died: the close handler below reports it.
		ssh.stdin.on('error', () => undefined);
		let up = false;
		this.ready = new Promise<void>((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new FarSideError('timeout', `no answer within ${FAR_CONNECT_TIMEOUT_MS / 1000} s`, this.tryCommand())),
				FAR_CONNECT_TIMEOUT_MS,
			);
			child.handshake = (line: string) => {
				if (!line.startsWith('H ')) return false;
				clearTimeout(timer);
				// `H UID PID`: either may be missing (no id(1) there).
				const [uidText = '', pidText = ''] = line.slice(2).split(' ');
				const uid = Number(uidText);
				const pid = Number(pidText);
				this.farUid = uidText !== '' && Number.isInteger(uid) ? uid : undefined;
				this.hostPid = pidText !== '' && Number.isInteger(pid) && pid > 0 ? pid : undefined;
				up = true;
				resolve();
				return true;
			};
			ssh.on('error', (error) => {
				clearTimeout(timer);
				reject(new FarSideError('no-ssh', error.message, this.tryCommand()));
			});
			// 'close', not 'exit': a process can be reported gone before its last stderr is read, and an
			// ssh refused ("Connection refused") would then pass for one that dropped. Sorted by this
			// child's own stderr, and said to this child's own scan: a child given up and replaced
			// closes unheard.
			ssh.on('close', () => {
				clearTimeout(timer);
				const why = child.stderr.trim().split('\n').at(-1) ?? '';
				const error = new FarSideError(classifySshFailure(child.stderr), why || 'ssh ended', this.tryCommand());
				reject(error);
				if (this.pending?.child === child) this.pending.reject(error);
				else if (up && this.child === child && !this.closed) {
					// Nobody was waiting: the next scan says so (and the one after reconnects, after the backoff).
					this.unreported = error;
					this.fail(error);
				}
				if (this.child === child) this.child = undefined;
			});
		});
		// Avoid an unhandled rejection when nobody awaits (closed meanwhile).
		this.ready.catch(() => undefined);
		ssh.stdout.on('data', (chunk: string) => this.receive(child, chunk));
	}

	/** Splits a child's stdout into lines; a child given up and replaced is no longer listened to. */
	private receive(child: SshChild, chunk: string): void {
		if (this.child !== child) return;
		child.partialLine += chunk;
		let newline = child.partialLine.indexOf('\n');
		while (newline >= 0) {
			const line = child.partialLine.slice(0, newline);
			child.partialLine = child.partialLine.slice(newline + 1);
			if (child.handshake?.(line)) child.handshake = undefined;
			else if (this.pending?.child === child) {
				if (line === 'E') {
					const { resolve, lines, timer } = this.pending;
					clearTimeout(timer);
					this.pending = undefined;
					resolve(lines);
				} else this.pending.lines.push(line);
			}
			newline = child.partialLine.indexOf('\n');
		}
	}

	private request(): Promise<string[]> {
		const child = this.child;
		if (!child || this.pending) return Promise.reject(new FarSideError('dropped', 'no session', this.tryCommand()));
		const keys = [...this.argv.entries()].flatMap(([key, { comm, argv }]) => {
			if (argv.length === 0) return [];
			const [pid, start] = key.split('@');
			const line = knownKey({ pid: Number(pid), startTicks: Number(start), comm });
			return line === undefined ? [] : [line];
		});
		return new Promise<string[]>((resolve, reject) => {
			const timer = setTimeout(() => {
				this.pending = undefined;
				reject(new FarSideError('timeout', `no answer within ${FAR_SCAN_TIMEOUT_MS / 1000} s`, this.tryCommand()));
			}, FAR_SCAN_TIMEOUT_MS);
			this.pending = { child, lines: [], resolve, reject, timer };
			const asked = this.details.pidsToRead(Date.now());
			child.process.stdin.write(`scan\n${keys.map((k) => `${k}\n`).join('')}.\n${asked.map((pid) => `${pid}\n`).join('')}.\n`);
		});
	}

	/** Folds one answer into the caches and returns the processes as the local scanner would. */
	private take(scan: FarScan): ProcessInfo[] | 'unreadable' {
		if (scan.unreadable) return 'unreadable';
		if (scan.uptimeSeconds !== undefined) this.bootTimeMs = Date.now() - scan.uptimeSeconds * 1000;
		const argv = new Map<string, { comm: string; argv: string[] }>();
		const facts = new Map<string, ProcessFacts>();
		const latest = new Map<number, ProcessInfo>();
		for (const stat of scan.stats) {
			const key = processKey(stat.pid, stat.startTicks);
			const fresh = scan.argv.get(stat.pid);
			const known = this.argv.get(key);
			// A zombie's cmdline is empty: keep the last one seen, as the local scanner does.
			const args = fresh !== undefined && !(fresh.length === 0 && isDead(stat) && known) ? fresh : (known?.argv ?? []);
			argv.set(key, { comm: stat.comm, argv: args });
			const fact = scan.facts.get(stat.pid) ?? this.factsByKey.get(key);
			if (fact) facts.set(key, fact);
			latest.set(stat.pid, { ...stat, argv: args, ...(fact?.uid === undefined ? {} : { uid: fact.uid }) });
		}
		this.argv = argv;
		this.factsByKey = facts;
		this.latest = latest;
		this.details.take(scan, new Set(latest.keys()));
		return [...latest.values()];
	}

	private fail(error: FarSideError): void {
		this.lastError = error;
		this.backoffMs = Math.min(FAR_BACKOFF_MAX_MS, this.backoffMs === 0 ? FAR_BACKOFF_START_MS : this.backoffMs * 2);
		this.nextAttemptAt = Date.now() + this.backoffMs;
		this.end();
	}

	private end(): void {
		const child = this.child;
		this.child = undefined;
		const pending = this.pending;
		this.pending = undefined;
		if (pending) {
			clearTimeout(pending.timer);
			// A scan in flight when the session ends (closed at exit) is answered, not left hanging.
			pending.reject(new FarSideError('dropped', 'session closed', this.tryCommand()));
		}
		if (child && child.process.exitCode === null) {
			child.process.stdin.end();
			child.process.kill('SIGTERM');
			setTimeout(() => child.process.kill('SIGKILL'), 2_000).unref();
		}
	}
}
