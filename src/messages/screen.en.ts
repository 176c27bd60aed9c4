/** The frame around the tree: header, filter bar, event log title, and the too-small message. */
export const screenEn = {
	'screen.tooSmall': 'Terminal too small ({columns}×{rows}); conmon-tui needs {minColumns}×{minRows}. q quits.',
	'header.counts': '{containers} {containers|one:container|other:containers} · {running} running · {conmons} {conmons|one:conmon|other:conmons}',
	'header.stream.connecting': 'events: connecting',
	'header.stream.lost': 'events: lost',
	// A far podman: the far service's version, and this machine's client when they differ.
	'header.podmanVersion.remote': '{server} (client {client})',
	'filter.draftHint': 'Enter keeps · Escape clears',
	'filter.label': 'filter:',
	'filter.hint': '(/ edits · Escape clears)',
	'eventLog.title': 'events',
} as const;
