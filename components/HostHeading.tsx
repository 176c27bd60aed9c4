import { Box, Text } from 'ink';
import { safeText } from '../src/present/safeText.js';
import type { HostHeadingFacts } from '../src/state/hostLines.js';
import { HostMarks } from './HostMarks.js';

/**
 * One host's heading on a screen of several: the header's words for that host
 * (`build · ssh://core@10.0.0.5:22`), whether its tree is stale, and its counts.
 */
export function HostHeading({ facts, width }: { facts: HostHeadingFacts; width: number }) {
	return (
		<Box width={width}>
			<Text wrap="truncate-end">
				<Text color="magenta" bold>{`── ${safeText(facts.label)}`}</Text>
				<HostMarks facts={{ ...facts, stream: facts.loaded ? facts.stream : undefined }} dimCounts />
			</Text>
		</Box>
	);
}
