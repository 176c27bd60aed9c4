// What a host says is wrong, and which of it wins: one precedence for the status line, a host's
// heading on a screen of several hosts, and `--once`. The watchers and the actions only write what
// happened; which line stands is decided here, so a new failure path needs no guard of its own.
import { t } from '../messages/i18n.js';
import type { AppState, StatusMessage } from './store.js';

/** What hostProblem reads: the far side's state and the podman failure standing. */
type HostSaid = Pick<AppState, 'farSide' | 'podmanFailure'>;

/**
 * What the status line shows. A far host that cannot be reached (its far side marked stale) has
 * its own line — what failed over ssh, the exact command to try by hand — and it stands above the
 * podman failures that follow from it: podman there fails because the host is down (its events
 * stream lost at each retry, `ps`, a key's command), and those lines say less; the event log keeps
 * them. Anything else shows as it comes: what is not a failure (a key's command running or done,
 * a y/n question), and the program's own failures (writing --record or --log, a lesson refused).
 */
export function shownStatus(state: Pick<AppState, 'farSide' | 'status'>): StatusMessage | undefined {
	const stale = state.farSide?.stale;
	const status = state.status;
	if (stale === undefined) return status;
	const followsFromDown = status === undefined || (status.tone === 'error' && status.source !== 'program');
	if (!followsFromDown || status?.text === stale.text) return status;
	return { tone: 'error', text: stale.text, source: 'host' };
}

/** The host's podman failed while watched: said on the status line, and standing as the host's problem until `ps` answers. */
export function podmanFailed(text: string): Pick<AppState, 'status' | 'podmanFailure'> {
	return { status: { tone: 'error', text, source: 'host' }, podmanFailure: text };
}

/**
 * The answer to a key the user pressed (its command running, done or refused, a y/n question) for
 * the status line: about that command, not the host (StatusSource `key`).
 */
export function keyStatus(tone: StatusMessage['tone'], text: string): StatusMessage {
	return { tone, text, source: 'key' };
}

/**
 * The far /proc cannot be read, and that is all the status says: podman's view stands alone, with
 * conmon facts unknown. Said, but not a failure of the host: `--once` still prints that view.
 */
export function procUnreadableOnly(state: Pick<AppState, 'farSide' | 'status'>): boolean {
	return state.farSide?.procUnknown === true && state.status?.text === t('far.procUnreadable');
}

/**
 * What failed on a host, or undefined: the line under its heading on a screen of several hosts,
 * and `--once`'s error for it (printed instead of its tree, exit 1).
 *
 * The rule, as a user reads a host's red line: "this host is in trouble now". So:
 * - its far side cannot be reached: the ssh line, first (the podman failures that follow say less);
 * - else its podman's last failure while watched (podmanFailed), at start or later, until `ps`
 *   answers again: a far service stopped mid-run is as much the host's trouble as one that never
 *   answered, and on a screen of several hosts the heading is the only place a host the cursor is
 *   not in can say it;
 * - never what the status line says for other reasons: a key's refused command answers the key,
 *   the unreadable far /proc leaves podman's view shown, a lesson refused is about the lesson.
 */
export function hostProblem(state: HostSaid): string | undefined {
	return state.farSide?.stale?.text ?? state.podmanFailure;
}
