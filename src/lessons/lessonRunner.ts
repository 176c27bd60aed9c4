import { type Actions, type CommandOutcome, killConmonCommand } from '../app/actions.js';
import { t } from '../messages/i18n.js';
import { quoteCommandWords } from '../present/commandWords.js';
import type { ProcessReader } from '../proc/reader.js';
import { selectWhenListed } from '../state/selection.js';
import { type AppStore, appendLog, type LessonFacts, type LessonProgress, type LogEntry } from '../state/store.js';
import type { CommandAnswer, Lesson, LessonCommand, LessonContext, LessonStep } from './lesson.js';
import { applyCheck, closeOpened, learnFromAnswer, leftoverPods, leftovers, markRemoved, newRunState, type RunState, remember } from './runState.js';

/** How often a step's check looks again while it waits (it also looks on every store change). */
export const CHECK_INTERVAL_MS = 250;

/** The parts of the program a lesson drives: the store it reports to and the actions that run commands. */
export interface LessonDeps {
	store: AppStore;
	actions: Pick<Actions, 'lessonCommand' | 'lessonClient' | 'killConmon'>;
	/** /proc, for the checks that look beyond the watcher's scan. */
	reader: ProcessReader;
	/** How podman is called, for showing commands exactly as they run: its binary and global options (`podman --connection far`). */
	podmanCommand: readonly string[];
	image: string;
	command: readonly string[];
}

/**
 * Runs one lesson: shows a step, runs its command when its key is pressed, then watches the
 * store until the step's expectation is met or its time is up, and reports either with the
 * real values. The learner can go on, step back, repeat a step or leave at any time.
 */
export class LessonRunner<M extends object = object> {
	private readonly run: RunState<M>;
	private index = 0;
	/** Changes with every step shown: an answer that arrives after the learner moved on is not a verdict. */
	private token = 0;
	private stopChecking: (() => void) | undefined;
	/** The step's command while it runs: leaving does not wait for it, but the clean-up must know what it made. */
	private running: Promise<void> | undefined;
	/** The step's podman that stays (`podman attach`): ended when the step is left, the lesson left, or we quit. */
	private client: { end(): void } | undefined;

	constructor(
		readonly lesson: Lesson<M>,
		private readonly deps: LessonDeps,
		containerName: string,
	) {
		this.run = newRunState<M>(containerName, deps);
	}

	/** What the lesson knows now: its container, what its steps remembered. */
	get context(): LessonContext<M> {
		return this.run;
	}

	/** Containers of the lesson seen removed (by its clean-up, or by the controller on leaving): nothing is left to do for them. */
	markRemoved(ids: readonly string[]): void {
		markRemoved(this.run, ids);
	}

	/** Shows the first step. */
	start(): void {
		this.log('info', `▶ ${t(this.lesson.title)}`, { event: 'started', title: t(this.lesson.title) });
		this.show(0);
	}

	/** The step's key: runs its command (after y/n when it asks). Pressing it again repeats the step. */
	act(): void {
		const progress = this.progress();
		const action = this.step().action;
		if (!action || !progress || progress.phase === 'acting' || progress.phase === 'finished') return;
		const command = action.command(this.context, this.deps.store.getState());
		if (!command) {
			this.status(t('lesson.cannotActYet', { why: this.describeWait() }));
			return;
		}
		if (action.confirm && progress.phase !== 'confirm') {
			this.update({ phase: 'confirm' });
			return;
		}
		const running = this.perform(command)
			.catch((error: unknown) => this.fail(error instanceof Error ? error.message : String(error)))
			.finally(() => {
				if (this.running === running) this.running = undefined;
			});
		this.running = running;
	}

	/** The answer to a step's y/n question: y runs the command, anything else takes the question back. */
	confirm(yes: boolean): void {
		if (this.progress()?.phase !== 'confirm') return;
		if (yes) this.act();
		else this.update({ phase: 'ready' });
	}

	/** Goes on to the next step, whatever the verdict (a failed step need not block the lesson); after the last, finishes. */
	next(): void {
		const phase = this.progress()?.phase;
		if (phase === 'acting' || phase === 'finished') return;
		if (this.index + 1 < this.lesson.steps.length) this.show(this.index + 1);
		else this.finish();
	}

	/** Back to the previous step, to look at it again or repeat it. */
	back(): void {
		if (this.progress()?.phase === 'acting') return;
		this.show(Math.max(0, this.index - 1));
	}

	/** Shows the current step afresh: its key can be pressed again, or its check runs again. */
	repeat(): void {
		if (this.progress()?.phase === 'acting') return;
		this.show(this.index);
	}

	/** Ends the lesson early or after the last step; the containers it made are listed by `leftovers`. */
	leave(): void {
		this.stop();
		this.leaveStep();
		if (this.progress()?.phase !== 'finished') {
			const title = t(this.lesson.title);
			this.log('warn', t('lesson.left', { title }), { event: 'left', title, step: this.index + 1, steps: this.lesson.steps.length });
		}
		this.deps.store.setState({ lesson: undefined });
	}

	/** Containers this lesson made and has not seen removed: one just made may not be listed yet, and must not be left behind. */
	leftovers(): string[] {
		return leftovers(this.run);
	}

	/** Pods this lesson made and has not seen removed: `podman pod rm` removes them with every container in them. */
	leftoverPods(): string[] {
		return leftoverPods(this.run);
	}

	/** The command still running, if any: it resolves once what the command made is in `context.created`. */
	commandInFlight(): Promise<void> | undefined {
		return this.running;
	}

	/** Stops watching: no timer or subscription is left behind. */
	stop(): void {
		this.token++;
		this.stopChecking?.();
		this.stopChecking = undefined;
	}

	private step(): LessonStep<M> {
		const step = this.lesson.steps[this.index];
		if (!step) throw new Error(`lesson ${this.lesson.name} has no step ${this.index}`);
		return step;
	}

	private progress(): LessonProgress | undefined {
		return this.deps.store.getState().lesson;
	}

	private update(patch: Partial<LessonProgress>): void {
		const current = this.progress();
		if (current) this.deps.store.setState({ lesson: { ...current, ...patch } });
	}

	/** Ends what the step shown kept running or open: its podman client, its watch. */
	private leaveStep(): void {
		this.client?.end();
		this.client = undefined;
		closeOpened(this.run);
	}

	private show(index: number): void {
		this.stop();
		this.leaveStep();
		this.index = index;
		const step = this.step();
		const state = this.deps.store.getState();
		const command = step.action?.command(this.context, state);
		this.deps.store.setState({
			lesson: {
				name: this.lesson.name,
				title: t(this.lesson.title),
				step: index,
				steps: this.lesson.steps.length,
				stepTitle: t(step.title, step.params),
				explanation: t(step.explanation, step.params),
				phase: step.action ? 'ready' : 'checking',
				key: step.action?.key,
				command: command ? this.shown(command) : undefined,
				seen: undefined,
				outcome: undefined,
			},
		});
		this.log('info', t('lesson.stepHeading', { step: index + 1, steps: this.lesson.steps.length, title: t(step.title, step.params) }), {
			event: 'step',
			title: t(step.title, step.params),
			step: index + 1,
			steps: this.lesson.steps.length,
			explanation: t(step.explanation, step.params),
		});
		this.run.opened = step.open?.(this.context, state);
		if (step.action) this.followCommand(step.action);
		else {
			this.begin(step);
			this.watch();
		}
	}

	/** Keeps the shown command current while the step waits for its key (the conmon to kill may appear only now). */
	private followCommand(action: NonNullable<LessonStep<M>['action']>): void {
		const token = this.token;
		const refresh = (): void => {
			if (token !== this.token) return;
			const command = action.command(this.context, this.deps.store.getState());
			const shown = command ? this.shown(command) : undefined;
			if (shown !== this.progress()?.command) this.update({ command: shown });
		};
		this.stopChecking = this.deps.store.subscribe(refresh);
	}

	private async perform(command: LessonCommand): Promise<void> {
		const step = this.step();
		const token = ++this.token;
		this.stopChecking?.();
		this.begin(step);
		this.update({ phase: 'acting', command: this.shown(command), seen: undefined, outcome: undefined });
		// A watch for what the command makes (conmon's exit file) must be in place before it runs; a step
		// shown before what it watches was known (no conmon yet) opens it now.
		this.run.opened ??= step.open?.(this.context, this.deps.store.getState());
		if (this.run.opened) {
			await this.run.opened.ready;
			if (token !== this.token) return;
		}
		let outcome: CommandOutcome;
		let podmanPid: number | undefined;
		if ('podman' in command) {
			outcome = await this.deps.actions.lessonCommand(command.podman, { target: this.run.containerId, onSpawn: (pid) => (podmanPid = pid) });
		} else if ('podmanClient' in command) {
			// Pressed again: the earlier client goes first, so that only one is connected.
			this.client?.end();
			const client = this.deps.actions.lessonClient(command.podmanClient);
			this.client = client;
			podmanPid = client.pid;
			outcome = client.pid === undefined ? { ok: false, reason: 'failed' } : { ok: true, answer: '' };
		} else {
			outcome = this.deps.actions.killConmon(command.killConmon) ? { ok: true, answer: '' } : { ok: false, reason: 'failed' };
		}
		// What the command made is the lesson's even when the learner has moved on meanwhile: the clean-up must know it.
		if (outcome.ok) this.learn(step.action?.after?.(this.context, outcome.answer, podmanPid));
		if (token !== this.token) return;
		if (!outcome.ok && outcome.reason === 'busy') {
			// Nothing ran (the status line says what is still running): the key can be pressed again.
			this.update({ phase: 'ready' });
			if (step.action) this.followCommand(step.action);
			return;
		}
		if (!outcome.ok) {
			// A refusal the step expects (podman logs of a container that keeps no log) is its answer.
			const afterFailure = step.action?.afterFailure;
			if (!afterFailure) {
				this.fail(t('lesson.commandFailed'));
				return;
			}
			this.learn(afterFailure(this.context, outcome.message ?? ''));
		}
		this.watch();
	}

	/** Just before a step's command (or when an action-less step is shown): what to remember. */
	private begin(step: LessonStep<M>): void {
		remember(this.run, step.begin?.(this.context, this.deps.store.getState(), Date.now()));
	}

	/** Checks the step now, on every store change and every CHECK_INTERVAL_MS, until met or the step's time is up. */
	private watch(): void {
		const step = this.step();
		const token = this.token;
		const deadline = Date.now() + step.timeoutMs;
		let checking = false;
		const evaluate = (): void => {
			// The check's own store updates would call it again from inside itself.
			if (checking || token !== this.token) return;
			checking = true;
			try {
				const now = Date.now();
				const looked = step.check(this.context, this.deps.store.getState(), now);
				applyCheck(this.run, looked);
				const result = looked.verdict;
				if (result.met) this.pass(result.text);
				else if (now >= deadline) this.fail(t('lesson.expectedSeen', { expected: t(step.expectation, step.params), seen: result.seen }));
				else if (this.progress()?.seen !== result.seen || this.progress()?.phase !== 'checking') this.update({ phase: 'checking', seen: result.seen });
			} finally {
				checking = false;
			}
		};
		const unsubscribe = this.deps.store.subscribe(evaluate);
		const timer = setInterval(evaluate, CHECK_INTERVAL_MS);
		this.stopChecking = () => {
			unsubscribe();
			clearInterval(timer);
		};
		evaluate();
	}

	private pass(text: string): void {
		this.stop();
		this.update({ phase: 'passed', outcome: text, seen: undefined });
		this.log('good', `✓ ${text}`, this.stepFacts('passed'));
	}

	private fail(text: string): void {
		this.stop();
		this.update({ phase: 'failed', outcome: text, seen: undefined });
		this.log('bad', `✗ ${text}`, this.stepFacts('failed'));
	}

	private finish(): void {
		this.stop();
		this.update({ phase: 'finished', outcome: undefined, seen: undefined, key: undefined, command: undefined });
		this.log('good', t('lesson.finished', { title: t(this.lesson.title) }), { event: 'finished', title: t(this.lesson.title) });
	}

	private stepFacts(event: 'passed' | 'failed'): Omit<LessonFacts, 'name'> {
		return { event, title: t(this.step().title), step: this.index + 1, steps: this.lesson.steps.length };
	}

	/** Why a step's command cannot run yet: what its check sees (the lesson's container not made yet, most often). */
	private describeWait(): string {
		const result = this.step().check(this.context, this.deps.store.getState(), Date.now()).verdict;
		return result.met ? t('lesson.seen.noContainer') : result.seen;
	}

	/** What a command's answer taught; the container it made gets the cursor once listed. */
	private learn(answer: CommandAnswer<M> | undefined): void {
		const made = learnFromAnswer(this.run, answer);
		if (made !== undefined) selectWhenListed(this.deps.store, made);
	}

	private shown(command: LessonCommand): string {
		if ('podman' in command || 'podmanClient' in command) {
			return quoteCommandWords([...this.deps.podmanCommand, ...('podman' in command ? command.podman : command.podmanClient)]);
		}
		return quoteCommandWords(killConmonCommand(command.killConmon.pid));
	}

	private status(text: string): void {
		this.deps.store.setState({ status: { tone: 'info', text, source: 'program' } });
	}

	private log(tone: LogEntry['tone'], text: string, facts: Omit<LessonFacts, 'name'>): void {
		appendLog(this.deps.store, [{ at: Date.now(), tone, text, facts: { kind: 'lesson', lesson: { name: this.lesson.name, ...facts } } }]);
	}
}
