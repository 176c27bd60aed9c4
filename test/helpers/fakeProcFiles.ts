import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

/** A fake process's stat line: name, state, parent and start time where /proc puts them. */
export function statLine(pid: number, comm: string, state: string, startTicks: number, ppid = 1): string {
	return `${pid} (${comm}) ${state} ${ppid} ${pid} ${pid} 0 -1 4194368 70 1004 0 0 0 0 0 1 20 0 1 0 ${startTicks} 9080832 458 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n`;
}

/** A /proc of plain files in a temporary folder, removed after the tests that made it. */
export interface FakeProcFiles {
	root: string;
	/** Writes a process's files (`stat`, `statm`…), in place when they exist: what a held descriptor reads again. */
	write(pid: number, files: Readonly<Record<string, string>>): void;
	/** The process has gone: its folder is removed. */
	remove(pid: number): void;
	/** /proc/self/limits with this open-files limit; `undefined`: none (read as unknown). */
	openFilesLimit(limit: number | undefined): void;
}

/** Makes a fake /proc for the held-file holders' tests (heldStat, liveness): `name` tells its folder. */
export function fakeProcFiles(name: string): FakeProcFiles {
	const root = mkdtempSync(join(tmpdir(), `conmon-tui-${name}-`));
	after(() => rmSync(root, { recursive: true, force: true }));
	return {
		root,
		write(pid, files) {
			mkdirSync(join(root, String(pid)), { recursive: true });
			for (const [file, text] of Object.entries(files)) writeFileSync(join(root, String(pid), file), text);
		},
		remove(pid) {
			rmSync(join(root, String(pid)), { recursive: true, force: true });
		},
		openFilesLimit(limit) {
			if (limit === undefined) {
				rmSync(join(root, 'self'), { recursive: true, force: true });
				return;
			}
			mkdirSync(join(root, 'self'), { recursive: true });
			writeFileSync(
				join(root, 'self', 'limits'),
				`Limit                     Soft Limit           Hard Limit           Units\nMax open files            ${limit}                   ${limit}                   files\n`,
			);
		},
	};
}
