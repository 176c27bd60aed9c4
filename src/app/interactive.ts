import { render } from 'ink';
import { createElement } from 'react';
import { App } from '../../components/App.js';
import { CrashBoundary } from '../../components/CrashBoundary.js';
import { HostsApp } from '../../components/HostsApp.js';
import { LessonController } from '../lessons/lessonController.js';
import { findLesson } from '../lessons/lessons.js';
import { t } from '../messages/i18n.js';
import { followLogToFile } from '../output/logFile.js';
import { snapshotJson } from '../output/snapshot.js';
import { followTranscript } from '../output/transcript.js';
import { runArgs } from '../podman/commands.js';
import type { Podman } from '../podman/podman.js';
import { quoteCommandWords } from '../present/commandWords.js';
import { safeLines, safeText } from '../present/safeText.js';
import type { FarProcesses, ProcessReader } from '../proc/reader.js';
import { podmanFailed } from '../state/hostStatus.js';
import type { AppState, AppStore } from '../state/store.js';
import { type HostSetup, openHost } from './host.js';
import type { Options } from './options.js';
import { fireProcessFault, injectedFault, TEST_FAULT } from './testFault.js';

/** The exit code after an unexpected error (as for any trouble with the machine, see cli.ts). */
const EXIT_CRASHED = 1;

/** How long a crashed session may take to wind down before it is ended regardless. */
const CRASH_EXIT_GRACE_MS = 3000;

const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h\u001B[H';
/** Leaves the alternate screen and shows the cursor: written on every way out, a crash too. */
const RESTORE_SCREEN = '\u001B[?1049l\u001B[?25h';

/**
 * The first frame waits for the first container list this long at most. Drawn before it, a
 * "loading" frame costs a whole frame of CPU while nothing is compiled yet (about 100 ms at start,
 * V8 CPU profile in bench/RESULTS.md) and delays the list's frame by as much.
 */
const FIRST_LIST_WAIT_MS = 1000;

/** Resolves once the store holds the first list (or a failure to say), or after `ms`. */
function firstListOrTimeout(store: AppStore, ms: number): Promise<void> {
	return new Promise((resolve) => {
		const ready = (s: AppState): boolean => s.loaded || s.status?.tone === 'error';
		if (ready(store.getState())) return resolve();
		const done = (): void => {
			clearTimeout(timer);
			unsubscribe();
			resolve();
		};
		const timer = setTimeout(done, ms);
		const unsubscribe = store.subscribe((s) => {
			if (ready(s)) done();
		});
	});
}

/** Gives the terminal back as it was: main screen, cursor shown, line mode. Safe to call twice. */
function restoreTerminal(): void {
	process.stdout.write(RESTORE_SCREEN);
	if (process.stdin.isTTY) {
		try {
			process.stdin.setRawMode(false);
		} catch {
			// stdin already closed: nothing to restore
		}
	}
}

/** One line on what went wrong; the stack only with CONMON_TUI_DEBUG=1. */
function crashReport(error: unknown): string {
	const message = safeText(error instanceof Error ? error.message : String(error));
	const line = `conmon-tui: ${t('cli.crashed', { message })}`;
	return process.env['CONMON_TUI_DEBUG'] === '1' && error instanceof Error && error.stack ? `${line}\n${error.stack}` : line;
}

/** The live screen, until q, Ctrl-C, SIGTERM or SIGHUP — or an unexpected error, which still gives the terminal back. */
export async function runInteractive(
	podman: Podman,
	initial: Partial<AppState>,
	options: Options,
	firstList?: Promise<string | undefined>,
	/** A far podman's processes (`--connection`): read there, never from this machine's /proc. */
	far?: FarProcesses & ProcessReader,
	/** The other hosts of a screen of several (`--connection a --connection b`); this one is the first. */
	more: readonly HostSetup[] = [],
): Promise<number> {
	const host = openHost({ name: options.connection ?? '', podman, initial, far, firstList }, options);
	// More hosts (`--connection a --connection b`): each its own podman, store and watcher, composed by HostsApp.
	const hosts = [host, ...more.map((setup) => openHost(setup, options))];
	const { store, reader, actions } = host;
	const stopLogFile = options.logFile === undefined ? undefined : followLogToFile(store, options.logFile);
	const stopTranscript =
		options.recordFile === undefined
			? undefined
			: followTranscript(store, options.recordFile, {
					args: process.argv.slice(2),
					runCommand: [podman.binary, ...podman.globalArgs, ...runArgs(options.image, options.command)],
					lesson: options.lesson,
				});

	const lessons = new LessonController({
		store,
		actions,
		reader,
		podmanCommand: [podman.binary, ...podman.globalArgs],
		image: options.image,
		command: options.command,
	});
	if (options.lesson) {
		const lesson = options.lesson.name === undefined ? undefined : findLesson(options.lesson.name);
		if (lesson && far && lesson.needsOrdinaryUser === true) {
			// Whether the far user is root is known once its session is up (the first scan): start then.
			const unsubscribe = store.subscribe((s) => {
				if (far.farUid === undefined || s.ownUid !== far.farUid) return;
				unsubscribe();
				lessons.start(lesson);
			});
		} else if (lesson) lessons.start(lesson);
		else lessons.openMenu();
	}

	let exitCode = 0;
	let quitting = false;
	let crashed: unknown;
	let app: ReturnType<typeof render> | undefined;
	function quit(code: number): void {
		if (quitting) return;
		quitting = true;
		exitCode = code;
		for (const h of hosts) h.watcher.stop();
		app?.unmount();
	}
	/** Any error nobody caught: end the session the ordinary way, with one line on what happened. */
	function crash(error: unknown): void {
		if (crashed !== undefined) return;
		crashed = error;
		// Not from inside React's error handling (the boundary calls this while committing): next turn.
		setImmediate(() => {
			try {
				quit(EXIT_CRASHED);
			} catch {
				// unmounting a broken tree can throw too; the timer below still restores the terminal
			}
		});
		// If winding down hangs (a broken renderer), give the terminal back and go anyway.
		setTimeout(() => {
			restoreTerminal();
			process.stderr.write(`${crashReport(error)}\n`);
			process.exit(EXIT_CRASHED);
		}, CRASH_EXIT_GRACE_MS).unref();
	}
	// Killed by a signal: the shell's exit code for it, 128 + its number.
	const onSignal = (number: number) => () => quit(128 + number);
	process.on('SIGTERM', onSignal(15));
	process.on('SIGHUP', onSignal(1));
	process.on('SIGINT', onSignal(2));
	process.on('uncaughtException', crash);
	process.on('unhandledRejection', crash);

	// The alternate screen keeps the user's scrollback intact; it is left on every way out (finally).
	process.stdout.write(ENTER_ALTERNATE_SCREEN);
	try {
		for (const h of hosts) {
			h.watcher.start(h.firstList).catch((error: unknown) => {
				h.store.setState(podmanFailed(String(error)));
			});
		}
		// Keys typed while the first list comes are kept for the screen, not echoed onto it (Ink reads them once it draws).
		if (process.stdin.isTTY) process.stdin.setRawMode(true);
		await Promise.all(hosts.map((h) => firstListOrTimeout(h.store, FIRST_LIST_WAIT_MS)));
		// A signal or a crash while waiting: nothing to draw (quit found no app to unmount).
		if (!quitting) await drawUntilExit();
	} catch (error) {
		crash(error);
	} finally {
		for (const h of hosts) h.watcher.stop();
		restoreTerminal();
	}
	async function drawUntilExit(): Promise<void> {
		const renderFault = TEST_FAULT === 'render' ? { renderFault: injectedFault('render') } : {};
		app = render(
			createElement(
				CrashBoundary,
				{ onCrash: crash },
				hosts.length > 1
					? createElement(HostsApp, { hosts, quit: () => quit(0), ...renderFault })
					: createElement(App, { store, actions, reader, quit: () => quit(0), lessons, ...renderFault }),
			),
			{
				exitOnCtrlC: false,
				// Ink's default of 30 frames a second delays a frame right after another by up to 33 ms.
				maxFps: 60,
			},
		);
		if (TEST_FAULT === 'exception' || TEST_FAULT === 'rejection') {
			const fault = TEST_FAULT;
			const unsubscribe = store.subscribe((s) => {
				if (!s.loaded) return;
				unsubscribe();
				fireProcessFault(fault);
			});
		}
		await app.waitUntilExit();
	}
	// A stop, rm, run… under way is not killed (that could leave the container stuck): say so.
	const stillRunning = (): void => {
		for (const command of hosts.flatMap((h) => h.podman.stillRunning()))
			process.stdout.write(`${t('cli.leftRunning', { command: safeText(quoteCommandWords(command)) })}\n`);
	};
	if (crashed !== undefined) {
		process.stderr.write(`${crashReport(crashed)}\n`);
		// The lesson could not clean up: say how, so no --restart always container is left respawning unseen.
		const leftovers = lessons.crashMessage();
		if (leftovers) process.stderr.write(`${safeLines(leftovers)}\n`);
		stillRunning();
		stopTranscript?.(store.getState());
		await stopLogFile?.(snapshotJson(store.getState()));
		return EXIT_CRASHED;
	}
	await lessons.leaveForExit((text) => process.stdout.write(`${safeLines(text)}\n`));
	const leftovers = lessons.exitMessage();
	if (leftovers) process.stdout.write(`${safeLines(leftovers)}\n`);
	stillRunning();
	stopTranscript?.(store.getState());
	await stopLogFile?.(snapshotJson(store.getState()));
	return exitCode;
}
