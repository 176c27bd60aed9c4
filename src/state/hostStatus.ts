// What a host says is wrong, and which of it wins: one precedence for the status line, a host's
// heading on a screen of several hosts, and `--once`. The watchers and the actions only write what
// happened; which line stands is decided here, so a new failure path needs no guard of its own.
import { t } from '../messages/i18n.js';
import type { AppState, StatusMessage } from './store.js';

/** What the precedence reads: the far side's state and the last thing said. */
type HostSaid = Pick<AppState, 'farSide' | 'status'>;

/**
 * What the status line shows. A far host that cannot be reached (its far side marked stale) has
 * its own line — what failed over ssh, the exact command to try by hand — and it stands above
 * every failure said after it: podman there fails because the host is down (its events stream
 * lost at each retry, `ps`, a key's command), and those lines say less; the event log keeps them.
 * What is not a failure (a key's command running or done, a y/n question) shows as it comes.
 */
export function shownStatus(state: HostSaid): StatusMessage | undefined {
	const stale = state.farSide?.stale;
	if (stale === undefined || (state.status !== undefined && state.status.tone !== 'error')) return state.status;
	return state.status?.text === stale.text ? state.status : { tone: 'error', text: stale.text };
}

/**
 * The far /proc cannot be read, and that is all the status says: podman's view stands alone, with
 * conmon facts unknown. Said, but not a failure of the host: `--once` still prints that view.
 */
export function procUnreadableOnly(state: HostSaid): boolean {
	return state.farSide?.procUnknown === true && state.status?.text === t('far.procUnreadable');
}

/**
 * What failed on a host, or undefined: the line under its heading on a screen of several hosts,
 * and `--once`'s error for it (printed instead of its tree, exit 1).
 *
 * The rule, as a user reads a host's red line: "this host is in trouble now". So:
 * - its far side cannot be reached: the ssh line, first (the podman failures that follow say less);
 * - else the last failure the host itself said — its podman not answering, at start or later (a
 *   far service stopped mid-run is as much the host's trouble as one that never answered, and on a
 *   screen of several hosts the heading is the only place a host the cursor is not in can say it).
 *   It goes when the host says something else (the stream back, the far side answering again);
 * - not a key's refused command (`StatusMessage.fromKey`): the status line answers the key, and the
 *   host is no worse for it;
 * - not the unreadable far /proc: podman's view is shown, its conmon facts marked unknown.
 */
export function hostProblem(state: HostSaid): string | undefined {
	const stale = state.farSide?.stale;
	if (stale) return stale.text;
	const status = state.status;
	if (status?.tone !== 'error' || status.fromKey === true || procUnreadableOnly(state)) return undefined;
	return status.text;
}
