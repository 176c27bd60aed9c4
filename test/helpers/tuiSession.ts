import xterm from '@xterm/headless';
import { type IPty, spawn } from 'node-pty';
import { projectRoot } from './fixtures.js';
import { cleanEnv } from './podmanSandbox.js';
import { currentWorld } from './podmanWorld.js';

export { cliPath } from './programPath.js';

/** Keys as a terminal sends them. */
export const KEY = {
	up: '\u001B[A',
	down: '\u001B[B',
	enter: '\r',
	escape: '\u001B',
	ctrlC: '\u0003',
} as const;

/**
 * What the program starts with besides the test's own variables: the runner's environment, or
 * for a program running as another user only the locale (root's HOME, XDG_* and the like would
 * point it at root's files).
 */
function baseEnvironment(otherUser: boolean): NodeJS.ProcessEnv {
	// Never a CONTAINER_HOST or the like of the runner's: the program's podman must use the test's store.
	if (!otherUser) return cleanEnv({});
	const locale: Record<string, string> = {};
	for (const key of ['LANG', 'LC_ALL'] as const) {
		const value = process.env[key];
		if (value !== undefined) locale[key] = value;
	}
	return locale;
}

/**
 * The locale that makes the program speak `lang`: LC_ALL, which wins over LC_MESSAGES and LANG
 * (the runner's own locale must not decide what language a test reads on screen).
 */
export function languageEnvironment(lang: 'en' | 'ja'): Record<string, string> {
	return { LC_ALL: lang === 'ja' ? 'ja_JP.UTF-8' : 'C.UTF-8' };
}

export interface TuiOptions {
	args?: string[];
	/** Added to the test runner's environment; with `runAs`, the whole environment instead. */
	env?: Record<string, string>;
	/** The language of the screen (through the locale; `env` may still set LC_ALL itself). Default: English. */
	lang?: 'en' | 'ja';
	columns?: number;
	rows?: number;
	/** Run the program as this user (node-pty's setuid/setgid; no setgroups). */
	runAs?: { uid: number; gid: number };
	/** The terminal type the program is told (TERM). Default: xterm-256color. */
	term?: string;
}

/**
 * The built conmon-tui running in a real pseudo-terminal, its output fed to a headless
 * xterm so that tests read the screen a person would see, not the raw byte stream.
 */
export class TuiSession {
	readonly pty: IPty;
	private readonly terminal: InstanceType<typeof xterm.Terminal>;
	private pending = Promise.resolve();
	private exited: Promise<{ exitCode: number; signal?: number }>;
	/** Everything the program wrote, for failure messages. */
	raw = '';
	/** Every window title the program set (OSC 0/2), in order, as the terminal saw them. */
	readonly titles: string[] = [];

	constructor(options: TuiOptions = {}) {
		const columns = options.columns ?? 140;
		const rows = options.rows ?? 40;
		this.terminal = new xterm.Terminal({ cols: columns, rows, allowProposedApi: true });
		// The host's Node, or the podman 5 chroot's (podmanWorld.ts): the pty itself is always the host's.
		const [file, args] = currentWorld().program(options.args ?? []);
		this.pty = spawn(file, args, {
			name: 'xterm-256color',
			cols: columns,
			rows,
			cwd: projectRoot(),
			env: {
				...baseEnvironment(options.runAs !== undefined),
				...languageEnvironment(options.lang ?? 'en'),
				...options.env,
				TERM: options.term ?? 'xterm-256color',
			} as Record<string, string>,
			...(options.runAs ? { uid: options.runAs.uid, gid: options.runAs.gid } : {}),
		});
		this.pty.onData((data) => {
			this.raw += data;
			this.pending = this.pending.then(() => new Promise<void>((resolve) => this.terminal.write(data, resolve)));
		});
		this.terminal.onTitleChange((title) => this.titles.push(title));
		this.exited = new Promise((resolve) => this.pty.onExit(resolve));
	}

	/** Which screen buffer is showing: 'alternate' while the program draws, 'normal' once it gave the terminal back. */
	async bufferType(): Promise<'normal' | 'alternate'> {
		await this.pending;
		return this.terminal.buffer.active.type;
	}

	/** Whether the program's last word on the cursor was to show it (it hides it while it draws). */
	cursorShown(): boolean {
		return this.raw.lastIndexOf('\u001B[?25h') > this.raw.lastIndexOf('\u001B[?25l');
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
			if (line && cell?.isInverse() && cell.getChars().trim() !== '') return line.translateToString(true);
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

	/** Types keys one at a time with a pause between, as a person does (a lone Escape followed at once by more keys reads as Alt+key). */
	async type(keys: readonly string[], pauseMs = 30): Promise<void> {
		for (const key of keys) {
			this.press(key);
			await new Promise((resolve) => setTimeout(resolve, pauseMs));
		}
	}

	/** Opens the filter, types `text` and keeps it with Enter. */
	async filter(text: string): Promise<void> {
		await this.type(['/', ...text, '\r']);
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
