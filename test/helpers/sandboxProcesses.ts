import { readFile } from 'node:fs/promises';

/** /proc helpers shared by the rootful and rootless test sandboxes' clean-up. */

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

