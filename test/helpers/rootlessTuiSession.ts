/**
 * The built conmon-tui in a real pseudo-terminal, running as the rootless test user: the
 * rootless counterpart of TuiSession (same methods), for tests that run as root.
 *
 * TuiSession spawns as whoever runs the tests and passes root's whole environment, so it
 * cannot be reused as is; this class spawns with node-pty's `uid`/`gid` options and the
 * sandbox's complete environment (see RootlessSandbox.env) instead. node-pty calls setgid and
 * setuid but not setgroups, so the program keeps the test runner's supplementary groups:
 * none when the runner is a plain root process, which `supplementaryGroups()` lets a test check.
 * The user needs to read dist/ and node_modules/ (root-owned, 0755 here: fine) and the pty
 * slave stays root's (0600): the program only uses the descriptors it was started with.
 */
import xterm from '@xterm/headless';
import { spawn, type IPty } from 'node-pty';
import { readFileSync } from 'node:fs';
import { projectRoot } from './fixtures.js';
import { cliPath } from './tuiSession.js';

export interface RootlessTuiOptions {
	/** Whom to run as. */
	user: { uid: number; gid: number };
	/**
	 * The complete environment (e.g. RootlessSandbox.env); root's process.env is not merged in.
	 * TERM is set here; LANG and LC_ALL are taken from the test runner when set.
	 */
	env: Record<string, string>;
	args?: string[];
	columns?: number;
	rows?: number;
}

/** Starts `node dist/src/cli.js ARGS` as the user in a pty; see RootlessTuiSession. */
export function startRootlessTui(options: RootlessTuiOptions): RootlessTuiSession {
	return new RootlessTuiSession(options);
}

/** Like TuiSession (screen, waitFor, press, ...), but the program runs as another user. */
export class RootlessTuiSession {
	readonly pty: IPty;
	private readonly terminal: InstanceType<typeof xterm.Terminal>;
	private pending = Promise.resolve();
	private exited: Promise<{ exitCode: number; signal?: number }>;
	/** Everything the program wrote, for failure messages. */
	raw = '';

	constructor(options: RootlessTuiOptions) {
		const columns = options.columns ?? 140;
		const rows = options.rows ?? 40;
		const locale: Record<string, string> = {};
		for (const key of ['LANG', 'LC_ALL'] as const) {
			const value = process.env[key];
			if (value !== undefined) locale[key] = value;
		}
		this.terminal = new xterm.Terminal({ cols: columns, rows, allowProposedApi: true });
		this.pty = spawn(process.execPath, [cliPath(), ...(options.args ?? [])], {
			name: 'xterm-256color',
			cols: columns,
			rows,
			cwd: projectRoot(),
			env: { ...locale, ...options.env, TERM: 'xterm-256color' },
			uid: options.user.uid,
			gid: options.user.gid,
		});
		this.pty.onData((data) => {
			this.raw += data;
			this.pending = this.pending.then(() => new Promise<void>((resolve) => this.terminal.write(data, resolve)));
		});
		this.exited = new Promise((resolve) => this.pty.onExit(resolve));
	}

	/** The program's PID (node-pty execs it directly, no shell in between). */
	get pid(): number {
		return this.pty.pid;
	}

	/** Real UID of the running program, from /proc; undefined once it is gone. */
	uid(): number | undefined {
		return statusField(this.pty.pid, 'Uid');
	}

	/** Supplementary groups of the running program, from /proc/PID/status `Groups:`. */
	supplementaryGroups(): number[] {
		try {
			const status = readFileSync(`/proc/${this.pty.pid}/status`, 'utf8');
			return (/^Groups:[ \t]*(.*)$/m.exec(status)?.[1] ?? '').trim().split(/\s+/).filter(Boolean).map(Number);
		} catch {
			return [];
		}
	}

	/** The screen as text, one string per row, trailing blanks trimmed. */
	async screen(): Promise<string> {
		await this.pending;
		const buffer = this.terminal.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < this.terminal.rows; y++) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		return lines.join('\n');
	}

	/** The row drawn in inverse video (the selected container), or undefined when none is. */
	async selectedRow(): Promise<string | undefined> {
		await this.pending;
		const buffer = this.terminal.buffer.active;
		for (let y = 0; y < this.terminal.rows; y++) {
			const line = buffer.getLine(buffer.viewportY + y);
			const cell = line?.getCell(2);
			if (line && cell && cell.isInverse() && cell.getChars().trim() !== '') return line.translateToString(true);
		}
		return undefined;
	}

	/** Waits until the screen matches, and returns the match; fails with the last screen on timeout. */
	async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
		const deadline = Date.now() + timeoutMs;
		let last = '';
		while (Date.now() < deadline) {
			last = await this.screen();
			const match = last.match(pattern);
			if (match) return match;
			await new Promise((resolve) => setTimeout(resolve, 40));
		}
		throw new Error(`timed out after ${timeoutMs} ms waiting for ${pattern} on screen:\n${last}`);
	}

	/** Types keys into the program. */
	press(keys: string): void {
		this.pty.write(keys);
	}

	resize(columns: number, rows: number): void {
		this.pty.resize(columns, rows);
		this.terminal.resize(columns, rows);
	}

	/** Resolves with the exit code when the program ends; rejects if it does not within the time. */
	async waitForExit(timeoutMs = 10_000): Promise<{ exitCode: number; signal?: number }> {
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new Error(`conmon-tui did not exit within ${timeoutMs} ms`)), timeoutMs);
		});
		try {
			return await Promise.race([this.exited, timeout]);
		} finally {
			clearTimeout(timer);
		}
	}

	/** Ends the program if it still runs (cleanup after a failed test). */
	async kill(): Promise<void> {
		try {
			this.pty.kill('SIGKILL');
		} catch {
			// already gone
		}
		await this.waitForExit(5_000).catch(() => undefined);
	}
}

function statusField(pid: number, field: 'Uid' | 'Gid'): number | undefined {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const value = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1];
		return value === undefined ? undefined : Number(value);
	} catch {
		return undefined;
	}
}
