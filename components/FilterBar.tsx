import { Text } from 'ink';
import React from 'react';
import { useAppState } from '../hooks/useAppState.js';
import type { AppStore } from '../src/store.js';

/** The filter prompt while typing, or the filter in force. Renders nothing without a filter. */
export function FilterBar({ store }: { store: AppStore }) {
	const { draft, filter } = useAppState(store, (s) => ({ draft: s.filterDraft, filter: s.filter }));
	if (draft !== undefined) {
		return (
			<Text wrap="truncate-end">
				<Text color="cyan">/</Text>
				{draft}
				<Text inverse> </Text>
				<Text dimColor>  Enter keeps · Escape clears</Text>
			</Text>
		);
	}
	if (filter === '') return null;
	return (
		<Text wrap="truncate-end" dimColor>
			filter: <Text color="cyan">{filter}</Text>  (/ edits · Escape clears)
		</Text>
	);
}

/** Whether the filter bar takes a line. */
export function filterBarShown(draft: string | undefined, filter: string): boolean {
	return draft !== undefined || filter !== '';
}
