import { Text } from 'ink';
import type React from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { usePodNamespaces } from '../hooks/usePodNamespaces.js';
import { t } from '../src/messages/i18n.js';
import { currentGeneration } from '../src/model/conmonHistory.js';
import { shortId } from '../src/model/container.js';
import type { Pod } from '../src/model/pod.js';
import { containerStatus } from '../src/present/format.js';
import { type BudgetLine, fitLines, overlayFramed } from '../src/present/lineBudget.js';
import { safeText } from '../src/present/safeText.js';
import { shownView } from '../src/state/frozenView.js';
import type { AppStore } from '../src/state/store.js';
import { OverlayBox } from './OverlayBox.js';

/** Enter on a pod: its ID and name, its infra and the namespaces it holds, and every container with its own conmon. */
export function PodDetails({ store, pod, height, now }: { store: AppStore; pod: Pod; height: number; now: number }) {
	const generations = useAppState(store, (s) => shownView(s).history.generations);
	const conmonOf = (id: string) => currentGeneration(generations[id] ?? []);
	const infra = pod.containers.find((c) => c.id === pod.infraId);
	const members = pod.containers.filter((c) => c.id !== pod.infraId);
	const shared = usePodNamespaces(
		infra?.pid,
		members.flatMap((c) => (c.pid === undefined ? [] : [c.pid])),
		now,
	);
	const infraLine = !infra
		? t('setups.pod.noInfra')
		: shared && shared.length > 0
			? t('setups.pod.infra', { id: shortId(infra.id), name: safeText(infra.name), namespaces: shared.join(', ') })
			: t('setups.pod.infraShares', { id: shortId(infra.id), name: safeText(infra.name) });
	const lines: BudgetLine<React.ReactElement>[] = [
		{
			line: (
				<Text key="title" bold wrap="truncate-end">
					{t('setups.pod.title', { name: safeText(pod.name) })}
					{'  '}
					<Text dimColor>{pod.id}</Text>
				</Text>
			),
			priority: 100,
		},
		{
			line: (
				<Text key="infra" wrap="truncate-end">
					{infraLine}
				</Text>
			),
			priority: 80,
		},
		{
			line: (
				<Text key="members" bold wrap="truncate-end">
					{t('setups.pod.members', { count: pod.containers.length })}
				</Text>
			),
			priority: 70,
		},
		...pod.containers.map((c, i) => {
			const params = { name: safeText(c.name), id: shortId(c.id), state: containerStatus(c, now), conmon: conmonOf(c.id)?.pid ?? '—' };
			return {
				line: (
					<Text key={c.id} wrap="truncate-end" {...(c.state === 'running' ? { color: 'green' } : {})}>
						{`  ${t(c.id === pod.infraId ? 'setups.pod.memberInfra' : 'setups.pod.member', params)}`}
					</Text>
				),
				priority: 60 - i / 1000,
			};
		}),
		{
			line: (
				<Text key="close" dimColor wrap="truncate-end">
					{t('setups.pod.closeHint')}
				</Text>
			),
			priority: 90,
		},
	];
	return <OverlayBox height={height}>{fitLines(lines, height - (overlayFramed(height) ? 2 : 0))}</OverlayBox>;
}
