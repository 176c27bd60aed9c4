import { t } from '../messages/i18n.js';
import type { ProcessInfo } from '../proc/parse.js';
import type { FarProcesses } from '../proc/reader.js';
import { type AppStore, appendLog } from '../state/store.js';
import type { ScanDepth } from './scanPacing.js';

/** A failed far scan as FarSession reports it: what failed and the command to try by hand. */
interface FarFailureLike {
	failure: string;
	detail: string;
	tryCommand: readonly string[];
}

function isFarFailure(error: unknown): error is FarFailureLike {
	return typeof error === 'object' && error !== null && 'failure' in error && 'tryCommand' in error;
}

/**
 * The far side's scans for the watcher: one round trip at a time (a scan asked for meanwhile runs
 * once the answer is in), folded when the answer comes. A failure keeps the last tree, marks it
 * stale and says once what failed and what to try; the session itself reconnects with backoff on
 * the next scans, and the stale mark goes when a scan answers again.
 */
export class FarWatch {
	private inFlight: Promise<void> | undefined;
	private again: ScanDepth | undefined;
	private stopped = false;
	private saidUnreadable = false;

	constructor(
		private readonly far: FarProcesses,
		private readonly store: AppStore,
		private readonly fold: (all: ProcessInfo[], depth: ScanDepth) => void,
	) {}

	/** Scans now, or right after the scan in flight. Resolves when this scan's answer is folded (or failed). */
	scan(depth: ScanDepth): Promise<void> {
		if (this.inFlight) {
			this.again = this.again === 'full' ? 'full' : depth;
			return this.inFlight;
		}
		this.inFlight = this.once(depth).finally(() => {
			this.inFlight = undefined;
			const next = this.again;
			this.again = undefined;
			if (next && !this.stopped) void this.scan(next);
		});
		return this.inFlight;
	}

	/** When the far host booted, from the last answer. */
	bootTimeMs(): number | undefined {
		return this.far.bootTimeMs;
	}

	stop(): void {
		this.stopped = true;
		this.far.close();
	}

	private async once(depth: ScanDepth): Promise<void> {
		let result: ProcessInfo[] | 'unreadable';
		try {
			result = await this.far.scan();
		} catch (error) {
			if (!this.stopped) this.failed(error);
			return;
		}
		if (this.stopped) return;
		// An answer, even "/proc cannot be read", is the far side back: the ssh session works.
		if (this.store.getState().farSide?.stale) this.back();
		const farSide = this.store.getState().farSide;
		if (result === 'unreadable') {
			if (!this.saidUnreadable) {
				this.saidUnreadable = true;
				const text = t('far.procUnreadable');
				appendLog(this.store, [{ at: Date.now(), tone: 'warn', text }]);
				this.store.setState({ status: { tone: 'error', text, source: 'host' } });
			}
			if (farSide && !farSide.procUnknown) this.store.setState({ farSide: { ...farSide, procUnknown: true } });
			return;
		}
		const farUid = this.far.farUid;
		if (farUid !== undefined && this.store.getState().ownUid !== farUid) this.store.setState({ ownUid: farUid });
		if (farSide?.procUnknown) this.store.setState({ farSide: { ...farSide, procUnknown: false } });
		this.fold(result, depth);
	}

	/** The far side answers again after a failure: the stale mark goes, and that is said once. */
	private back(): void {
		const farSide = this.store.getState().farSide;
		if (!farSide) return;
		appendLog(this.store, [{ at: Date.now(), tone: 'good', text: t('far.back') }]);
		this.store.setState({ farSide: { ...farSide, stale: undefined }, status: { tone: 'ok', text: t('far.back'), source: 'host' } });
	}

	private failed(error: unknown): void {
		const farSide = this.store.getState().farSide;
		if (!farSide || farSide.stale) return;
		const text = isFarFailure(error)
			? t(`far.failure.${error.failure}` as 'far.failure.dropped', { detail: error.detail, command: error.tryCommand.join(' ') })
			: t('far.failure.dropped', { detail: String(error), command: '' });
		appendLog(this.store, [{ at: Date.now(), tone: 'bad', text }]);
		this.store.setState({ farSide: { ...farSide, stale: { since: Date.now(), text } }, status: { tone: 'error', text, source: 'host' } });
	}
}
