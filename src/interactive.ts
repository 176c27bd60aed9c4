import { render } from 'ink';
import { createElement } from 'react';
import { App } from '../components/App.js';
import { createActions, displayCommand, runArgs } from './actions.js';
import { t } from './i18n.js';
import { LessonController } from './lessons/lessonController.js';
import { findLesson } from './lessons/lessons.js';
import { followLogToFile } from './logFile.js';
import type { Options } from './options.js';
import type { Podman } from './podman.js';
import { snapshotJson } from './snapshot.js';
import { createAppStore, type AppState } from './store.js';
import { followTranscript } from './transcript.js';
import { Watcher } from './watcher.js';

/** The live screen, until q, Ctrl-C, SIGTERM or SIGHUP. */
export async function runInteractive(podman: Podman, initial: Partial<AppState>, options: Options, firstList?: Promise<string | undefined>): Promise<number> {
	const store = createAppStore(initial);
	const stopLogFile = options.logFile === undefined ? undefined : followLogToFile(store, options.logFile);
	const stopTranscript = options.recordFile === undefined ? undefined
		: followTranscript(store, options.recordFile, { args: process.argv.slice(2), runCommand: [podman.binary, ...runArgs(options.image, options.command)], lesson: options.lesson });
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

	const lessons = new LessonController({ store, actions, podmanBinary: podman.binary, image: options.image, command: options.command });
	if (options.lesson) {
		const lesson = options.lesson.name === undefined ? undefined : findLesson(options.lesson.name);
		if (lesson) lessons.start(lesson);
		else lessons.openMenu();
	}

	// The alternate screen keeps the user's scrollback intact; it is left on every way out.
	process.stdout.write('\u001B[?1049h\u001B[H');
	let exitCode = 0;
	let quitting = false;
	const app = render(createElement(App, { store, actions, quit: () => quit(0), lessons }), {
		exitOnCtrlC: false,
		// Ink's default of 30 frames a second delays a frame right after another by up to 33 ms.
		maxFps: 60,
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

	watcher.start(firstList).catch((error: unknown) => {
		store.setState({ status: { tone: 'error', text: String(error) } });
	});
	await app.waitUntilExit();
	process.stdout.write('\u001B[?1049l');
	await lessons.leaveForExit((text) => process.stdout.write(`${text}\n`));
	const leftovers = lessons.exitMessage();
	if (leftovers) process.stdout.write(`${leftovers}\n`);
	// A stop, rm, run… under way is not killed (that could leave the container stuck): say so.
	for (const command of podman.stillRunning()) process.stdout.write(`${t('cli.leftRunning', { command: displayCommand(command) })}\n`);
	stopTranscript?.(store.getState());
	await stopLogFile?.(snapshotJson(store.getState()));
	return exitCode;
}

