import { shortId, type Container } from './container.js';
import { t, type MessageKey } from './i18n.js';
import { PodmanError, type Podman } from './podman.js';
import { appendLog, selectWhenListed, type AppStore } from './store.js';

/** What a key can do to a container. */
export type ContainerAction = 'start' | 'stop' | 'kill' | 'restart' | 'pause' | 'unpause' | 'remove';

/** The podman arguments for an action. The short ID is what people type; podman refuses an ambiguous one. */
export function containerActionArgs(action: ContainerAction, container: Pick<Container, 'id' | 'state'>): string[] {
	const id = shortId(container.id);
	switch (action) {
		case 'remove':
			// A running container cannot be removed without -f; the user has already confirmed.
			return container.state === 'running' || container.state === 'paused' ? ['rm', '-f', id] : ['rm', id];
		default:
			return [action, id];
	}
}

/** `podman run -d IMAGE COMMAND...`: the image and command stay separate argv elements, never a shell line. */
export function runArgs(image: string, command: readonly string[]): string[] {
	return ['run', '-d', image, ...command];
}

/** What the verbs look like on the status line while they run. */
const PROGRESS: Record<ContainerAction | 'run' | 'lesson', MessageKey> = {
	start: 'status.progress.start', stop: 'status.progress.stop', kill: 'status.progress.kill', restart: 'status.progress.restart',
	pause: 'status.progress.pause', unpause: 'status.progress.unpause', remove: 'status.progress.remove', run: 'status.progress.run',
	lesson: 'status.progress.lesson',
};

/** Quotes an argv element for display only, so a shown command can be pasted into a shell. */
export function shellQuote(arg: string): string {
	return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** The command as a person would type it. */
export function displayCommand(command: readonly string[]): string {
	return command.map(shellQuote).join(' ');
}

export interface ActionDeps {
	store: AppStore;
	podman: Podman;
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
	): Promise<string | undefined> {
		if (store.getState().busy[key]) {
			store.setState({ status: { tone: 'info', text: t('status.alreadyBusy', { label, busy: store.getState().busy[key] ?? '' }) } });
			return undefined;
		}
		const shown = displayCommand([podman.binary, ...args]);
		store.setState((s) => ({ busy: { ...s.busy, [key]: t(PROGRESS[verb]) }, status: { tone: 'working', text: `$ ${shown}` } }));
		appendLog(store, [{ at: Date.now(), tone: 'command', text: `$ ${shown}`, facts: { kind: 'command', command: [podman.binary, ...args] } }]);
		deps.onChange(key === 'run' ? [] : [key]);
		const started = Date.now();
		try {
			const { stdout } = await podman.run(args, onSpawn ? { onSpawn } : {});
			const answer = stdout.trim().split('\n').at(-1) ?? '';
			const took = Date.now() - started;
			store.setState({ status: { tone: 'ok', text: `✓ $ ${shown}  (${took} ms${answer ? `: ${shortIfId(answer)}` : ''})` } });
			return answer;
		} catch (error) {
			const message = error instanceof PodmanError ? error.message : String(error);
			store.setState({ status: { tone: 'error', text: `✗ $ ${shown}: ${message}` } });
			appendLog(store, [{ at: Date.now(), tone: 'bad', text: `✗ ${message}`, facts: { kind: 'command-failed', command: [podman.binary, ...args] } }]);
			return undefined;
		} finally {
			store.setState((s) => {
				const { [key]: _done, ...rest } = s.busy;
				return { busy: rest };
			});
			deps.onChange(key === 'run' ? [] : [key]);
		}
	}

	return {
		/** `podman run -d` with the configured image and command; the new container gets the cursor. */
		async run(): Promise<boolean> {
			const id = await execute('run', 'run', runArgs(deps.image, deps.command), 'podman run');
			if (id && /^[0-9a-f]{64}$/.test(id)) selectWhenListed(store, id);
			return id !== undefined;
		},
		/** Runs an action on a container; pause toggles to unpause on a paused one. */
		async onContainer(action: ContainerAction, container: Container): Promise<boolean> {
			const effective = action === 'pause' && container.state === 'paused' ? 'unpause' : action;
			return (await execute(container.id, effective, containerActionArgs(effective, container), container.name)) !== undefined;
		},
		/**
		 * A lesson step's podman command, shown and logged like any key's; resolves with podman's
		 * last line of output, or undefined when it failed (the status line has podman's error).
		 */
		async lessonCommand(args: readonly string[], onSpawn?: (pid: number) => void): Promise<string | undefined> {
			return execute('lesson', 'lesson', args, t('status.lessonStep'), onSpawn);
		},
		/**
		 * `kill -9 PID` of a conmon, for the orphan lesson (after the learner confirmed): not a
		 * podman command, but shown and logged as one so that it can be copied.
		 */
		killConmon(pid: number): boolean {
			const command = ['kill', '-9', String(pid)];
			appendLog(store, [{ at: Date.now(), tone: 'command', text: `$ ${displayCommand(command)}`, facts: { kind: 'command', command } }]);
			try {
				process.kill(pid, 'SIGKILL');
				store.setState({ status: { tone: 'ok', text: `✓ $ ${displayCommand(command)}` } });
				deps.onChange([]);
				return true;
			} catch (error) {
				const message = error instanceof Error ? error.message : String(error);
				store.setState({ status: { tone: 'error', text: `✗ $ ${displayCommand(command)}: ${message}` } });
				appendLog(store, [{ at: Date.now(), tone: 'bad', text: `✗ ${message}`, facts: { kind: 'command-failed', command } }]);
				return false;
			}
		},
	};
}

export type Actions = ReturnType<typeof createActions>;

function shortIfId(text: string): string {
	return /^[0-9a-f]{64}$/.test(text) ? shortId(text) : text;
}
