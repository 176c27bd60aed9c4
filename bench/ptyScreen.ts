import xterm from '@xterm/headless';
import { type IPty, spawn } from 'node-pty';
import { nowMs, sleep } from './clock.js';

/**
 * A program in a real pseudo-terminal whose output is parsed by a headless xterm after
 * every chunk, with the time each chunk arrived. A screen change is thus dated by the
 * chunk that made it, not by a polling loop. Screens in the middle of a synchronized
 * update (Ink brackets each frame in `CSI ? 2026 h` ... `l`) are not recorded: a terminal
 * would not show them yet.
 */

/** One screen as a person would see it, after one chunk of output. */
export interface Frame {
	/** nowMs() when the chunk that completed this screen arrived from the pty. */
	at: number;
	/** The rows, trailing blanks trimmed, joined with \n. */
	text: string;
	/** The first row whose first cell is in inverse video (a TUI's selection; conmon-tui's: ▶ then inverse), if any. */
	selected: string | undefined;
}

export interface PtyScreenOptions {
	env: Record<string, string>;
	cwd: string;
	columns: number;
	rows: number;
}

/** How many recent frames are kept (older ones are dropped; latencies only look back seconds). */
const MAX_FRAMES = 3_000;

/** A program running in a pty, its screen recorded frame by frame. */
export class PtyScreen {
	/** Every session not yet stopped, so that an interrupted benchmark can end them all. */
	static readonly live = new Set<PtyScreen>();

	readonly pty: IPty;
	/** nowMs() just before the program was spawned. */
	readonly spawnedAt: number;
	readonly exited: Promise<{ exitCode: number; signal?: number }>;
	private readonly terminal: InstanceType<typeof xterm.Terminal>;
	private frames: Frame[] = [];
	private waiters = new Set<{ offer(frame: Frame): void; fail(why: string): void }>();
	private hasExited = false;
	/** The last output, for error messages. */
	private tail = '';

	constructor(
		readonly label: string,
		file: string,
		args: readonly string[],
		options: PtyScreenOptions,
	) {
		this.terminal = new xterm.Terminal({ cols: options.columns, rows: options.rows, allowProposedApi: true, scrollback: 0 });
		this.spawnedAt = nowMs();
		this.pty = spawn(file, [...args], {
			name: 'xterm-256color',
			cols: options.columns,
			rows: options.rows,
			cwd: options.cwd,
			env: { ...options.env, TERM: 'xterm-256color' },
		});
		PtyScreen.live.add(this);
		this.pty.onData((data) => {
			const at = nowMs();
			this.tail = (this.tail + data).slice(-4_000);
			this.terminal.write(data, () => this.record(at));
		});
		this.exited = new Promise((resolve) => {
			this.pty.onExit((result) => {
				this.hasExited = true;
				PtyScreen.live.delete(this);
				resolve(result);
				// Whatever is still awaited will not come: fail fast, once the last output is parsed.
				this.terminal.write('', () => {
					for (const waiter of [...this.waiters])
						waiter.fail(`the program exited (code ${result.exitCode}${result.signal ? `, signal ${result.signal}` : ''})`);
				});
			});
		});
	}

	get pid(): number {
		return this.pty.pid;
	}

	/** The last recorded screen. */
	latest(): Frame | undefined {
		return this.frames.at(-1);
	}

	/** Drops the frames older than `before` (each measurement only looks at its own). */
	forget(before: number): void {
		const keepFrom = this.frames.findIndex((f) => f.at >= before);
		this.frames = keepFrom < 0 ? this.frames.slice(-1) : this.frames.slice(Math.max(0, keepFrom - 1));
	}

	/**
	 * The first frame that arrived at or after `since` and satisfies `match`: one already
	 * recorded, or the next one that does. Rejects after `timeoutMs` with the last screen.
	 */
	waitForFrame(what: string, match: (frame: Frame) => boolean, options: { since: number; timeoutMs: number }): Promise<Frame> {
		const found = this.frames.find((f) => f.at >= options.since && match(f));
		if (found) return Promise.resolve(found);
		if (this.hasExited) return Promise.reject(this.failure(what, 'the program had exited'));
		return new Promise<Frame>((resolve, reject) => {
			const waiter = {
				offer: (frame: Frame): void => {
					if (frame.at < options.since || !match(frame)) return;
					clearTimeout(timer);
					this.waiters.delete(waiter);
					resolve(frame);
				},
				fail: (why: string): void => {
					clearTimeout(timer);
					this.waiters.delete(waiter);
					reject(this.failure(what, why));
				},
			};
			const timer = setTimeout(() => waiter.fail(`timed out after ${options.timeoutMs} ms`), options.timeoutMs);
			this.waiters.add(waiter);
		});
	}

	private failure(what: string, why: string): Error {
		const screen = this.latest()?.text ?? `(nothing drawn; raw output: ${JSON.stringify(this.tail.slice(-600))})`;
		return new Error(`${this.label}: ${why} waiting for ${what}; last screen:\n${screen}`);
	}

	/** Writes keys to the program; returns nowMs() just before the write. */
	press(keys: string): number {
		const at = nowMs();
		this.pty.write(keys);
		return at;
	}

	/** Ends the program: SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
	async stop(graceMs = 5_000): Promise<void> {
		if (this.hasExited) return;
		try {
			this.pty.kill('SIGTERM');
		} catch {
			// already gone
		}
		const ended = await Promise.race([this.exited.then(() => true), sleep(graceMs).then(() => false)]);
		if (ended) return;
		try {
			this.pty.kill('SIGKILL');
		} catch {
			// already gone
		}
		await Promise.race([this.exited, sleep(2_000)]);
		PtyScreen.live.delete(this);
	}

	private record(at: number): void {
		// Mid-frame: a terminal honouring synchronized output shows nothing of it yet.
		if (this.terminal.modes.synchronizedOutputMode) return;
		const buffer = this.terminal.buffer.active;
		const lines: string[] = [];
		let selected: string | undefined;
		for (let y = 0; y < this.terminal.rows; y++) {
			const line = buffer.getLine(buffer.viewportY + y);
			const text = line?.translateToString(true) ?? '';
			lines.push(text);
			// conmon-tui's selected row starts with its ▶ column (not inverse) and is inverse from the third cell on.
			const inverse = line?.getCell(0)?.isInverse() || (text.startsWith('▶ ') && line?.getCell(2)?.isInverse());
			if (selected === undefined && text !== '' && inverse) selected = text;
		}
		const frame: Frame = { at, text: lines.join('\n'), selected };
		this.frames.push(frame);
		if (this.frames.length > MAX_FRAMES) this.frames.splice(0, this.frames.length - MAX_FRAMES);
		for (const waiter of [...this.waiters]) waiter.offer(frame);
	}
}
