#!/usr/bin/env -S node --max-semi-space-size=2
// The young generation is capped at 2 MB a semi-space (V8's default grows to 16 MB on 64 bits):
// a TUI's garbage is a frame's worth, and the default's empty space shows in the resident memory.
// V8 reads the flag only as it starts (v8.setFlagsFromString is too late), hence the shebang
// (env -S: coreutils 8.30 and later); `node dist/bundle/cli.js` run by hand goes without it.
import { readFileSync } from 'node:fs';
import { enableCompileCache } from './app/compileCache.js';
import { chooseFarSide, chooseFarSides, type FarSide, FarSideChoiceError } from './app/farSide.js';
import type { HostSetup } from './app/host.js';
import { type Options, parseOptions, UsageError, usage } from './app/options.js';
import { findLesson, LESSONS, lessonRefusal } from './lessons/lessons.js';
import { languageFromEnv, setLanguage, t } from './messages/i18n.js';
import { type HostSnapshotSource, hostsSnapshotJson, hostsSnapshotText } from './output/hostsSnapshot.js';
import { checkWritable } from './output/logFile.js';
import { snapshotJson, snapshotText } from './output/snapshot.js';
import { listContainersArgs, versionArgs } from './podman/commands.js';
import { Podman, PodmanError } from './podman/podman.js';
import { MIN_PODMAN_MAJOR, parsePodmanVersion } from './podman/version.js';
import { quoteCommandWords } from './present/commandWords.js';
import { safeJson, safeLines } from './present/safeText.js';
import { readUserNames } from './proc/users.js';
import { hostProblem, podmanFailed, procUnreadableOnly } from './state/hostStatus.js';
import { type AppState, type AppStore, createAppStore } from './state/store.js';
import { Watcher } from './watch/watcher.js';

/** Exit codes: 1 for a problem with the machine (no podman, no terminal), 2 for a bad command line. */
const EXIT_TROUBLE = 1;
const EXIT_USAGE = 2;

function packageVersion(): string {
	const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
	return pkg.version ?? 'unknown';
}

function fail(message: string, code: number): never {
	// The message may quote podman or a file system: outside text, escaped like everything drawn.
	process.stderr.write(`conmon-tui: ${safeLines(message)}\n`);
	process.exit(code);
}

/** Checks that podman is there and new enough; returns its version. */
async function checkPodman(podman: Podman): Promise<string> {
	try {
		const { stdout } = await podman.run(versionArgs());
		const version = parsePodmanVersion(stdout);
		if (!version) fail(t('cli.unreadableVersion', { output: stdout.trim() }), EXIT_TROUBLE);
		if (version.major < MIN_PODMAN_MAJOR) {
			fail(t('cli.podmanTooOld', { version: version.text, major: MIN_PODMAN_MAJOR, hint: t('cli.installHint') }), EXIT_TROUBLE);
		}
		return version.text;
	} catch (error) {
		if (error instanceof PodmanError && error.reason === 'missing') {
			fail(t('cli.podmanMissing', { reason: error.message, hint: t('cli.installHint') }), EXIT_TROUBLE);
		}
		fail(t('cli.podmanBroken', { message: error instanceof Error ? error.message : String(error) }), EXIT_TROUBLE);
	}
}

/** What the store starts with: who is looking, and how much of other users' podman to show. */
function initialStoreState(version: string | undefined, options: Options, far: FarSide | undefined) {
	return {
		farSide: far?.state,
		podmanVersion: version,
		ownUid: process.getuid?.() ?? 0,
		allUsers: options.allUsers,
		// This machine's /etc/passwd names this machine's users, not a far host's: UIDs alone there.
		userNames: far ? {} : readUserNames(),
		askFirst: !options.yes,
		readOnly: options.readOnly,
	};
}

/** `--once`: load everything once, print it, exit. */
/** What `--once` shows, loaded into `store`: /proc, podman's whole view, and a far service's version. */
async function loadOnce(podman: Podman, store: AppStore, far: FarSide['processes'] | undefined): Promise<void> {
	const watcher = new Watcher(podman, store, far);
	const serverVersion = watcher.readServerVersion();
	await watcher.scan();
	await watcher.reconcile({ full: true });
	// A second scan sees the containers podman listed, for the unmonitored check.
	await watcher.scan();
	await serverVersion;
	watcher.stop();
}

async function printOnce(podman: Podman, version: string, options: Options, far: FarSide | undefined): Promise<void> {
	const store = createAppStore(initialStoreState(version, options, far));
	await loadOnce(podman, store, far?.processes);
	const state = store.getState();
	const problem = hostProblem(state);
	if (problem !== undefined) fail(problem, EXIT_TROUBLE);
	// A far /proc that cannot be read leaves podman's view alone: said on stderr, and the snapshot printed.
	if (procUnreadableOnly(state)) process.stderr.write(`conmon-tui: ${t('far.procUnreadable')}\n`);
	const out = options.json ? safeJson(JSON.stringify(snapshotJson(state), null, 2)) : snapshotText(state);
	process.stdout.write(`${out}\n`);
}

/**
 * Loads the live view's code. When CI or CONTINUOUS_INTEGRATION is set, Ink draws only its last
 * frame and chalk drops colours and inverse video (so the selection would not show); both read
 * the variables once, when they load. The live view runs only in a terminal, where neither is
 * right — a developer's shell or a test's pty may well have CI set — so the variables are
 * unset while that code loads, and put back after.
 */
async function loadScreen(): Promise<typeof import('./app/interactive.js')> {
	// Before the import: Node compiles the code as it loads it.
	enableCompileCache();
	const saved = { CI: process.env['CI'], CONTINUOUS_INTEGRATION: process.env['CONTINUOUS_INTEGRATION'], FORCE_COLOR: process.env['FORCE_COLOR'] };
	for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) delete process.env[name];
	// NO_COLOR (no-color.org: set and not empty) means no colour. chalk does not read it, but
	// FORCE_COLOR=0 makes it draw no escape sequence at all; the selected row keeps its ▶ marker.
	if (process.env['NO_COLOR']) process.env['FORCE_COLOR'] = '0';
	try {
		return await import('./app/interactive.js');
	} finally {
		for (const [name, value] of Object.entries(saved)) {
			if (value !== undefined) process.env[name] = value;
			else delete process.env[name];
		}
	}
}

async function main(): Promise<void> {
	let options: Options;
	try {
		options = parseOptions(process.argv.slice(2));
	} catch (error) {
		// In English, as the message itself: see UsageError.
		if (error instanceof UsageError) fail(`${error.message} (see conmon-tui --help)`, EXIT_USAGE);
		throw error;
	}
	setLanguage(options.lang ?? languageFromEnv(process.env));
	if (options.help) {
		process.stdout.write(`${usage()}\n`);
		return;
	}
	const lessonName = options.lesson?.name;
	if (lessonName !== undefined && !findLesson(lessonName)) {
		fail(t('cli.unknownLesson', { name: lessonName, lessons: LESSONS.map((l) => l.name).join(', ') }), EXIT_USAGE);
	}
	if (options.version) {
		process.stdout.write(`${packageVersion()}\n`);
		return;
	}
	// The host first (no ssh starts before the first scan): a lesson's refusal depends on it.
	const binary = process.env['CONMON_TUI_PODMAN'] || 'podman';
	if (options.connections.length > 1) return runHosts(binary, options);
	let far: FarSide | undefined;
	try {
		far = await chooseFarSide(new Podman(binary, options.timeoutSeconds * 1000), options.connection, process.env, process.platform);
	} catch (error) {
		if (error instanceof FarSideChoiceError) fail(error.message, error.usage ? EXIT_USAGE : EXIT_TROUBLE);
		throw error;
	}
	// Once the host is known: some lessons cannot run on a far one. The far user's UID is known
	// only once its session is up; the live screen checks again then (LessonController.start).
	const chosen = lessonName === undefined ? undefined : findLesson(lessonName);
	const refusal = chosen === undefined ? undefined : lessonRefusal(chosen, { uid: far ? undefined : (process.getuid?.() ?? 0), far: far !== undefined });
	if (refusal !== undefined) fail(refusal, EXIT_USAGE);
	if (!options.once && !(process.stdout.isTTY && process.stdin.isTTY)) {
		fail(t('cli.needsTerminal'), EXIT_TROUBLE);
	}
	for (const [flag, path] of [
		['--log', options.logFile],
		['--record', options.recordFile],
	] as const) {
		const problem = path === undefined ? undefined : checkWritable(flag, path);
		if (problem) fail(problem, EXIT_TROUBLE);
	}
	const podman = new Podman(binary, options.timeoutSeconds * 1000, process.env, far?.podmanArgs);
	// The screen's code (React, Ink) takes most of start-up to load: load it while podman answers.
	// React's production build is chosen when the bundle is built (package.json's bundle script
	// defines process.env.NODE_ENV): the development one is several times slower and never wanted here.
	const screen = options.once ? undefined : loadScreen();
	// The first container list is asked for at once too; it is used only if podman passes the check.
	const firstList = screen
		? podman.run(listContainersArgs()).then(
				(r) => r.stdout,
				() => undefined,
			)
		: undefined;
	const version = await checkPodman(podman);
	if (!screen) {
		await printOnce(podman, version, options, far);
		return;
	}
	const { runInteractive } = await screen;
	const code = await runInteractive(podman, initialStoreState(version, options, far), options, firstList, far?.processes);
	// Nothing must keep running: children were ended by the watcher's stop.
	process.exit(code);
}

/** The far sides of `--connection a --connection b`, in order; a bad name ends the program as for one. */
async function farSidesOf(binary: string, options: Options): Promise<FarSide[]> {
	try {
		const sides = await chooseFarSides(new Podman(binary, options.timeoutSeconds * 1000), options.connections, process.env, process.platform);
		return sides.filter((far) => far !== undefined);
	} catch (error) {
		if (error instanceof FarSideChoiceError) fail(error.message, error.usage ? EXIT_USAGE : EXIT_TROUBLE);
		throw error;
	}
}

/**
 * Several hosts at once (`--connection a --connection b`): one podman, store and watcher each.
 * A host whose podman does not answer does not stop the others: its heading says what failed.
 */
async function runHosts(binary: string, options: Options): Promise<void> {
	const sides = await farSidesOf(binary, options);
	if (!options.once && !(process.stdout.isTTY && process.stdin.isTTY)) fail(t('cli.needsTerminal'), EXIT_TROUBLE);
	const screen = options.once ? undefined : loadScreen();
	const hosts = await Promise.all(
		sides.map(async (far) => {
			const podman = new Podman(binary, options.timeoutSeconds * 1000, process.env, far.podmanArgs);
			return { far, podman, version: await hostVersion(podman, far) };
		}),
	);
	// podman itself missing, or too old, is this machine's trouble: the same for every host.
	const local = hosts.find((h) => typeof h.version !== 'string' && h.version.local);
	if (local && typeof local.version !== 'string') fail(local.version.message, EXIT_TROUBLE);
	if (hosts.every((h) => typeof h.version !== 'string'))
		fail(hosts.map((h) => (typeof h.version === 'string' ? '' : h.version.message)).join('\n'), EXIT_TROUBLE);
	const setups = hosts.map(({ far, podman, version }) => {
		const initial = initialStoreState(typeof version === 'string' ? version : undefined, options, far);
		// A host whose podman did not answer starts with that said: its heading shows it until it answers.
		if (typeof version !== 'string') Object.assign(initial, podmanFailed(version.message));
		return { name: far.target.name ?? far.state.label, uri: far.target.uri, podman, initial, far: far.processes };
	});
	if (!screen) {
		const code = await printOnceHosts(setups, options);
		process.exit(code);
	}
	const { runInteractive } = await screen;
	const [first, ...more] = setups;
	if (!first) return;
	const code = await runInteractive(first.podman, first.initial, options, undefined, first.far, more);
	process.exit(code);
}

/** One host's podman version, or why it has none: `local` when the trouble is this machine's (no podman, too old). */
async function hostVersion(podman: Podman, far: FarSide): Promise<string | { message: string; local: boolean }> {
	try {
		const { stdout } = await podman.run(versionArgs());
		const version = parsePodmanVersion(stdout);
		if (!version) return { message: t('cli.unreadableVersion', { output: stdout.trim() }), local: false };
		if (version.major < MIN_PODMAN_MAJOR) {
			return { message: t('cli.podmanTooOld', { version: version.text, major: MIN_PODMAN_MAJOR, hint: t('cli.installHint') }), local: true };
		}
		return version.text;
	} catch (error) {
		if (error instanceof PodmanError && error.reason === 'missing') {
			return { message: t('cli.podmanMissing', { reason: error.message, hint: t('cli.installHint') }), local: true };
		}
		const message = error instanceof Error ? error.message : String(error);
		const command = error instanceof PodmanError ? quoteCommandWords(error.command) : '';
		return { message: t('far.podmanFailed', { label: far.state.label, message, command }), local: false };
	}
}

/** `--once` with several hosts: each host's tree under its heading, or JSON with a `hosts` array; exit 1 if a host failed. */
async function printOnceHosts(setups: readonly (HostSetup & Pick<HostSnapshotSource, 'uri'>)[], options: Options): Promise<number> {
	const states = await Promise.all(
		setups.map(async ({ podman, initial, far }) => {
			const store = createAppStore(initial);
			if (initial.podmanFailure === undefined) await loadOnce(podman, store, far);
			return store.getState();
		}),
	);
	const hosts = setups.map((setup, i) => ({ name: setup.name, uri: setup.uri, state: states[i] as AppState }));
	const out = options.json ? safeJson(JSON.stringify(hostsSnapshotJson(hosts), null, 2)) : hostsSnapshotText(hosts);
	process.stdout.write(`${out}\n`);
	return hosts.some((h) => hostProblem(h.state) !== undefined) ? EXIT_TROUBLE : 0;
}

main().catch((error: unknown) => {
	fail(t('cli.unexpected', { message: error instanceof Error ? error.message : String(error) }), EXIT_TROUBLE);
});
