/** Waits before asking `podman info` again after it did not answer, one per failure in a row ... */
export const INFO_RETRY_DELAYS_MS: readonly number[] = [2_000, 5_000, 15_000];
/** ... and after them, this often until it answers. */
export const INFO_RETRY_INTERVAL_MS = 60_000;

/**
 * Asks `podman info` again after it did not answer at start (podman slow, a lock held, a transient
 * error): without it the store is unknown (no provisional rows, every unlisted conmon apart, none
 * counted as another store's) and the events source is chosen blind. Asked with backoff
 * (INFO_RETRY_DELAYS_MS, then every INFO_RETRY_INTERVAL_MS), one question at a time, each with
 * podman's timeout (the watcher's queries have it), until it answers or stop() ends the wait.
 */
export class InfoRetry {
	private timer: NodeJS.Timeout | undefined;
	private failures = 0;
	private stopped = false;

	/**
	 * `ask` runs `podman info` and resolves with its output, or undefined when it did not answer;
	 * `answered` is told the output once it does.
	 */
	constructor(
		private readonly ask: () => Promise<string | undefined>,
		private readonly answered: (infoJson: string) => void,
	) {}

	/** The first question did not answer: starts the wait for the next. */
	start(): void {
		if (this.stopped || this.timer) return;
		this.schedule();
	}

	/** Ends the wait (the question in flight, if any, is ended by the watcher's cancel signal). */
	stop(): void {
		this.stopped = true;
		clearTimeout(this.timer);
	}

	private schedule(): void {
		const delay = INFO_RETRY_DELAYS_MS[this.failures] ?? INFO_RETRY_INTERVAL_MS;
		this.failures++;
		this.timer = setTimeout(() => void this.askAgain(), delay);
	}

	private async askAgain(): Promise<void> {
		const infoJson = await this.ask();
		if (this.stopped) return;
		if (infoJson === undefined) this.schedule();
		else this.answered(infoJson);
	}
}
