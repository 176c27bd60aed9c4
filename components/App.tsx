import { Box, Text } from 'ink';
import { useCallback, useMemo, useState } from 'react';
import { ReaderContext } from '../hooks/readerContext.js';
import { useAppState } from '../hooks/useAppState.js';
import { useHostsState } from '../hooks/useHostsState.js';
import { useKeymap } from '../hooks/useKeymap.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import type { Actions } from '../src/app/actions.js';
import type { LessonController } from '../src/lessons/lessonController.js';
import { t } from '../src/messages/i18n.js';
import { AGES_TICK_BY_SECOND_MS } from '../src/present/format.js';
import { hostFactsLine } from '../src/present/hostFacts.js';
import { podmanVersionText } from '../src/present/podmanVersionText.js';
import { NOTHING_DRAWN_YET, type ScreenPace, sameDrawn, type TreeDrawn, upcomingChanges, youngestDrawnAge } from '../src/present/redrawTiming.js';
import type { ProcessReader } from '../src/proc/reader.js';
import { shownView } from '../src/state/frozenView.js';
import { shownStatus } from '../src/state/hostStatus.js';
import type { HostCross, HostStore } from '../src/state/hosts.js';
import type { SelectionMove } from '../src/state/selection.js';
import type { AppStore, Overlay } from '../src/state/store.js';
import { ContainerTree } from './ContainerTree.js';
import { DetailsView } from './DetailsView.js';
import { EventLog } from './EventLog.js';
import { FilterBar, filterBarShown } from './FilterBar.js';
import { Footer } from './Footer.js';
import { Header, headerClock } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { HostsEventLog } from './HostsEventLog.js';
import { HostsTree } from './HostsTree.js';
import { LessonMenu } from './LessonMenu.js';
import { LESSON_PANE_LINES, LessonPane, lessonPaneRows } from './LessonPane.js';
import { ScreenClock } from './ScreenClock.js';
import { StatusLine, statusLineTexts, statusMaxLines } from './StatusLine.js';

/** Frozen, time stands still: nothing on screen changes with it (the slow beat stays, a safety net). */
const FROZEN_PACE: ScreenPace = { bySecondUntil: Number.NEGATIVE_INFINITY, rowsChangeAt: Number.POSITIVE_INFINITY };

/** Below this the layout cannot show a useful tree; a message says so instead of garbage. */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;

/** The event log takes a quarter of the screen, between 2 and 8 lines. */
function eventLogLines(rows: number): number {
	return Math.max(2, Math.min(8, Math.floor(rows / 4)));
}

/**
 * A screen of several hosts (`--connection a --connection b`): every host's store, which one
 * holds the cursor (App's store, actions and reader are that host's), and how the cursor crosses.
 */
export interface ScreenHosts {
	hosts: readonly HostStore[];
	active: number;
	/** Moves the cursor into another host's rows when `move` leaves the active host's; true if it did. */
	cross: (move: SelectionMove) => HostCross;
}

/**
 * The whole screen: header, tree (or an overlay), event log, status line and footer. With
 * `hosts`, the tree and the event log are every host's, and everything else the active host's.
 */
export function App({
	store,
	actions,
	reader,
	quit,
	lessons,
	renderFault,
	hosts,
}: {
	store: AppStore;
	actions: Actions;
	reader: ProcessReader;
	quit: () => void;
	lessons?: LessonController;
	renderFault?: Error;
	hosts?: ScreenHosts;
}) {
	useKeymap(store, actions, quit, lessons, hosts?.cross);
	const { columns, rows } = useTerminalSize();
	// What the tree last drew: which containers (only their ages make the screen tick), and when its rows change next.
	const [drawn, setDrawn] = useState<TreeDrawn>(NOTHING_DRAWN_YET);
	const onDrawn = useCallback((next: TreeDrawn) => setDrawn((previous) => (sameDrawn(previous, next) ? previous : next)), []);
	// Only the tree (no overlay, one host) says what it does not draw and when its ages change next.
	const treeAlone = (shownOverlay: Overlay | undefined): boolean => shownOverlay === undefined && !hosts;
	const { overlay, filterShown, youngest, shownContainers, inLesson, lessonExplanation, frozenAt, statusText, readOnly, loaded, hostFacts } = useAppState(
		store,
		(s) => ({
			overlay: s.overlay,
			loaded: s.loaded,
			readOnly: s.readOnly,
			hostFacts: hostFactsLine(podmanVersionText(s.podmanVersion, s.farSide), s.eventsBackend),
			inLesson: s.lesson !== undefined,
			lessonExplanation: s.lesson?.explanation ?? '',
			filterShown: filterBarShown(s.filterDraft, s.filter),
			youngest: youngestDrawnAge(shownView(s).containers, treeAlone(s.overlay) ? drawn.containers : undefined),
			shownContainers: shownView(s).containers,
			frozenAt: s.frozen?.at,
			statusText: shownStatus(s)?.text,
		}),
	);
	// With several hosts, every host's containers are drawn: the youngest of them all sets the beat.
	const hostStores = useMemo(() => hosts?.hosts.map((host) => host.store) ?? [], [hosts?.hosts]);
	const hostsYoungest = useHostsState(hostStores, (s) => youngestDrawnAge(shownView(s).containers, undefined));
	const youngestDrawn = Math.max(youngest ?? Number.NEGATIVE_INFINITY, ...hostsYoungest.map((at) => at ?? Number.NEGATIVE_INFINITY));
	// Ages under a minute count seconds; the details view shows exact durations. Frozen, time stands still.
	// Elsewhere than the tree alone, the screen ticks every SLOW_TICK_MS, and at the hosts' trees' deadlines.
	const upcoming = useCallback((at: number) => upcomingChanges(shownContainers, drawn.containers, at), [shownContainers, drawn.containers]);
	const pace: ScreenPace =
		frozenAt !== undefined
			? FROZEN_PACE
			: {
					bySecondUntil: overlay === 'details' ? Number.POSITIVE_INFINITY : youngestDrawn + AGES_TICK_BY_SECOND_MS,
					rowsChangeAt: overlay === undefined ? drawn.rowsChangeAt : Number.POSITIVE_INFINITY,
					upcoming: treeAlone(overlay) ? upcoming : undefined,
				};
	// A test's injected fault (src/app/testFault.ts): thrown while rendering once the first list is in.
	if (renderFault && loaded) throw renderFault;

	if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
		return <Text wrap="truncate-end">{t('screen.tooSmall', { columns, rows, minColumns: MIN_COLUMNS, minRows: MIN_ROWS })}</Text>;
	}
	// One line is left free: a frame exactly as tall as the terminal scrolls it on some terminals.
	// A lesson's pane sits between the tree and the log; the log shrinks to make room for it.
	// A long explanation makes the pane taller, but the tree the lesson is about keeps 8 rows or so.
	const paneLines = inLesson ? Math.min(Math.max(LESSON_PANE_LINES, Math.min(lessonPaneRows(lessonExplanation, columns), rows - 12)), rows - 8) : 0;
	const logLines = inLesson ? Math.min(3, rows - paneLines - 12) : eventLogLines(rows);
	// An overlay (help, details) takes the event log's lines too: beside it, it does not fit in 24 rows, and Ink
	// squeezes lines out of it (the title and some keys) rather than cutting its end.
	const logShown = overlay === undefined && logLines > 0;
	// A long podman error wraps onto more lines (up to statusMaxLines); the tree gives them up.
	const statusLines = statusLineTexts(statusText, columns, statusMaxLines(rows)).length;
	const mainHeight = rows - 1 - 1 - (logShown ? logLines + 1 : 0) - paneLines - statusLines - 1 - (filterShown ? 1 : 0);
	// Made here, outside the clock: at a tick they are the same elements, so React does not render them again.
	const untimed =
		overlay === 'help' ? (
			<HelpOverlay height={mainHeight} width={columns} readOnly={readOnly} hostFacts={hostFacts} />
		) : overlay === 'lessons' ? (
			<LessonMenu store={store} height={mainHeight} width={columns} />
		) : undefined;
	const below = (
		<>
			{inLesson ? <LessonPane store={store} width={columns} height={paneLines} /> : null}
			<FilterBar store={store} />
			{logShown && hosts ? <HostsEventLog hosts={hosts.hosts} lines={logLines} width={columns} /> : null}
			{logShown && !hosts ? <EventLog store={store} lines={logLines} width={columns} /> : null}
			<StatusLine store={store} width={columns} maxLines={statusMaxLines(rows)} />
			<Footer width={columns} inLesson={inLesson} readOnly={readOnly} />
		</>
	);
	return (
		<ScreenClock pace={pace} frozenAt={frozenAt}>
			{(now) => (
				<Box flexDirection="column" width={columns} height={rows - 1}>
					<Header store={store} clock={headerClock(now)} />
					{untimed ??
						(overlay === 'details' ? (
							<ReaderContext.Provider value={reader}>
								<DetailsView store={store} height={mainHeight} now={now} width={columns} />
							</ReaderContext.Provider>
						) : hosts ? (
							<HostsTree hosts={hosts.hosts} active={hosts.active} height={mainHeight} width={columns} now={now} onDrawn={onDrawn} />
						) : (
							<ContainerTree store={store} height={mainHeight} width={columns} now={now} onDrawn={onDrawn} />
						))}
					{below}
				</Box>
			)}
		</ScreenClock>
	);
}
