import { readdirSync, readFileSync } from 'node:fs';

/** What /proc says of a PID right now, read independently of the code under test. */
export function processState(pid: number): 'gone' | 'zombie' | 'alive' {
	let stat: string;
	try {
		stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return 'gone';
	}
	const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
	return state === 'Z' || state === 'X' ? 'zombie' : 'alive';
}

/** /proc/PID/cmdline as argv, or [] when gone. */
export function processArgv(pid: number): string[] {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
			.split('\0')
			.filter((a, i, all) => a !== '' || i < all.length - 1);
	} catch {
		return [];
	}
}

/** Every live descendant of a PID (children, grandchildren, ...). */
export function descendantPids(root: number): number[] {
	const parentOf = new Map<number, number>();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {
			// exited meanwhile
		}
	}
	const found: number[] = [];
	const walk = (pid: number): void => {
		for (const [child, parent] of parentOf) {
			if (parent === pid) {
				found.push(child);
				walk(child);
			}
		}
	};
	walk(root);
	return found;
}
