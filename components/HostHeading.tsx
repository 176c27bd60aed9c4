import { Box, Text } from 'ink';
import { t } from '../src/messages/i18n.js';
import { formatClock } from '../src/present/format.js';
import { safeText } from '../src/present/safeText.js';
import type { HostHeadingFacts } from '../src/state/hostLines.js';

/**
 * One host's heading on a screen of several: the header's words for that host
 * (`build · ssh://core@10.0.0.5:22`), whether its tree is stale, and its counts.
 */
export function HostHeading({ facts, width }: { facts: HostHeadingFacts; width: number }) {
	return (
		<Box width={width}>
			<Text wrap="truncate-end">
				<Text color="magenta" bold>{`── ${safeText(facts.label)}`}</Text>
				{facts.staleSince === undefined ? null : <Text color="red" bold>{`  ${t('far.stale', { time: formatClock(facts.staleSince).slice(0, 5) })}`}</Text>}
				{facts.procUnknown ? <Text color="yellow">{`  ${t('far.procUnknown')}`}</Text> : null}
				<Text dimColor>{`  ${t('header.counts', { containers: facts.containers, running: facts.running, conmons: facts.conmons })}`}</Text>
				{facts.stream === 'live' || !facts.loaded ? (
					''
				) : (
					<Text color={facts.stream === 'lost' ? 'red' : 'yellow'}>{`  ${t(`header.stream.${facts.stream}`)}`}</Text>
				)}
			</Text>
		</Box>
	);
}
