/** Event log lines: podman's events, conmons appearing and exiting in /proc, and the watcher's own news. */
export const eventsEn = {
	'events.created': 'container {who} created',
	'events.started': 'container {who} started',
	'events.died': 'container {who} died (exit code {code})',
	'events.removed': 'container {who} removed',
	'events.execStarted': 'exec session started in {who}',
	'events.execEnded': 'exec session ended in {who}',
	'events.paused': 'container {who} paused',
	'events.unpaused': 'container {who} unpaused',
	'events.renamed': 'container {id} renamed to {name}',
	'events.conmonAppeared': 'conmon {pid} appeared for {who}',
	'events.conmonExited': 'conmon {pid} exited for {who} (code not yet known)',
	'events.conmonExitedCode': 'conmon {pid} exited for {who} (code {code})',
	'events.execConmonAppeared': 'exec conmon {pid} appeared for {who} (session {session})',
	'events.execConmonExited': 'exec conmon {pid} exited for {who}',
	'events.watching': 'watching podman {version}: {containers} {containers|one:container|other:containers}, {conmons} live {conmons|one:conmon|other:conmons}',
	'events.watchingWithOthers':
		'watching podman {version}: {containers} {containers|one:container|other:containers}, {conmons} live {conmons|one:conmon|other:conmons} (and {others} of containers this podman does not list)',
	'events.streamLost': 'podman events stream lost: {reason}; reconnecting',
	'events.streamRecovered': 'podman events stream recovered',
} as const;
