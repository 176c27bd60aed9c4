#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { render } from 'ink';
import { createElement } from 'react';
import { App } from '../components/App.js';
import { createActions } from './actions.js';
import { parseOptions, UsageError, USAGE, type Options } from './options.js';
import { Podman, PodmanError } from './podman.js';
import { parsePodmanVersion, MIN_PODMAN_MAJOR } from './podmanVersion.js';
import { snapshotJson, snapshotText } from './snapshot.js';
import { checkLogFile, followLogToFile } from './logFile.js';
import { createAppStore } from './store.js';
import { readUserNames } from './users.js';
import { Watcher } from './watcher.js';

/** Exit codes: 1 for a problem with the machine (no podman, no terminal), 2 for a bad command line. */
const EXIT_TROUBLE = 1;
const EXIT_USAGE = 2;

const INSTALL_HINT =
	'Install it and run conmon-tui again: Debian/Ubuntu `sudo apt-get install podman`, ' +
	'Fedora `sudo dnf install podman`, Arch `sudo pacman -S podman`; see https://podman.io/docs/installation';

function packageVersion(): string {
	const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
	return pkg.version ?? 'unknown';
}

function fail(message: string, code: number): never {
	process.stderr.write(`conmon-tui: ${message}\n`);
	process.exit(code);
}

/** Checks that podman is there and new enough; returns its version. */
async function checkPodman(podman: Podman): Promise<string> {
	try {
		const { stdout } = await podman.run(['--version']);
		const version = parsePodmanVersion(stdout);
		if (!version) fail(`could not read podman's version from "${stdout.trim()}"`, EXIT_TROUBLE);
		if (version.major < MIN_PODMAN_MAJOR) {
			fail(`podman ${version.text} is too old: conmon-tui needs podman ${MIN_PODMAN_MAJOR}.0 or newer. ${INSTALL_HINT}`, EXIT_TROUBLE);
		}
		return version.text;
	} catch (error) {
		if (error instanceof PodmanError && error.reason === 'missing') {
			fail(`conmon-tui needs podman, and ${error.message}. ${INSTALL_HINT}`, EXIT_TROUBLE);
		}
		fail(`podman does not work here: ${error instanceof Error ? error.message : String(error)}`, EXIT_TROUBLE);
	}
}

/** What the store starts with: who is looking, and how much of other users' podman to show. */
function initialStoreState(version: string, options: Options) {
	return { podmanVersion: version, ownUid: process.getuid?.() ?? 0, allUsers: options.allUsers, userNames: readUserNames() };
}

/** `--once`: load everything once, print it, exit. */
async function printOnce(podman: Podman, version: string, options: Options): Promise<void> {
	const store = createAppStore(initialStoreState(version, options));
	const watcher = new Watcher(podman, store);
	watcher.scan();
	await watcher.reconcile({ full: true });
	// A second scan sees the containers podman listed, for the unmonitored check.
	watcher.scan();
	watcher.stop();
	const state = store.getState();
	if (state.status?.tone === 'error') fail(state.status.text, EXIT_TROUBLE);
	const out = options.json ? JSON.stringify(snapshotJson(state), null, 2) : snapshotText(state);
	process.stdout.write(`${out}\n`);
}

/** The live screen, until q, Ctrl-C, SIGTERM or SIGHUP. */
async function runInteractive(podman: Podman, version: string, options: Options): Promise<number> {
	const store = createAppStore(initialStoreState(version, options));
	const stopLogFile = options.logFile === undefined ? undefined : followLogToFile(store, options.logFile);
	const watcher = new Watcher(podman, store);
	const actions = createActions({
		store,
		podman,
		image: options.image,
		command: options.command,
		onChange: (ids) => {
			watcher.burst();
			watcher.refresh(ids);
		},
	});

	// The alternate screen keeps the user's scrollback intact; it is left on every way out.
	process.stdout.write('\u001B[?1049h\u001B[H');
	let exitCode = 0;
	let quitting = false;
	const app = render(createElement(App, { store, actions, quit: () => quit(0) }), {
		exitOnCtrlC: false,
	});
	function quit(code: number): void {
		if (quitting) return;
		quitting = true;
		exitCode = code;
		watcher.stop();
		app.unmount();
	}
	const onSignal = (signal: NodeJS.Signals, number: number) => () => quit(128 + number);
	process.on('SIGTERM', onSignal('SIGTERM', 15));
	process.on('SIGHUP', onSignal('SIGHUP', 1));
	process.on('SIGINT', onSignal('SIGINT', 2));

	watcher.start().catch((error: unknown) => {
		store.setState({ status: { tone: 'error', text: String(error) } });
	});
	await app.waitUntilExit();
	process.stdout.write('\u001B[?1049l');
	await stopLogFile?.(snapshotJson(store.getState()));
	return exitCode;
}

async function main(): Promise<void> {
	let options: Options;
	try {
		options = parseOptions(process.argv.slice(2));
	} catch (error) {
		if (error instanceof UsageError) fail(`${error.message} (see conmon-tui --help)`, EXIT_USAGE);
		throw error;
	}
	if (options.help) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	if (options.version) {
		process.stdout.write(`${packageVersion()}\n`);
		return;
	}
	if (!options.once && !(process.stdout.isTTY && process.stdin.isTTY)) {
		fail('the live view needs a terminal (stdin and stdout); for a pipe or a script use --once, or --once --json', EXIT_TROUBLE);
	}
	if (options.logFile !== undefined) {
		const problem = checkLogFile(options.logFile);
		if (problem) fail(problem, EXIT_TROUBLE);
	}
	const podman = new Podman(process.env['CONMON_TUI_PODMAN'] || 'podman', options.timeoutSeconds * 1000);
	const version = await checkPodman(podman);
	if (options.once) {
		await printOnce(podman, version, options);
		return;
	}
	const code = await runInteractive(podman, version, options);
	// Nothing must keep running: children were ended by the watcher's stop.
	process.exit(code);
}

main().catch((error: unknown) => {
	fail(`unexpected error: ${error instanceof Error ? error.message : String(error)}`, EXIT_TROUBLE);
});
