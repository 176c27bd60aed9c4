/** Changes marked as they happen (new and exited conmons), and the frozen display. */
export const changesEn = {
	'changes.badge.new': '★ new',
	'changes.badge.exited': '✝ exited, code unknown',
	'changes.badge.exitedCode': '✝ exited, code {code}',
	'changes.badge.exitedAt': '✝ exited {time}, code unknown',
	'changes.badge.execExitedAt': '✝ exited {time}',
	'changes.badge.exitedAtCode': '✝ exited {time}, code {code}',
	'changes.history.last': 'no conmon · last: {pid} exited {time}, code unknown (Enter: history)',
	'changes.history.lastCode': 'no conmon · last: {pid} exited {time}, code {code} (Enter: history)',
	'changes.frozen.marker': '❄ FROZEN {time}',
	'changes.frozen.resume': 'Space resumes',
	'changes.frozen.waiting': '{count} {count|one:change|other:changes} waiting',
	'changes.key.freeze': 'freeze or unfreeze the display (the data keeps coming in)',
	'changes.key.freezeFooter': 'Space freeze',
} as const;
