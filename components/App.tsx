import { Box, Text } from 'ink';
import { useCallback, useState } from 'react';
import { ReaderContext } from '../hooks/readerContext.js';
import { useAppState } from '../hooks/useAppState.js';
import { useKeymap } from '../hooks/useKeymap.js';
import { useNow } from '../hooks/useNow.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import type { Actions } from '../src/app/actions.js';
import type { LessonController } from '../src/lessons/lessonController.js';
import { t } from '../src/messages/i18n.js';
import { ageTicksBySecond } from '../src/present/format.js';
import { hostFactsLine } from '../src/present/hostFacts.js';
import { podmanVersionText } from '../src/present/podmanVersionText.js';
import { latestChangeAt, NOTHING_UNDRAWN, sameUndrawn, upcomingChanges } from '../src/present/redrawTiming.js';
import type { ProcessReader } from '../src/proc/reader.js';
import { shownTime, shownView } from '../src/state/frozenView.js';
import { shownStatus } from '../src/state/hostStatus.js';
import type { HostCross, HostStore } from '../src/state/hosts.js';
import type { SelectionMove } from '../src/state/selection.js';
import type { AppStore, Overlay } from '../src/state/store.js';
import { ContainerTree } from './ContainerTree.js';
import { DetailsView } from './DetailsView.js';
import { EventLog } from './EventLog.js';
import { FilterBar, filterBarShown } from './FilterBar.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { HostsEventLog } from './HostsEventLog.js';
import { HostsTree } from './HostsTree.js';
import { LessonMenu } from './LessonMenu.js';
import { LESSON_PANE_LINES, LessonPane, lessonPaneRows } from './LessonPane.js';
import { StatusLine, statusLineTexts, statusMaxLines } from './StatusLine.js';

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
	// Containers the tree cannot show a change of (rows below the window): kept as long as the set is the same.
	const [undrawn, setUndrawn] = useState<ReadonlySet<string>>(NOTHING_UNDRAWN);
	const onUndrawn = useCallback((next: ReadonlySet<string>) => setUndrawn((previous) => (sameUndrawn(previous, next) ? previous : next)), []);
	// Only the tree (no overlay, one host) says what it does not draw and when its texts change next.
	const treeAlone = (shownOverlay: Overlay | undefined): boolean => shownOverlay === undefined && !hosts;
	const { overlay, filterShown, youngest, shownContainers, shownRemoved, inLesson, lessonExplanation, frozen, statusText, readOnly, loaded, hostFacts } =
		useAppState(store, (s) => ({
			overlay: s.overlay,
			loaded: s.loaded,
			readOnly: s.readOnly,
			hostFacts: hostFactsLine(podmanVersionText(s.podmanVersion, s.farSide), s.eventsBackend),
			inLesson: s.lesson !== undefined,
			lessonExplanation: s.lesson?.explanation ?? '',
			filterShown: filterBarShown(s.filterDraft, s.filter),
			youngest: latestChangeAt(shownView(s), treeAlone(s.overlay) ? undrawn : NOTHING_UNDRAWN),
			shownContainers: shownView(s).containers,
			shownRemoved: shownView(s).removed,
			frozen: s.frozen,
			statusText: shownStatus(s)?.text,
		}));
	// Ages under a minute count seconds; the details view shows exact durations. Frozen, time stands still.
	// Elsewhere than the tree alone, the screen ticks every SLOW_TICK_MS.
	const upcoming = useCallback(
		(at: number) => upcomingChanges({ containers: shownContainers, removed: shownRemoved }, undrawn, at),
		[shownContainers, shownRemoved, undrawn],
	);
	const now = shownTime({ frozen }, useNow(overlay === 'details' || ageTicksBySecond(youngest, Date.now()), treeAlone(overlay) ? upcoming : undefined));
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
	return (
		<Box flexDirection="column" width={columns} height={rows - 1}>
			<Header store={store} now={now} />
			{overlay === 'help' ? (
				<HelpOverlay height={mainHeight} width={columns} readOnly={readOnly} hostFacts={hostFacts} />
			) : overlay === 'details' ? (
				<ReaderContext.Provider value={reader}>
					<DetailsView store={store} height={mainHeight} now={now} width={columns} />
				</ReaderContext.Provider>
			) : overlay === 'lessons' ? (
				<LessonMenu store={store} height={mainHeight} width={columns} />
			) : hosts ? (
				<HostsTree hosts={hosts.hosts} active={hosts.active} height={mainHeight} width={columns} now={now} />
			) : (
				<ContainerTree store={store} height={mainHeight} width={columns} now={now} onUndrawn={onUndrawn} />
			)}
			{inLesson ? <LessonPane store={store} width={columns} height={paneLines} /> : null}
			<FilterBar store={store} />
			{logShown && hosts ? <HostsEventLog hosts={hosts.hosts} lines={logLines} width={columns} /> : null}
			{logShown && !hosts ? <EventLog store={store} lines={logLines} width={columns} /> : null}
			<StatusLine store={store} width={columns} maxLines={statusMaxLines(rows)} />
			<Footer width={columns} inLesson={inLesson} readOnly={readOnly} />
		</Box>
	);
}
