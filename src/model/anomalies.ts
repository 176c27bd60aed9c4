import { t } from '../messages/i18n.js';
import { type ConmonGeneration, currentGeneration } from './conmonHistory.js';
import { type Container, expectsConmon } from './container.js';

/** A disagreement between podman's view of a container and what /proc shows. */
export interface Disagreement {
	kind: 'stale-conmon-pid' | 'container-without-conmon' | 'two-conmons';
	text: string;
}

/**
 * Where podman and /proc disagree about a container: the ConmonPid podman believes is not the
 * live conmon; podman says it runs but no conmon watches it; two main conmons at once (outside
 * an exec, which has its own). Empty when they agree.
 *
 * Two at once is normal while the old one runs its exit command: with a restart policy, podman's
 * cleanup starts the new conmon before the old one exits (seen here ~55 ms of overlap). So conmons
 * in `runningExitCommand` are not counted.
 */
export function containerDisagreements(
	container: Container,
	generations: readonly ConmonGeneration[] | undefined,
	unmonitoredPid: number | undefined,
	runningExitCommand: ReadonlySet<number> = new Set(),
): Disagreement[] {
	const found: Disagreement[] = [];
	const live = (generations ?? []).filter((g) => g.exitedAt === undefined);
	const current = currentGeneration(generations);
	if (container.podmanConmonPid !== undefined && current?.pid !== container.podmanConmonPid && !live.some((g) => g.pid === container.podmanConmonPid)) {
		const pid = container.podmanConmonPid;
		found.push({
			kind: 'stale-conmon-pid',
			text: current ? t('anomaly.staleConmonPidLive', { pid, live: current.pid }) : t('anomaly.staleConmonPid', { pid }),
		});
	}
	if ((expectsConmon(container) && live.length === 0) || unmonitoredPid !== undefined) {
		found.push({
			kind: 'container-without-conmon',
			text:
				unmonitoredPid === undefined
					? t('anomaly.noConmon', { state: container.state })
					: t('anomaly.noConmonPid', { state: container.state, pid: unmonitoredPid }),
		});
	}
	const watching = live.filter((g) => !runningExitCommand.has(g.pid));
	if (watching.length > 1) {
		found.push({ kind: 'two-conmons', text: t('anomaly.twoConmons', { count: watching.length, pids: watching.map((g) => g.pid).join(', ') }) });
	}
	return found;
}
