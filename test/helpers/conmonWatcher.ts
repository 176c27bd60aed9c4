import { readdirSync, readFileSync } from 'node:fs';

/** A monitor conmon as the test's own watcher saw it. */
export interface SeenConmon {
	pid: number;
	containerId: string;
	firstSeen: number;
	/** When it was last seen alive (not a zombie). */
	lastAlive: number;
}

function read(path: string): string | undefined {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return undefined;
	}
}

/**
 * An independent, fast /proc watcher for tests: every few milliseconds it looks for new
 * processes and records each monitor conmon whose bundle lies under `storeDir`: a conmon with
 * --api-version whose parent is not podman (podman's first conmon only forks the monitor and
 * exits) and not a conmon of its own whose parent is not podman (the monitor forks itself to
 * exec the exit command). It shares no code with the program under test, so it can prove it wrong.
 */
export class ConmonWatcher {
	readonly seen: SeenConmon[] = [];
	private readonly known = new Set<string>();
	private timer: NodeJS.Timeout | undefined;

	constructor(
		private readonly storeDir: string,
		private readonly intervalMs = 3,
	) {}

	start(): void {
		this.timer = setInterval(() => this.poll(), this.intervalMs);
	}

	stop(): void {
		clearInterval(this.timer);
		this.poll();
	}

	private poll(): void {
		const now = Date.now();
		for (const conmon of this.seen) {
			const stat = read(`/proc/${conmon.pid}/stat`);
			if (stat?.includes('(conmon) ') && !/\) [ZX] /.test(stat)) conmon.lastAlive = now;
		}
		for (const name of readdirSync('/proc')) {
			if (!/^\d+$/.test(name)) continue;
			const stat = read(`/proc/${name}/stat`);
			if (!stat) continue;
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const key = `${name}@${fields[19]}`;
			if (this.known.has(key)) continue;
			const argv = (read(`/proc/${name}/cmdline`) ?? '').split('\0');
			// A process caught before its exec() shows its parent's cmdline or none: look again next time.
			if (argv[0] === '' && fields[0] !== 'Z') continue;
			this.known.add(key);
			if (!argv[0]?.endsWith('conmon') || !argv.includes('--api-version') || argv.includes('-e')) continue;
			const bundle = argv[argv.indexOf('-b') + 1] ?? '';
			if (!bundle.startsWith(this.storeDir)) continue;
			const parent = (read(`/proc/${fields[1]}/cmdline`) ?? '').split('\0')[0] ?? '';
			if (parent.endsWith('podman')) continue;
			if (parent.endsWith('conmon')) {
				const parentStat = read(`/proc/${fields[1]}/stat`) ?? '';
				const grandparent = parentStat.slice(parentStat.lastIndexOf(')') + 2).split(' ')[1];
				if (!(read(`/proc/${grandparent}/cmdline`) ?? '').split('\0')[0]?.endsWith('podman')) continue;
			}
			this.seen.push({ pid: Number(name), containerId: argv[argv.indexOf('-c') + 1] ?? '', firstSeen: now, lastAlive: now });
		}
	}
}
