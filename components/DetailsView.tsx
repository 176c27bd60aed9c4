import { useAppState } from '../hooks/useAppState.js';
import { useShownRows } from '../hooks/useShownRows.js';
import { focusedRow } from '../src/state/focus.js';
import type { AppStore } from '../src/state/store.js';
import { ConmonDetails } from './ConmonDetails.js';
import { ContainerDetails } from './ContainerDetails.js';
import { PodDetails } from './PodDetails.js';
import { ProcessDetails } from './ProcessDetails.js';

/** Enter: the details of the row under the cursor — a pod, a container, a conmon, or a process. Only shows; keys act as always. */
export function DetailsView({ store, height, now, width = 100 }: { store: AppStore; height: number; now: number; width?: number }) {
	const rows = useShownRows(store, now);
	const cursor = useAppState(store, (s) => ({ focusKey: s.focusKey, selectedId: s.selectedId }));
	const row = focusedRow(cursor, rows);
	switch (row?.kind) {
		case 'conmon':
		case 'exec':
		case 'foreign':
			return <ConmonDetails store={store} row={row} height={height} now={now} width={width} />;
		case 'process':
			return <ProcessDetails store={store} process={row.process} height={height} now={now} />;
		case 'helper':
			return <ProcessDetails store={store} process={row.helper.process} helper={row.helper} height={height} now={now} />;
		case 'pod':
			return <PodDetails store={store} pod={row.pod} height={height} now={now} />;
		default:
			return <ContainerDetails store={store} height={height} now={now} width={width} />;
	}
}
