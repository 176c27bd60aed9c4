import { constants as fsConstants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';

/** Process, mount and text helpers shared by the rootful and rootless test sandboxes and their clean-up. */

/** This process and every ancestor: clean-up must never kill them. */
export async function selfAndAncestors(): Promise<Set<number>> {
	const pids = new Set<number>();
	let pid = process.pid;
	while (pid > 0 && !pids.has(pid)) {
		pids.add(pid);
		const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		pid = Number(fields[1] ?? 0);
	}
	return pids;
}

/** Field 22 of /proc/PID/stat: with the PID, which process this is. */
export async function processStartTime(pid: number): Promise<string | undefined> {
	const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
	if (!stat) return undefined;
	// Fields after the comm start at field 3 (state); starttime is field 22.
	return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

/** Mount points at or under dir, from /proc/self/mounts (octal escapes decoded). */
export async function mountsUnder(dir: string): Promise<string[]> {
	const mounts = await readFile('/proc/self/mounts', 'utf8').catch(() => '');
	const out: string[] = [];
	for (const line of mounts.split('\n')) {
		const field = line.split(' ')[1];
		if (!field) continue;
		const mountPoint = field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
		if (mountPoint === dir || mountPoint.startsWith(`${dir}/`)) out.push(mountPoint);
	}
	return out;
}

/** A TOML string literal (JSON's escaping is valid TOML basic-string escaping). */
export function toml(value: string): string {
	return JSON.stringify(value);
}

/** Unmounts everything under `dir`, deepest first (a path can be mounted more than once), lazily when busy. */
export async function unmountUnder(dir: string): Promise<void> {
	for (let round = 0; round < 5; round++) {
		const mounts = await mountsUnder(dir);
		if (mounts.length === 0) return;
		mounts.sort((a, b) => b.length - a.length);
		for (const mountPoint of mounts) {
			const plain = await execa('umount', [mountPoint], { reject: false, timeout: 15_000, stdin: 'ignore' });
			if (plain.exitCode !== 0) await execa('umount', ['-l', mountPoint], { reject: false, timeout: 15_000, stdin: 'ignore' });
		}
	}
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The last `n` lines of a command's output, on one line: enough of podman's error to read in a test failure. */
export function lastLines(text: string, n: number): string {
	return text.trim().split('\n').slice(-n).join(' | ').trim();
}

/** SIGKILLs these processes, then waits (3 s at most) until each is gone or a zombie. */
export async function killAndWait(pids: Iterable<number>): Promise<void> {
	const victims = [...pids];
	for (const pid of victims) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// Already gone.
		}
	}
	const deadline = Date.now() + 3000;
	for (const pid of victims) {
		while (Date.now() < deadline) {
			const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
			const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
			if (!stat || state === 'Z' || state === 'X') break;
			await delay(20);
		}
	}
}

/** The first executable `name` on $PATH, or in these other folders (sbin is not on every user's PATH), if any. */
export async function findOnPath(name: string, alsoIn: readonly string[] = []): Promise<string | undefined> {
	for (const dir of [...(process.env['PATH'] ?? '').split(path.delimiter), ...alsoIn]) {
		if (!dir) continue;
		const candidate = path.join(dir, name);
		try {
			await access(candidate, fsConstants.X_OK);
			return candidate;
		} catch {
			// Not here.
		}
	}
	return undefined;
}

export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
