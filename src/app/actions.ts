import { type MessageKey, t } from '../messages/i18n.js';
import { type Container, type ContainerAction, isFullContainerId, shortId } from '../model/container.js';
import { type Pod, podKey, podState } from '../model/pod.js';
import { containerActionArgs, podActionArgs, runArgs } from '../podman/commands.js';
import { type Podman, type PodmanClient, PodmanError } from '../podman/podman.js';
import { quoteCommandWords } from '../present/commandWords.js';
import { isDead } from '../proc/parse.js';
import type { ProcessReader } from '../proc/reader.js';
import { keyStatus } from '../state/hostStatus.js';
import { selectWhenListed } from '../state/selection.js';
import { type AppStore, appendLog } from '../state/store.js';

/** `kill -9 PID` (kill(1), not podman): how the orphan lesson's conmon kill is shown, to be copied. */
export function killConmonCommand(pid: number): string[] {
	return ['kill', '-9', String(pid)];
}

/** What the verbs look like on the status line while they run. */
const PROGRESS: Record<ContainerAction | 'run' | 'lesson', MessageKey> = {
	start: 'status.progress.start',
	stop: 'status.progress.stop',
	kill: 'status.progress.kill',
	restart: 'status.progress.restart',
	pause: 'status.progress.pause',
	unpause: 'status.progress.unpause',
	remove: 'status.progress.remove',
	run: 'status.progress.run',
	lesson: 'status.progress.lesson',
};

export interface ActionDeps {
	store: AppStore;
	podman: Podman;
	/** /proc, to make sure a PID about to be killed is still that conmon. */
	reader: ProcessReader;
	/** The containers live on a far host (`--connection`): a PID there is not one of this machine's to kill. */
	remote?: boolean;
	/** Called when podman has been told to change something: watch closely. */
	onChange: (containerIds: readonly string[]) => void;
	image: string;
	command: readonly string[];
}

/**
 * Key actions, one shape for all: refuse a second action on a busy container → mark it
 * busy → run podman (argv, timeout) → show the exact command and podman's own answer.
 */
export function createActions(deps: ActionDeps) {
	const { store, podman } = deps;

	async function execute(
		key: string,
		verb: ContainerAction | 'run' | 'lesson',
		args: readonly string[],
		label: string,
		onSpawn?: (pid: number) => void,
		/** The containers it changes, when `key` is not one (a pod's key): watched closely. */
		affected: readonly string[] = key === 'run' ? [] : [key],
	): Promise<CommandOutcome> {
		if (store.getState().busy[key]) {
			store.setState({ status: keyStatus('info', t('status.alreadyBusy', { label, busy: store.getState().busy[key] ?? '' })) });
			return { ok: false, reason: 'busy' };
		}
		const shown = quoteCommandWords([podman.binary, ...podman.globalArgs, ...args]);
		store.setState((s) => ({ busy: { ...s.busy, [key]: t(PROGRESS[verb]) }, status: keyStatus('working', `$ ${shown}`) }));
		appendLog(store, [
			{ at: Date.now(), tone: 'command', text: `$ ${shown}`, facts: { kind: 'command', command: [podman.binary, ...podman.globalArgs, ...args] } },
		]);
		deps.onChange(affected);
		const started = Date.now();
		try {
			// A stop, rm, run… is left to finish if we exit meanwhile: a half-done one leaves the container stuck.
			const { stdout } = await podman.run(args, onSpawn ? { onSpawn } : {});
			const answer = stdout.trim().split('\n').at(-1) ?? '';
			const took = Date.now() - started;
			// `podman run -d` prints the new container's full ID: this session started it (see AppState.startedHere).
			if (args[0] === 'run' && isFullContainerId(answer)) store.setState((s) => ({ startedHere: { ...s.startedHere, [answer]: true } }));
			store.setState({ status: keyStatus('ok', `✓ $ ${shown}  (${took} ms${answer ? `: ${shortIfId(answer)}` : ''})`) });
			return { ok: true, answer };
		} catch (error) {
			const message = error instanceof PodmanError ? error.message : String(error);
			store.setState({ status: keyStatus('error', `✗ $ ${shown}: ${message}`) });
			appendLog(store, [
				{ at: Date.now(), tone: 'bad', text: `✗ ${message}`, facts: { kind: 'command-failed', command: [podman.binary, ...podman.globalArgs, ...args] } },
			]);
			return { ok: false, reason: 'failed', message };
		} finally {
			store.setState((s) => {
				const { [key]: _done, ...rest } = s.busy;
				return { busy: rest };
			});
			deps.onChange(affected);
		}
	}

	return {
		/** `podman run -d` with the configured image and command; the new container gets the cursor. */
		async run(): Promise<boolean> {
			const outcome = await execute('run', 'run', runArgs(deps.image, deps.command), 'podman run');
			if (outcome.ok && isFullContainerId(outcome.answer)) selectWhenListed(store, outcome.answer);
			return outcome.ok;
		},
		/** Runs an action on a container; pause toggles to unpause on a paused one. */
		async onContainer(action: ContainerAction, container: Container): Promise<boolean> {
			const effective = action === 'pause' && container.state === 'paused' ? 'unpause' : action;
			return (await execute(container.id, effective, containerActionArgs(effective, container), container.name)).ok;
		},
		/**
		 * Runs an action on a whole pod (`podman pod VERB`); pause toggles to unpause on a paused pod.
		 * The pod's row shows it busy; its containers' new conmons come with the next scans.
		 */
		async onPod(action: ContainerAction, pod: Pod): Promise<boolean> {
			const effective = action === 'pause' && podState(pod) === 'paused' ? 'unpause' : action;
			const affected = pod.containers.map((c) => c.id);
			return (await execute(podKey(pod.id), effective, podActionArgs(effective, pod), pod.name, undefined, affected)).ok;
		},
		/**
		 * A lesson step's podman command, shown and logged like any key's. `target` is the container
		 * it acts on (its row shows it busy, and a second command on it is refused), or undefined.
		 */
		async lessonCommand(args: readonly string[], options: { target?: string | undefined; onSpawn?: (pid: number) => void } = {}): Promise<CommandOutcome> {
			const label = options.target === undefined ? t('status.lessonStep') : shortId(options.target);
			return execute(options.target ?? 'lesson', 'lesson', args, label, options.onSpawn);
		},
		/**
		 * A lesson's podman that stays running as a client of conmon (`podman attach`): shown and
		 * logged like any command; the lesson ends it (or its timeout, or our exit does).
		 */
		lessonClient(args: readonly string[]): PodmanClient {
			const command = [podman.binary, ...podman.globalArgs, ...args];
			const shown = quoteCommandWords(command);
			appendLog(store, [{ at: Date.now(), tone: 'command', text: `$ ${shown}`, facts: { kind: 'command', command } }]);
			store.setState({ status: keyStatus('ok', `✓ $ ${shown}`) });
			return podman.client(args, LESSON_CLIENT_TIMEOUT_MS);
		},
		/**
		 * `kill -9 PID` of a conmon, for the orphan lesson (after the learner confirmed): not a
		 * podman command, but shown and logged as one so that it can be copied. The PID is checked
		 * first to still be that conmon (same start time): a PID can be reused.
		 */
		killConmon(conmon: { pid: number; startTicks: number }): boolean {
			const command = killConmonCommand(conmon.pid);
			const shown = `$ ${quoteCommandWords(command)}`;
			appendLog(store, [{ at: Date.now(), tone: 'command', text: shown, facts: { kind: 'command', command } }]);
			let message: string | undefined;
			// One stat read: the same process (start time) and still a conmon (comm).
			const stat = deps.reader.stat(conmon.pid);
			if (deps.remote) message = t('status.killRemote', { pid: conmon.pid });
			else if (!stat || isDead(stat) || stat.startTicks !== conmon.startTicks || stat.comm !== 'conmon')
				message = t('status.killNotThatConmon', { pid: conmon.pid });
			else {
				try {
					process.kill(conmon.pid, 'SIGKILL');
				} catch (error) {
					message = t('status.killFailed', { pid: conmon.pid, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
				}
			}
			if (message === undefined) {
				store.setState({ status: keyStatus('ok', `✓ ${shown}`) });
				deps.onChange([]);
				return true;
			}
			store.setState({ status: keyStatus('error', `✗ ${shown}: ${message}`) });
			appendLog(store, [{ at: Date.now(), tone: 'bad', text: `✗ ${message}`, facts: { kind: 'command-failed', command } }]);
			return false;
		},
	};
}

export type Actions = ReturnType<typeof createActions>;

/** How a command went: podman's last line of output, or why not (a command already running on it, or podman failed). */
/** What a command did: podman's last line, or why it did not (a failure carries podman's own words). */
export type CommandOutcome = { ok: true; answer: string } | { ok: false; reason: 'busy' } | { ok: false; reason: 'failed'; message?: string };

/** A lesson's `podman attach` is ended by the lesson; this bounds it if nothing else does. */
export const LESSON_CLIENT_TIMEOUT_MS = 10 * 60_000;

function shortIfId(text: string): string {
	return isFullContainerId(text) ? shortId(text) : text;
}
