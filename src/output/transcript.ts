import { closeSync, fstatSync, writeSync } from 'node:fs';
import type { Options } from '../app/options.js';
import { type MessageKey, t } from '../messages/i18n.js';
import { quoteCommandWords } from '../present/commandWords.js';
import { containerLabel } from '../present/eventLog.js';
import { formatClock, formatClockMs } from '../present/format.js';
import { podmanVersionText } from '../present/podmanVersionText.js';
import { safeLines } from '../present/safeText.js';
import { type AppState, type AppStore, type LessonFacts, type LogEntry, type LogFacts, onLogAppended } from '../state/store.js';
import { openAppendNoFollow } from './logFile.js';
import { codeSpan, fencedBlock, markdownInline, markdownParagraph } from './markdown.js';
import { snapshotText } from './snapshot.js';

/**
 * How long a log line waits before it is written. podman's events arrive 70-250 ms after /proc
 * showed their effect; held a little, the lines can be written in the order things happened
 * (a container's death before its conmon's exit), as the event log pane shows them.
 * A crash or kill -9 loses at most this much of the end.
 */
export const TRANSCRIPT_HOLD_MS = 1000;

/** How often held lines are looked at and the old enough ones written. */
export const TRANSCRIPT_FLUSH_INTERVAL_MS = 250;

/** What the transcript's header says about how conmon-tui was started. */
export interface TranscriptInfo {
	/** conmon-tui's own arguments, as typed. */
	args: readonly string[];
	/** The full podman argv the r key runs. */
	runCommand: readonly string[];
	/** The lesson asked for on the command line, if any. */
	lesson: Options['lesson'];
}

/**
 * The transcript as Markdown, piece by piece: the header, one piece per log line, the summary.
 * It remembers what it wrote (the open section, whether a list is running) so that the pieces
 * join into a valid document, and it counts what the summary reports.
 */
export class TranscriptMarkdown {
	private section: 'none' | 'session' | 'lesson' = 'none';
	private inList = false;
	private commands = 0;
	private failedCommands = 0;
	private passedChecks = 0;
	private failedChecks = 0;
	/** Containers in the order they were first touched or seen to change. */
	private readonly touched = new Set<string>();
	/** Monitor conmon PIDs by container ID, in the order seen. */
	private readonly conmons = new Map<string, number[]>();
	private readonly execConmons = new Map<string, number[]>();
	/** Names by container ID, kept after a container is removed. */
	private readonly names = new Map<string, string>();
	/**
	 * Containers of this podman: listed, or in its events. The summary is about them; conmons of
	 * other stores and users (their conmon lines are in the body) would crowd it out.
	 */
	private readonly ours = new Set<string>();

	/** Learns the names (and IDs, for commands that name a container by its short ID) of the listed containers. */
	noteContainers(containers: AppState['containers']): void {
		for (const container of Object.values(containers)) {
			this.names.set(container.id, container.name);
			this.ours.add(container.id);
		}
	}

	/** The title and the header block. Outside a lesson the session section opens at once. */
	header(info: TranscriptInfo, state: Pick<AppState, 'podmanVersion' | 'ownUid' | 'userNames'> & Partial<Pick<AppState, 'farSide'>>, now: number): string {
		const field = (key: MessageKey, value: string) => `- **${t(key)}:** ${value}\n`;
		const user = t('transcript.header.userValue', { name: markdownInline(state.userNames[state.ownUid] ?? String(state.ownUid)), uid: state.ownUid });
		const lesson =
			info.lesson === undefined
				? ''
				: field('transcript.header.lesson', info.lesson.name === undefined ? t('transcript.header.lessonMenu') : markdownInline(info.lesson.name));
		this.inList = true;
		return (
			`# ${t('transcript.title')}\n\n` +
			field('transcript.header.date', formatDateTime(now)) +
			field('transcript.header.podman', markdownInline(podmanVersionText(state.podmanVersion, state.farSide) ?? t('transcript.unknown'))) +
			field('transcript.header.user', user) +
			field('transcript.header.language', t('lang.name')) +
			field('transcript.header.commandLine', codeSpan(quoteCommandWords(['conmon-tui', ...info.args]))) +
			field('transcript.header.runKey', codeSpan(quoteCommandWords(info.runCommand))) +
			lesson +
			(info.lesson === undefined ? this.openSession() : '')
		);
	}

	/** The Markdown for one log line. */
	entry(entry: LogEntry): string {
		const facts = entry.facts;
		const time = formatClockMs(entry.at);
		switch (facts?.kind) {
			case 'lesson':
				return facts.lesson ? this.lesson(entry, facts.lesson) : this.item(`${time} ${markdownInline(entry.text)}`);
			case 'command':
				this.commands++;
				this.noteCommand(facts);
				return this.item(`${time} ${commandSpan(facts, entry)}`);
			case 'command-failed':
				this.failedCommands++;
				// The text is podman's own message: it says why.
				return this.item(`${time} ${commandSpan(facts, entry)} ${markdownInline(entry.text)}`);
			case 'conmon':
				this.noteConmon(facts);
				break;
			case 'podman-event':
				if (facts.containerId) {
					this.touched.add(facts.containerId);
					this.ours.add(facts.containerId);
				}
				break;
		}
		return this.item(`${time} ${markdownInline(entry.text)}`);
	}

	/** The summary and the tree at exit, closing the document. */
	summary(state: AppState, now: number): string {
		this.noteContainers(state.containers);
		const none = t('transcript.summary.none');
		const label = (id: string) => markdownInline(containerLabel(id, this.names.get(id)));
		const touched = [...this.touched].filter((id) => this.ours.has(id));
		const containers = touched.map(label).join(', ') || none;
		const withConmons = touched.filter((id) => this.conmons.has(id) || this.execConmons.has(id));
		const conmonLines = withConmons.map((id) => {
			const exec = this.execConmons.get(id);
			const parts = [(this.conmons.get(id) ?? []).join(' → '), exec ? t('transcript.summary.execConmons', { list: exec.join(', ') }) : ''];
			return `  - ${label(id)}: ${parts.filter(Boolean).join('; ')}\n`;
		});
		const conmons = withConmons.length === 0 ? `- ${t('transcript.summary.noConmons')}\n` : `- ${t('transcript.summary.conmons')}\n${conmonLines.join('')}`;
		const checks =
			this.passedChecks + this.failedChecks > 0 ? `- ${t('transcript.summary.checks', { passed: this.passedChecks, failed: this.failedChecks })}\n` : '';
		return (
			`\n## ${t('transcript.summary')}\n\n` +
			`- ${t('transcript.summary.containers', { list: containers })}\n` +
			conmons +
			`- ${t('transcript.summary.commands', { count: this.commands, failed: this.failedCommands })}\n` +
			checks +
			`\n### ${t('transcript.tree', { time: formatClock(now) })}\n\n` +
			`${fencedBlock(snapshotText(state, now))}\n`
		);
	}

	private lesson(entry: LogEntry, lesson: LessonFacts): string {
		const time = formatClockMs(entry.at);
		const title = markdownInline(lesson.title ?? lesson.name);
		switch (lesson.event) {
			case 'started':
				this.section = 'lesson';
				return this.block(`## ${t('transcript.section.lesson', { title })}`);
			case 'step': {
				const heading =
					lesson.step === undefined || lesson.steps === undefined ? title : t('transcript.step', { step: lesson.step, steps: lesson.steps, title });
				const explanation = lesson.explanation?.trim() ? `\n\n${markdownParagraph(lesson.explanation)}` : '';
				return this.block(`### ${heading}${explanation}`);
			}
			case 'passed':
				this.passedChecks++;
				return this.item(`✓ ${time} ${markdownInline(withoutMark(entry.text))}`);
			case 'failed':
				this.failedChecks++;
				return this.item(`✗ ${time} ${markdownInline(withoutMark(entry.text))}`);
			case 'finished':
				this.section = 'none';
				return this.block(t('transcript.lesson.finished', { time }));
			case 'left':
				this.section = 'none';
				return this.block(
					lesson.step === undefined || lesson.steps === undefined
						? t('transcript.lesson.left', { time })
						: t('transcript.lesson.leftAtStep', { time, step: lesson.step, steps: lesson.steps }),
				);
		}
	}

	/** A list item; a list needs a blank line before it, and a section heading above it. */
	private item(text: string): string {
		const opening = this.section === 'none' ? this.openSession() : '';
		const gap = this.inList ? '' : '\n';
		this.inList = true;
		return `${opening}${gap}- ${text}\n`;
	}

	/** A heading or a paragraph, with the blank line before it that ends any list. */
	private block(text: string): string {
		this.inList = false;
		return `\n${text}\n`;
	}

	private openSession(): string {
		this.section = 'session';
		return this.block(`## ${t('transcript.section.session')}`);
	}

	private noteCommand(facts: LogFacts): void {
		// The actions name containers by short ID: find which ones, for the summary.
		for (const arg of facts.command ?? []) {
			if (!/^[0-9a-f]{12,64}$/.test(arg)) continue;
			for (const id of this.names.keys()) if (id.startsWith(arg)) this.touched.add(id);
		}
	}

	private noteConmon(facts: LogFacts): void {
		if (!facts.containerId || facts.pid === undefined) return;
		this.touched.add(facts.containerId);
		const byContainer = facts.status === 'exec-appeared' || facts.status === 'exec-exited' ? this.execConmons : this.conmons;
		const pids = byContainer.get(facts.containerId) ?? [];
		if (!pids.includes(facts.pid)) byContainer.set(facts.containerId, [...pids, facts.pid]);
	}
}

/** `$ podman kill bbd78c2c3402` as a code span people can copy, from the argv that ran. */
function commandSpan(facts: LogFacts, entry: LogEntry): string {
	return facts.command ? codeSpan(`$ ${quoteCommandWords(facts.command)}`) : markdownInline(entry.text);
}

/** 2026-11-29 20:31:02 (UTC+09:00): local time, with the offset so that the handout is unambiguous. */
function formatDateTime(ms: number): string {
	const d = new Date(ms);
	const date = [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
	const offset = -d.getTimezoneOffset();
	const hhmm = [Math.floor(Math.abs(offset) / 60), Math.abs(offset) % 60].map((n) => String(n).padStart(2, '0')).join(':');
	return `${date} ${formatClock(ms)} (UTC${offset < 0 ? '-' : '+'}${hhmm})`;
}

/**
 * `--record FILE`: appends a Markdown transcript of the session to FILE as it happens — the
 * header now, each log line (lesson steps and checks, commands, observations) once it is
 * {@link TRANSCRIPT_HOLD_MS} old, in time order. Writes are synchronous, so what is written
 * is on disk even if the program is killed. Returns the function to call at exit: it writes
 * what is held, the summary and the tree, and closes the file.
 */
export function followTranscript(store: AppStore, path: string, info: TranscriptInfo): (stateAtExit: AppState) => void {
	const markdown = new TranscriptMarkdown();
	const fd = openAppendNoFollow(path);
	let failed = false;
	const write = (text: string): void => {
		if (failed || text === '') return;
		try {
			// The last guard: podman's messages and names in it are outside text (see safeText).
			writeSync(fd, safeLines(text));
		} catch (error) {
			// Once is enough: the session goes on without its transcript.
			failed = true;
			store.setState({
				status: {
					tone: 'error',
					text: t('transcript.writeFailed', { path, error: error instanceof Error ? error.message : String(error) }),
					source: 'program',
				},
			});
		}
	};

	const state = store.getState();
	markdown.noteContainers(state.containers);
	// A file that already holds a transcript gets this one after a rule, not mixed into it.
	const separator = fstatSync(fd).size > 0 ? '\n---\n\n' : '';
	write(separator + markdown.header(info, state, Date.now()));

	let held: LogEntry[] = [];
	const flush = (until: number): void => {
		const ready = held.filter((entry) => entry.at <= until).sort((a, b) => a.at - b.at);
		if (ready.length === 0) return;
		held = held.filter((entry) => entry.at > until);
		write(ready.map((entry) => markdown.entry(entry)).join(''));
	};
	// A handout reads like the pane: the records a line of it stands for are --log's.
	const unsubscribeLog = onLogAppended(store, (_all, drawn) => held.push(...drawn));
	const unsubscribeNames = store.subscribe((now, before) => {
		if (now.containers !== before.containers) markdown.noteContainers(now.containers);
	});
	const timer = setInterval(() => flush(Date.now() - TRANSCRIPT_HOLD_MS), TRANSCRIPT_FLUSH_INTERVAL_MS);

	return (stateAtExit) => {
		clearInterval(timer);
		unsubscribeLog();
		unsubscribeNames();
		flush(Number.POSITIVE_INFINITY);
		write(markdown.summary(stateAtExit, Date.now()));
		closeSync(fd);
	};
}

/** A check's text as the event log shows it starts with its ✓ or ✗; the transcript puts the mark before the time. */
function withoutMark(text: string): string {
	return text.replace(/^[✓✗]\s*/, '');
}
