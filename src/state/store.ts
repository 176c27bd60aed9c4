import { createStore, type StoreApi } from 'zustand/vanilla';
import { type ConmonHistory, EMPTY_HISTORY } from '../model/conmonHistory.js';
import type { Container, ContainerAction } from '../model/container.js';
import type { RemovedContainer } from '../model/removed.js';
import type { ProcessInfo } from '../proc/parse.js';
import type { RootlessHelper } from '../proc/rootlessHelpers.js';

/** What a log line is about, for `--log` and for tests: the text is for people, this for programs. */
export interface LogFacts {
	kind: 'podman-event' | 'conmon' | 'foreign-conmons' | 'command' | 'command-failed' | 'stream' | 'events-source' | 'watching' | 'lesson';
	/** podman's event status (died, start, ...) or the conmon change (appeared, exited, exec-appeared, exec-exited). */
	status?: string;
	containerId?: string;
	/** For a pod's event: the pod's ID. */
	podId?: string;
	pid?: number;
	exitCode?: number;
	command?: readonly string[];
	/** For kind 'foreign-conmons': how many conmons of containers this podman does not list appeared and exited in one scan. */
	appeared?: number;
	exited?: number;
	/** For kind 'lesson': where in which lesson, for the `--record` transcript. */
	lesson?: LessonFacts;
}

/** A lesson's progress as the log and the transcript record it. */
export interface LessonFacts {
	/** The lesson's name, e.g. `lifecycle`. */
	name: string;
	/** started: the lesson began; step: a step is shown; passed/failed: its check's outcome; finished/left: the end. */
	event: 'started' | 'step' | 'passed' | 'failed' | 'finished' | 'left';
	title?: string;
	/** 1-based, with the number of steps, for step/passed/failed. */
	step?: number;
	steps?: number;
	/** The step's explanation (event 'step'). */
	explanation?: string;
}

/** A destructive action asked about on the status line, waiting for y (any other key: no). */
export interface PendingConfirm {
	action: ContainerAction;
	/** The container's ID, or a pod's key (podKey) for a key pressed on a pod's row. */
	containerId: string;
}

/** One line of the event log pane. */
export interface LogEntry {
	id: number;
	at: number;
	text: string;
	tone: 'info' | 'good' | 'bad' | 'warn' | 'command';
	facts?: LogFacts;
	/**
	 * A full record for `--log`, not drawn: a line of the pane stands for it and others like it
	 * (another store's conmons, counted per scan), so that they do not flood the pane or the `--record` handout.
	 */
	recordOnly?: true;
}

/**
 * Where a status line came from, which decides whether a far host's ssh line stands above it (shownStatus):
 * - host: the watched host said it (its podman failing while watched: events, ps, inspect; its far side);
 * - key: the answer to a key the user pressed (its command running, done or refused, a y/n question):
 *   about that command, not the host (see hostProblem);
 * - program: the program's own (a lesson's word, writing --record or --log).
 */
export type StatusSource = 'host' | 'key' | 'program';

/** The status line: what the last action did, or what went wrong. */
export interface StatusMessage {
	text: string;
	tone: 'info' | 'working' | 'ok' | 'error';
	source: StatusSource;
}

export type Overlay = 'help' | 'details' | 'lessons';

/** Where a running lesson is, as the lesson pane shows it. Texts are already in the session's language. */
export interface LessonProgress {
	name: string;
	title: string;
	/** 0-based index of the step shown, and how many there are. */
	step: number;
	steps: number;
	stepTitle: string;
	explanation: string;
	/**
	 * ready: waiting for the step's key; confirm: waiting for y/n; acting: its command runs;
	 * checking: watching for the expectation; passed/failed: the check's verdict; finished: after the last step.
	 */
	phase: 'ready' | 'confirm' | 'acting' | 'checking' | 'passed' | 'failed' | 'finished';
	/** The step's key and the exact command it runs (undefined: nothing to press, just watch). */
	key: string | undefined;
	command: string | undefined;
	/** While checking: what is seen so far. After: the verdict with the real values. */
	seen: string | undefined;
	outcome: string | undefined;
	/** Escape was pressed: leaving waits for y (the lesson's containers are removed on the way). */
	confirmLeave?: boolean;
}

/** The data the screen draws from: what Space freezes while the store keeps updating. */
export type ViewData = Pick<AppState, 'containers' | 'history' | 'processes' | 'unmonitored' | 'helpers' | 'log' | 'removed'>;

/** The display as it was when Space froze it, and when that was (the screen's clock stops there). */
export interface FrozenView {
	at: number;
	view: ViewData;
}

/** The far host conmon-tui shows (`--connection`), and how its /proc reads go. */
export interface FarSideState {
	/** The header's words: `build · ssh://core@10.0.0.5:22`. */
	label: string;
	/** The last far scan failed at `since`: the tree is the last one known. `text` says what failed and what to try. */
	stale: { since: number; text: string } | undefined;
	/** The far side's /proc cannot be read (or there is no ssh to it): podman's view alone, conmon facts unknown. */
	procUnknown: boolean;
	/** The far podman service's version (`podman version`'s Server); undefined until it answers. podmanVersion is this machine's client. */
	serverVersion?: string | undefined;
}

/** Everything the UI shows. Written by the watcher and the actions, read by components. */
export interface AppState {
	/** False until the first `podman ps` has answered. */
	loaded: boolean;
	podmanVersion: string | undefined;
	/** By full container ID. */
	containers: Readonly<Record<string, Container>>;
	history: ConmonHistory;
	/** `--rm` containers podman has just removed, by ID: shown dim for a minute (see model/removed.ts). */
	removed: Readonly<Record<string, RemovedContainer>>;
	/** podman's events backend (`podman info` host.eventLogger: file, journald, none); undefined until it answers. */
	eventsBackend: string | undefined;
	/** Monitor conmons and the processes below them (and unmonitored containers' processes). */
	processes: readonly ProcessInfo[];
	/** Containers podman says run, whose conmon is gone while their first process (this PID) lives. */
	unmonitored: Readonly<Record<string, number>>;
	log: readonly LogEntry[];
	/** The selected container's full ID: selection follows the container, not the row. */
	selectedId: string | undefined;
	/** A row inside the selected container's branch (→/←), by its key; undefined: the container row itself. */
	focusKey: string | undefined;
	filter: string;
	/** The filter being typed, while the filter prompt is open. */
	filterDraft: string | undefined;
	overlay: Overlay | undefined;
	/** A destructive key waiting for y/n on a container this session did not start (see askFirst). */
	confirm: PendingConfirm | undefined;
	/**
	 * Containers this session started (`r`, a lesson), by the full ID podman's run printed: keys act
	 * on them at once, so a demo stays one key per step. Any other container is someone's work.
	 */
	startedHere: Readonly<Record<string, true>>;
	/** False with `--yes`: destructive keys never ask. */
	askFirst: boolean;
	/** `--read-only`: no key runs a command; the screen only looks. */
	readOnly: boolean;
	status: StatusMessage | undefined;
	/**
	 * What the host's podman failed with when the watch last asked it (`ps`, inspect, its version at
	 * start), until `ps` answers again: a host's heading and `--once` say it (hostProblem). Apart from
	 * the status line, which says whatever came last.
	 */
	podmanFailure: string | undefined;
	/** Actions in flight, by container ID: a second key on the same container is refused. */
	busy: Readonly<Record<string, string>>;
	/** Whether the `podman events` stream is up. */
	eventStream: 'connecting' | 'live' | 'lost';
	/** A container just run with `r`: selected as soon as podman lists it. */
	pendingSelectionId: string | undefined;
	/** Rootless pause processes and network helpers (slirp4netns, pasta, rootlessport). */
	helpers: readonly RootlessHelper[];
	/** conmon-tui's own UID: conmons of other UIDs belong to other users' rootless podman. */
	ownUid: number;
	/** `--all-users`: list other users' rootless conmons in full, not just count them. */
	allUsers: boolean;
	/** User names by UID, from /etc/passwd, for grouping other users' conmons. */
	userNames: Readonly<Record<number, string>>;
	/** When the machine booted (ms since the epoch): turns /proc start times into clock times. */
	bootTimeMs: number | undefined;
	/** Set when podman is a far host's (`--connection`); undefined: this machine's podman and /proc. */
	farSide: FarSideState | undefined;
	/** The guided lesson in progress (`conmon-tui lesson`, or L). */
	lesson: LessonProgress | undefined;
	/** The lesson the menu's cursor is on. */
	/** How many lines the conmon details are scrolled down (↑↓ PgUp PgDn in the details); 0 when they open. */
	detailsScroll: number;
	lessonMenuIndex: number;
	/** Space: the screen holds this view while the data above keeps updating (see frozenView.ts, freeze.ts). */
	frozen: FrozenView | undefined;
}

/** The event log keeps this many lines; older ones are dropped (memory stays bounded). */
export const MAX_LOG_ENTRIES = 500;

export const initialState: AppState = {
	loaded: false,
	podmanVersion: undefined,
	containers: {},
	history: EMPTY_HISTORY,
	removed: {},
	eventsBackend: undefined,
	processes: [],
	unmonitored: {},
	log: [],
	selectedId: undefined,
	focusKey: undefined,
	filter: '',
	filterDraft: undefined,
	overlay: undefined,
	confirm: undefined,
	startedHere: {},
	askFirst: true,
	readOnly: false,
	status: undefined,
	podmanFailure: undefined,
	busy: {},
	eventStream: 'connecting',
	pendingSelectionId: undefined,
	helpers: [],
	ownUid: 0,
	allUsers: false,
	userNames: {},
	bootTimeMs: undefined,
	farSide: undefined,
	lesson: undefined,
	lessonMenuIndex: 0,
	detailsScroll: 0,
	frozen: undefined,
};

export type AppStore = StoreApi<AppState>;

/** Creates the store; tests pass a partial state to start from. */
export function createAppStore(state: Partial<AppState> = {}): AppStore {
	return createStore<AppState>()(() => ({ ...initialState, ...state }));
}

let nextLogId = 1;

/** Who wants every log line as it is added (`--log`), even one the bounded pane drops at once. */
const logListeners = new WeakMap<AppStore, Set<LogListener>>();

/**
 * Whether the pane draws a log entry: a record-only one (recordOnly) is `--log`'s alone, and the
 * pane and the `--record` handout show the line that counts it. The one place this is decided.
 */
export function drawnInPane(entry: Pick<LogEntry, 'recordOnly'>): boolean {
	return entry.recordOnly !== true;
}

/** Who gets the log lines as they are added: every one (`all`), and those the pane draws (`drawn`, drawnInPane). */
export type LogListener = (all: readonly LogEntry[], drawn: readonly LogEntry[]) => void;

/** Calls `listener` with every batch of log lines appended from now on; returns the unsubscribe. */
export function onLogAppended(store: AppStore, listener: LogListener): () => void {
	const listeners = logListeners.get(store) ?? new Set();
	logListeners.set(store, listeners);
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/** Appends lines to the event log, keeping it bounded: the pane's log gets those drawn (drawnInPane), the listeners every one, told which are drawn. */
export function appendLog(store: AppStore, entries: readonly Omit<LogEntry, 'id'>[]): void {
	if (entries.length === 0) return;
	const added = entries.map((entry) => ({ ...entry, id: nextLogId++ }));
	const shown = added.filter(drawnInPane);
	for (const listener of logListeners.get(store) ?? []) listener(added, shown);
	if (shown.length === 0) return;
	// podman's events arrive 70-250 ms late, after /proc showed their effect: order by when
	// things happened (stable for equal times), so a death reads before its conmon's exit.
	store.setState((s) => ({ log: [...s.log, ...shown].sort((a, b) => a.at - b.at).slice(-MAX_LOG_ENTRIES) }));
}
