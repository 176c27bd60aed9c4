import { Text } from 'ink';
import React from 'react';
import { useAppState } from '../hooks/useAppState.js';
import type { AppStore, StatusMessage } from '../src/state/store.js';
import { safeText } from '../src/present/safeText.js';

const TONE_COLOR: Record<StatusMessage['tone'], string | undefined> = {
	info: undefined,
	working: 'yellow',
	ok: 'green',
	error: 'red',
};

/** What the last podman command was and what podman answered (its message is outside text: escaped); questions (y/n) too. */
export function StatusLine({ store }: { store: AppStore }) {
	const status = useAppState(store, (s) => s.status);
	if (!status) return <Text> </Text>;
	const color = TONE_COLOR[status.tone];
	return (
		<Text wrap="truncate-end" {...(color ? { color } : {})}>
			{safeText(status.text)}
		</Text>
	);
}
