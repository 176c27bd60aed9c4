import { readdirSync, readFileSync } from 'node:fs';

/** A process as this machine's /proc shows it: its parent and its PIDs namespace by namespace (NSpid). */
interface HostProcess {
	pid: number;
	ppid: number;
	nsPid: number[];
	comm: string;
}

function hostProcesses(): HostProcess[] {
	return readdirSync('/proc').flatMap((name) => {
		if (!/^\d+$/.test(name)) return [];
		try {
			const status = readFileSync(`/proc/${name}/status`, 'utf8');
			const field = (key: string) => new RegExp(`^${key}:\\s+(.*)$`, 'm').exec(status)?.[1]?.trim() ?? '';
			return [{ pid: Number(name), ppid: Number(field('PPid')), nsPid: field('NSpid').split(/\s+/).map(Number), comm: field('Name') }];
		} catch {
			return [];
		}
	});
}

/**
 * Maps the far side's PIDs (farSideSandbox.ts: a PID namespace of this machine) to this
 * machine's, independently of the code under test: a far PID is the second NSpid field of a
 * process below the far namespace's PID 1 (`root`, this machine's PID of it). Other far sides
 * (other test runs) hold the same small PIDs, hence the ancestry.
 */
export function farPidMapper(root: number): (farPid: number) => HostProcess | undefined {
	return (farPid) => {
		const all = hostProcesses();
		const byPid = new Map(all.map((p) => [p.pid, p]));
		const below = (process: HostProcess): boolean => {
			for (let p: HostProcess | undefined = process; p; p = byPid.get(p.ppid)) if (p.pid === root) return true;
			return false;
		};
		return all.find((p) => p.nsPid.length >= 2 && p.nsPid[1] === farPid && below(p));
	};
}

/** conmon-tui's ssh session to a far side: an ssh process running the far script, for this port. */
export function tuiSshPids(port: number): number[] {
	return readdirSync('/proc').flatMap((name) => {
		if (!/^\d+$/.test(name)) return [];
		try {
			const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
			return argv[0] === 'ssh' && argv.includes(String(port)) && argv.some((a) => a.startsWith('exec sh -c')) ? [Number(name)] : [];
		} catch {
			return [];
		}
	});
}
