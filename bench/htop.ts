import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** htop's version line, or undefined when it does not run. */
async function htopVersion(): Promise<string | undefined> {
	try {
		return (await run('htop', ['--version'], { timeout: 10_000 })).stdout.split('\n')[0]?.trim();
	} catch {
		return undefined;
	}
}

/**
 * htop for the bench's side-by-side idle rows: the installed one, else apt's (`apt-get install -y
 * htop`, as root only: the bench never asks for a password). Returns its version line, or
 * undefined (the rows then go without htop and say why in the log).
 */
export async function ensureHtop(log: (message: string) => void): Promise<string | undefined> {
	const installed = await htopVersion();
	if (installed) return installed;
	if (process.getuid?.() !== 0) {
		log('htop is not installed and the bench is not root: the idle rows go without htop');
		return undefined;
	}
	log('installing htop with apt-get…');
	try {
		await run('apt-get', ['install', '-y', '--no-install-recommends', 'htop'], {
			timeout: 300_000,
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
	} catch (error) {
		log(`apt-get install htop failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
	}
	return htopVersion();
}
