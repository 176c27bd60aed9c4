import { Profiler, type ProfilerOnRenderCallback } from 'react';
import { App } from '../../components/App.js';
import type { Actions } from '../../src/app/actions.js';
import { LessonController } from '../../src/lessons/lessonController.js';
import type { Container, ContainerAction } from '../../src/model/container.js';
import type { Pod } from '../../src/model/pod.js';
import { procReader } from '../../src/proc/read.js';
import type { ProcessReader } from '../../src/proc/reader.js';
import { type AppState, type AppStore, createAppStore } from '../../src/state/store.js';
import { type Rendered, renderInk, resizeTerminal, screenLines } from './inkTesting.js';

/** One call the App made on its actions. */
export type ActionCall =
	| { action: 'run' }
	| { action: ContainerAction; containerId: string; name: string }
	| { action: ContainerAction; podId: string; name: string }
	| { action: 'lesson-command'; args: readonly string[] }
	| { action: 'lesson-client'; args: readonly string[] }
	| { action: 'kill-conmon'; pid: number };

/** An `Actions` object that runs nothing and records what it was asked to do. */
export function fakeActions(): { actions: Actions; calls: ActionCall[] } {
	const calls: ActionCall[] = [];
	const actions: Actions = {
		async run() {
			calls.push({ action: 'run' });
			return true;
		},
		async onContainer(action: ContainerAction, container: Container) {
			calls.push({ action, containerId: container.id, name: container.name });
			return true;
		},
		async onPod(action: ContainerAction, pod: Pod) {
			calls.push({ action, podId: pod.id, name: pod.name });
			return true;
		},
		async lessonCommand(args: readonly string[]) {
			calls.push({ action: 'lesson-command', args });
			return { ok: true, answer: '' };
		},
		lessonClient(args: readonly string[]) {
			calls.push({ action: 'lesson-client', args });
			return { pid: undefined, end: () => undefined, ended: Promise.resolve() };
		},
		killConmon(conmon: { pid: number }) {
			calls.push({ action: 'kill-conmon', pid: conmon.pid });
			return true;
		},
	};
	return { actions, calls };
}

export interface AppHarness {
	rendered: Rendered;
	store: AppStore;
	calls: ActionCall[];
	/** How many times the App asked to quit. */
	quits: () => number;
	/** The lessons (L), when asked for: on the same store and fake actions. */
	lessons: LessonController | undefined;
}

/** The image and command the lessons' run step uses in the harness. */
export const LESSON_IMAGE = 'docker.io/library/alpine:3.20';
export const LESSON_COMMAND = ['sleep', 'infinity'] as const;

/**
 * Renders the whole App on a store that starts from `state`, with fake actions and quit.
 * With `size` the terminal is resized to it before the test starts typing; with `lessons`
 * the App gets a LessonController (as `conmon-tui` has one), podman being called `podman`.
 * The details view reads the real /proc (the fixture processes' PIDs are mostly gone there),
 * unless a `reader` (a fake /proc) is handed in. `onCommit` is told of every render React commits.
 */
export async function renderApp(
	state: Partial<AppState>,
	size?: { columns: number; rows: number },
	{ lessons: withLessons = false, reader = procReader(), onCommit }: { lessons?: boolean; reader?: ProcessReader; onCommit?: ProfilerOnRenderCallback } = {},
): Promise<AppHarness> {
	// The fixture's containers count as started by this session, so keys act at once as in a demo;
	// a test of the y/n question passes its own `startedHere` (e.g. {}).
	const startedHere = state.startedHere ?? Object.fromEntries(Object.keys(state.containers ?? {}).map((id) => [id, true as const]));
	const store = createAppStore({ ...state, startedHere });
	const { actions, calls } = fakeActions();
	const lessons = withLessons
		? new LessonController({ store, actions, reader, podmanCommand: ['podman'], image: LESSON_IMAGE, command: LESSON_COMMAND })
		: undefined;
	let quits = 0;
	const app = <App store={store} actions={actions} reader={reader} quit={() => void quits++} {...(lessons ? { lessons } : {})} />;
	// A test that counts the screen's renders gets them from React's Profiler (development builds report to it).
	const rendered = await renderInk(
		onCommit ? (
			<Profiler id="screen" onRender={onCommit}>
				{app}
			</Profiler>
		) : (
			app
		),
	);
	if (size) await resizeTerminal(rendered, size);
	return { rendered, store, calls, quits: () => quits, lessons };
}

/** The App's last line: the footer. */
export function footerLine(rendered: Pick<Rendered, 'lastFrame'>): string {
	return screenLines(rendered).at(-1) ?? '';
}

/** The line above the footer: the status line. */
export function statusLine(rendered: Pick<Rendered, 'lastFrame'>): string {
	return screenLines(rendered).at(-2) ?? '';
}
