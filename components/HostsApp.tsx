import { useEffect, useMemo, useState } from 'react';
import type { Host } from '../src/app/host.js';
import { crossHosts, type HostCross, shareScreenState } from '../src/state/hosts.js';
import { type SelectionMove, visibleKeys } from '../src/state/selection.js';
import { App } from './App.js';

/** One host of a screen of several: its store, and the actions and /proc reader that act on it. */
export type ScreenHost = Pick<Host, 'name' | 'store' | 'actions' | 'reader'>;

/**
 * The screen of several hosts (`--connection a --connection b`): one App whose store, actions and
 * reader are those of the host the cursor is in, so every key (and its y/n question) runs that
 * host's podman; the tree and the event log show every host.
 */
export function HostsApp({ hosts, quit, renderFault }: { hosts: readonly ScreenHost[]; quit: () => void; renderFault?: Error }) {
	const [active, setActive] = useState(0);
	const stores = useMemo(() => hosts.map((h) => h.store), [hosts]);
	// The filter and Space are the whole screen's: every host's store follows the active one.
	useEffect(() => shareScreenState(stores), [stores]);
	// The cursor's host has no row (none yet, all gone, all filtered out): the first host that has one takes it.
	useEffect(() => {
		let moving = false;
		const check = (): void => {
			const current = stores[active];
			if (moving || !current || visibleKeys(current.getState()).length > 0) return;
			moving = true;
			try {
				const next = crossHosts(stores, active, 'first');
				if (next === undefined || next === active) return;
				// A y/n question of the host left would come back when the cursor does: it is no.
				if (current.getState().confirm !== undefined) current.setState({ confirm: undefined });
				setActive(next);
			} finally {
				moving = false;
			}
		};
		check();
		const unsubscribes = stores.map((store) => store.subscribe(check));
		return () => {
			for (const unsubscribe of unsubscribes) unsubscribe();
		};
	}, [stores, active]);
	const cross = (move: SelectionMove): HostCross => {
		const next = crossHosts(stores, active, move);
		if (next === undefined) return undefined;
		if (next === active) return 'same-host';
		setActive(next);
		return 'other-host';
	};
	const host = hosts[active] ?? hosts[0];
	if (!host) return null;
	return (
		<App
			store={host.store}
			actions={host.actions}
			reader={host.reader}
			quit={quit}
			hosts={{ hosts, active, cross }}
			{...(renderFault ? { renderFault } : {})}
		/>
	);
}
