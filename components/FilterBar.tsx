import { Text } from 'ink';
import { memo } from 'react';
import { useAppState } from '../hooks/useAppState.js';
import { t } from '../src/messages/i18n.js';
import { safeText } from '../src/present/safeText.js';
import type { AppStore } from '../src/state/store.js';

/** The filter prompt while typing, or the filter in force. Renders nothing without a filter. Memoized: the clock's tick redraws the App, and this does not depend on the time. */
export const FilterBar = memo(function FilterBar({ store }: { store: AppStore }) {
	const { draft, filter } = useAppState(store, (s) => ({ draft: s.filterDraft, filter: s.filter }));
	if (draft !== undefined) {
		return (
			<Text wrap="truncate-end">
				<Text color="cyan">/</Text>
				{safeText(draft)}
				<Text inverse> </Text>
				<Text dimColor>{`  ${t('filter.draftHint')}`}</Text>
			</Text>
		);
	}
	if (filter === '') return null;
	return (
		<Text wrap="truncate-end" dimColor>
			{t('filter.label')} <Text color="cyan">{safeText(filter)}</Text>
			{'  '}
			{t('filter.hint')}
		</Text>
	);
});

/** Whether the filter bar takes a line. */
export function filterBarShown(draft: string | undefined, filter: string): boolean {
	return draft !== undefined || filter !== '';
}
