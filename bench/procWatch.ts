import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, receiveMessageOnPort, Worker, workerData } from 'node:worker_threads';
import { nowMs } from './clock.js';

/**
 * A fast, independent witness of process exits: a worker thread reads /proc/PID/stat of
 * the watched PIDs every POLL_INTERVAL_MS with synchronous reads, and reports when each
 * is gone or a zombie. It runs in its own thread so that the main thread's work (parsing
 * the pty output into a screen) never delays a reading. When nothing is watched the
 * worker sleeps on its message port and costs nothing.
 */

/** How often a watched PID's stat is read. */
export const POLL_INTERVAL_MS = 2;

/** When and how a watched process was seen to end. */
export interface ExitSeen {
	pid: number;
	/** nowMs() of the first reading that found it gone or dead. */
	at: number;
	how: 'gone' | 'zombie';
	/** nowMs() of the last reading that still found it alive (the exit lies in between). */
	lastAliveAt: number | undefined;
}

type ToWorker = { watch: number } | { stop: true };

const ROLE = 'conmon-tui-bench-exit-watcher';

/** Watches PIDs until they exit; one worker thread for any number of PIDs. */
export class ExitWatcher {
	private readonly worker: Worker;
	private readonly waiting = new Map<number, Array<(seen: ExitSeen) => void>>();
	private readonly timers = new Set<NodeJS.Timeout>();

	constructor() {
		this.worker = new Worker(new URL(import.meta.url), { workerData: { role: ROLE } });
		this.worker.on('message', (seen: ExitSeen) => {
			for (const resolve of this.waiting.get(seen.pid) ?? []) resolve(seen);
			this.waiting.delete(seen.pid);
		});
		this.worker.unref();
	}

	/** Starts watching `pid`; resolves when it is gone or a zombie (at once if it already is). */
	watch(pid: number, timeoutMs = 30_000): Promise<ExitSeen> {
		return new Promise<ExitSeen>((resolve, reject) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				reject(new Error(`PID ${pid} did not exit within ${timeoutMs} ms`));
			}, timeoutMs);
			this.timers.add(timer);
			const list = this.waiting.get(pid) ?? [];
			list.push((seen) => {
				clearTimeout(timer);
				this.timers.delete(timer);
				resolve(seen);
			});
			this.waiting.set(pid, list);
			this.worker.postMessage({ watch: pid } satisfies ToWorker);
		});
	}

	/** Ends the worker thread; watches still pending then never settle. */
	async stop(): Promise<void> {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.waiting.clear();
		this.worker.postMessage({ stop: true } satisfies ToWorker);
		await this.worker.terminate();
	}
}

/** Reads one PID: alive, zombie, or gone. */
function probe(pid: number): 'alive' | 'zombie' | 'gone' {
	let stat: string;
	try {
		stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
	} catch {
		return 'gone';
	}
	const state = stat.charAt(stat.lastIndexOf(')') + 2);
	return state === 'Z' || state === 'X' ? 'zombie' : 'alive';
}

/** The worker's loop: poll while something is watched, else wait for a message. */
function runWorker(): void {
	const port = parentPort;
	if (!port) return;
	const watched = new Map<number, number | undefined>();
	const sleeper = new Int32Array(new SharedArrayBuffer(4));
	let stopped = false;
	const handle = (message: ToWorker): void => {
		if ('stop' in message) stopped = true;
		else if (!watched.has(message.watch)) watched.set(message.watch, undefined);
	};
	const loop = (): void => {
		for (;;) {
			for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) handle(m.message as ToWorker);
			if (stopped) return;
			if (watched.size === 0) {
				port.once('message', (message: ToWorker) => {
					handle(message);
					loop();
				});
				return;
			}
			for (const [pid, lastAliveAt] of watched) {
				const state = probe(pid);
				const at = nowMs();
				if (state === 'alive') {
					watched.set(pid, at);
					continue;
				}
				port.postMessage({ pid, at, how: state, lastAliveAt } satisfies ExitSeen);
				watched.delete(pid);
			}
			Atomics.wait(sleeper, 0, 0, POLL_INTERVAL_MS);
		}
	};
	loop();
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) runWorker();
