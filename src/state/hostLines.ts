// The lines of a screen of several hosts: each host's heading, what is wrong with it (if
// anything), then its tree. Pure: HostsTree draws these, the tests read them.
import { currentGeneration } from '../model/conmonHistory.js';
import type { TreeRow } from '../model/tree.js';
import { branchEnd, scrollOffset } from '../present/scrollOffset.js';
import { focusedRow } from './focus.js';
import { shownView } from './frozenView.js';
import { hostProblem } from './hostStatus.js';
import type { AppState } from './store.js';

/** What a host's heading says, read from its store. */
export interface HostHeadingFacts {
	/** The header's words for one host: `build · ssh://core@10.0.0.5:22`. */
	label: string;
	staleSince: number | undefined;
	/** What failed on the host and what to try by hand (hostProblem): the stale mark's line, or its podman's failure. */
	problem: string | undefined;
	procUnknown: boolean;
	loaded: boolean;
	stream: AppState['eventStream'];
	containers: number;
	running: number;
	conmons: number;
	selectedId: string | undefined;
	focusKey: string | undefined;
}

/** A host's heading facts (a selector: only plain values, for a shallow comparison). */
export function hostHeadingFacts(state: AppState, name: string): HostHeadingFacts {
	const view = shownView(state);
	const containers = Object.values(view.containers);
	return {
		label: state.farSide?.label ?? name,
		staleSince: state.farSide?.stale?.since,
		problem: hostProblem(state),
		procUnknown: state.farSide?.procUnknown ?? false,
		loaded: state.loaded,
		stream: state.eventStream,
		containers: containers.length,
		running: containers.filter((c) => c.state === 'running').length,
		conmons: Object.entries(view.history.generations).filter(([id, g]) => view.containers[id] && currentGeneration(g)).length,
		selectedId: state.selectedId,
		focusKey: state.focusKey,
	};
}

/** One line of the screen of several hosts. `host` is the host's index; `key` is unique on the screen. */
export type HostLine = { host: number; key: string } & (
	| { kind: 'heading'; facts: HostHeadingFacts }
	| { kind: 'problem'; text: string }
	/** No rows: still loading, nothing matches the filter, or no containers. */
	| { kind: 'empty'; loaded: boolean }
	| { kind: 'row'; row: TreeRow; cursor: boolean }
);

/** Every host's heading, its problem line, and its rows (or a line saying there are none); the cursor only in the active host. */
export function hostLines(hosts: readonly { facts: HostHeadingFacts; rows: readonly TreeRow[] }[], active: number): HostLine[] {
	return hosts.flatMap(({ facts, rows }, host): HostLine[] => {
		const cursorKey = host === active ? focusedRow(facts, rows)?.key : undefined;
		return [
			{ host, key: `${host}:heading`, kind: 'heading', facts },
			...(facts.problem === undefined ? [] : [{ host, key: `${host}:problem`, kind: 'problem' as const, text: facts.problem }]),
			// A host that never answered has its problem line: "asking podman…" under it would say it still might.
			...(rows.length === 0 && (facts.loaded || facts.problem === undefined)
				? [{ host, key: `${host}:empty`, kind: 'empty' as const, loaded: facts.loaded }]
				: rows.length === 0
					? []
					: rows.map((row) => ({ host, key: `${host}:${row.key}`, kind: 'row' as const, row, cursor: row.key === cursorKey }))),
		];
	});
}

/**
 * The first line to show so that the cursor's row, the heading of its host just above it, and as
 * much of its branch as fits are in view; `previous` is the last offset (the view scrolls no more than it must).
 */
export function hostLinesOffset(lines: readonly HostLine[], height: number, previous: number): number {
	const cursor = lines.findIndex((l) => l.kind === 'row' && l.cursor);
	const at = lines[cursor];
	if (at?.kind !== 'row') return scrollOffset(undefined, height, previous, lines.length);
	// The host's heading (and problem line) directly above its first row come into view with it.
	let top = cursor;
	while (top > 0 && lines[top - 1]?.kind !== 'row' && lines[top - 1]?.host === at.host) top--;
	const inBranch = (line: HostLine) => line.kind === 'row' && line.host === at.host && line.row.containerId === at.row.containerId;
	return scrollOffset({ top, end: branchEnd(lines, cursor, inBranch) }, height, previous, lines.length);
}
