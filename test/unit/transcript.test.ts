import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, mock, test } from 'node:test';
import { setLanguage } from '../../src/messages/i18n.js';
import { followTranscript, TRANSCRIPT_FLUSH_INTERVAL_MS, TRANSCRIPT_HOLD_MS, type TranscriptInfo } from '../../src/output/transcript.js';
import { type AppStore, appendLog, createAppStore, type LessonFacts, type LogEntry } from '../../src/state/store.js';
import { at, BATCH_ID, fixtureState, WEB_ID } from '../helpers/fixtureState.js';

type NewEntry = Omit<LogEntry, 'id'>;

const WEB = WEB_ID.slice(0, 12);
const INFO: TranscriptInfo = {
	args: ['--record', 'session.md'],
	runCommand: ['podman', 'run', '-d', 'alpine:latest', 'sleep', 'infinity'],
	lesson: undefined,
};

// What the program logs, as src/app/actions.ts, src/present/eventLog.ts and the lessons write it.
const command = (ms: number, argv: string[]): NewEntry => ({ at: ms, tone: 'command', text: `$ ${argv.join(' ')}`, facts: { kind: 'command', command: argv } });
const commandFailed = (ms: number, argv: string[], message: string): NewEntry => ({
	at: ms,
	tone: 'bad',
	text: `✗ ${message}`,
	facts: { kind: 'command-failed', command: argv },
});
const conmon = (ms: number, status: string, pid: number, exitCode?: number): NewEntry => ({
	at: ms,
	tone: status === 'appeared' ? 'good' : 'bad',
	text: `conmon ${pid} ${status} for web (${WEB})${exitCode === undefined ? '' : ` (code ${exitCode})`}`,
	facts: { kind: 'conmon', status, containerId: WEB_ID, pid, ...(exitCode === undefined ? {} : { exitCode }) },
});
const died = (ms: number, exitCode: number): NewEntry => ({
	at: ms,
	tone: 'bad',
	text: `container web (${WEB}) died (exit code ${exitCode})`,
	facts: { kind: 'podman-event', status: 'died', containerId: WEB_ID, exitCode },
});
const lesson = (ms: number, text: string, facts: LessonFacts): NewEntry => ({ at: ms, tone: 'info', text, facts: { kind: 'lesson', lesson: facts } });

const dir = mkdtempSync(join(tmpdir(), 'conmon-tui-transcript-'));
let fileNumber = 0;

function newStore(): AppStore {
	return createAppStore({ ...fixtureState(), podmanVersion: '4.3.1', ownUid: 0, userNames: { 0: 'root' } });
}

/** Runs a whole session: the transcript follows a store, the entries are logged, the program exits. */
function record(entries: readonly NewEntry[], info: TranscriptInfo = INFO, path = join(dir, `t${++fileNumber}.md`)): string {
	const store = newStore();
	const finish = followTranscript(store, path, info);
	appendLog(store, entries);
	finish(store.getState());
	return readFileSync(path, 'utf8');
}

/** The lines of `text` from the line that is `heading` up to the next heading of the same or a higher level. */
function section(text: string, heading: string): string[] {
	const lines = text.split('\n');
	const start = lines.indexOf(heading);
	assert.ok(start >= 0, `no "${heading}" in:\n${text}`);
	const level = heading.indexOf(' ');
	const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && line.indexOf(' ') <= level);
	return lines.slice(start + 1, end < 0 ? undefined : end).filter((line) => line !== '');
}

after(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => setLanguage('en'));

describe('the --record transcript', () => {
	test('a plain session: header, a Session section, commands as code spans, observations with times', () => {
		const text = record([
			command(at(20, 31, 5, 123), ['podman', 'kill', WEB]),
			died(at(20, 31, 5, 300), 137),
			conmon(at(20, 31, 5, 350), 'exited', 3990, 137),
			command(at(20, 31, 9, 0), ['podman', 'start', WEB]),
			conmon(at(20, 31, 9, 200), 'appeared', 4200),
		]);
		const lines = text.split('\n');
		assert.equal(lines[0], '# conmon-tui session transcript');
		assert.match(text, /^- \*\*Date:\*\* \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d\d:\d\d\)$/m);
		assert.match(text, /^- \*\*podman:\*\* 4\.3\.1$/m);
		assert.match(text, /^- \*\*User:\*\* root \(uid 0\)$/m);
		assert.match(text, /^- \*\*Language:\*\* English$/m);
		assert.match(text, /^- \*\*Command line:\*\* `conmon-tui --record session\.md`$/m);
		assert.match(text, /^- \*\*The r key runs:\*\* `podman run -d alpine:latest sleep infinity`$/m);
		assert.doesNotMatch(text, /Lesson/);
		assert.deepEqual(section(text, '## Session'), [
			`- 20:31:05.123 \`$ podman kill ${WEB}\``,
			`- 20:31:05.300 container web (${WEB}) died (exit code 137)`,
			`- 20:31:05.350 conmon 3990 exited for web (${WEB}) (code 137)`,
			`- 20:31:09.000 \`$ podman start ${WEB}\``,
			`- 20:31:09.200 conmon 4200 appeared for web (${WEB})`,
		]);
	});

	test("a failed command: the command that ran and podman's own message", () => {
		const text = record([
			command(at(9, 0, 0), ['podman', 'start', WEB]),
			commandFailed(at(9, 0, 1), ['podman', 'start', WEB], 'Error: unable to start container "web": container state improper'),
		]);
		assert.match(text, new RegExp(`^- 09:00:01\\.000 \`\\$ podman start ${WEB}\` ✗ Error: unable to start container "web": container state improper$`, 'm'));
		assert.match(text, /^- Commands run: 1, failed: 1$/m);
	});

	test('a lesson: its heading, each step with its explanation, the checks as ✓ and ✗ lines', () => {
		const name = 'lifecycle';
		const text = record(
			[
				lesson(at(10, 0, 0), 'lesson started', { name, event: 'started', title: 'The life of a conmon' }),
				lesson(at(10, 0, 1), 'step 1', {
					name,
					event: 'step',
					step: 1,
					steps: 2,
					title: 'Kill the container',
					explanation: 'Press k.\nconmon exits with the container.',
				}),
				command(at(10, 0, 2), ['podman', 'kill', WEB]),
				lesson(at(10, 0, 3), 'conmon 3990 exited with code 137 ✓', { name, event: 'passed', step: 1, steps: 2 }),
				lesson(at(10, 0, 4), 'step 2', { name, event: 'step', step: 2, steps: 2, title: 'Start it again', explanation: 'Press s.' }),
				lesson(at(10, 0, 5), 'conmon 3990 is still the same PID ✗', { name, event: 'failed', step: 2, steps: 2 }),
				lesson(at(10, 0, 6), 'lesson finished', { name, event: 'finished', title: 'The life of a conmon' }),
			],
			{ ...INFO, lesson: { name } },
		);
		assert.match(text, /^- \*\*Lesson:\*\* lifecycle$/m);
		assert.doesNotMatch(text, /^## Session$/m, 'no Session section when everything happened in the lesson');
		assert.deepEqual(section(text, '### Step 1/2: Kill the container'), [
			'Press k.',
			'conmon exits with the container.',
			`- 10:00:02.000 \`$ podman kill ${WEB}\``,
			'- ✓ 10:00:03.000 conmon 3990 exited with code 137 ✓',
		]);
		assert.deepEqual(section(text, '### Step 2/2: Start it again'), [
			'Press s.',
			'- ✗ 10:00:05.000 conmon 3990 is still the same PID ✗',
			'Lesson finished at 10:00:06.000.',
		]);
		assert.ok(text.indexOf('## Lesson: The life of a conmon') < text.indexOf('### Step 1/2'));
		assert.match(text, /^- Checks: 1 passed, 1 failed$/m);
	});

	test('what happens after a lesson ends goes under a Session heading', () => {
		const text = record(
			[
				lesson(at(10, 0, 0), 'started', { name: 'exec', event: 'started', title: 'exec' }),
				lesson(at(10, 0, 1), 'left', { name: 'exec', event: 'left', step: 2, steps: 4 }),
				conmon(at(10, 0, 2), 'appeared', 4300),
			],
			{ ...INFO, lesson: { name: undefined } },
		);
		assert.match(text, /^- \*\*Lesson:\*\* chosen from the menu$/m);
		assert.deepEqual(section(text, '## Session'), [`- 10:00:02.000 conmon 4300 appeared for web (${WEB})`]);
		assert.match(text, /^Lesson left at step 2\/4, at 10:00:01\.000\.$/m);
		assert.ok(text.indexOf('## Lesson: exec') < text.indexOf('## Session'));
	});

	test('Markdown in data stays text: backticks in commands, markup in messages and lesson texts', () => {
		const text = record([
			command(at(9, 0, 0), ['podman', 'run', '-d', 'alpine', 'sh', '-c', 'echo `date` | cat']),
			commandFailed(at(9, 0, 1), ['podman', 'rm', 'x'], 'Error: no container with name or ID "x*" found: <no such container> # [see](http://x)'),
			lesson(at(9, 0, 2), 'step', { name: 'n', event: 'step', step: 1, steps: 1, title: '*Really* `kill`', explanation: '# not a heading\n- not a list' }),
		]);
		assert.match(text, /^- 09:00:00\.000 ``\$ podman run -d alpine sh -c 'echo `date` \| cat'``$/m);
		assert.match(text, /✗ Error: no container with name or ID "x\\\*" found: \\<no such container\\> # \\\[see\\\]\(http:\/\/x\)$/m);
		assert.match(text, /^### Step 1\/1: \\\*Really\\\* \\`kill\\`$/m);
		assert.match(text, /^\\# not a heading\n\\- not a list$/m);
	});

	test('the summary: containers touched, conmons seen per container in order, commands and failures; the tree at exit', () => {
		const text = record([
			command(at(20, 31, 5), ['podman', 'kill', WEB]),
			conmon(at(20, 31, 5, 300), 'exited', 3990, 137),
			command(at(20, 31, 9), ['podman', 'start', WEB]),
			conmon(at(20, 31, 9, 200), 'appeared', 4200),
			{ ...conmon(at(20, 31, 10), 'exec-appeared', 4300), text: 'exec conmon 4300 appeared' },
			command(at(20, 31, 11), ['podman', 'start', BATCH_ID.slice(0, 12)]),
			commandFailed(at(20, 31, 12), ['podman', 'start', BATCH_ID.slice(0, 12)], 'Error: boom'),
			// Another store's container: its conmon is in the body, not in the summary.
			{
				at: at(20, 31, 13),
				tone: 'good',
				text: 'conmon 5000 appeared for other',
				facts: { kind: 'conmon', status: 'appeared', containerId: 'f'.repeat(64), pid: 5000 },
			},
		]);
		assert.match(text, /^- 20:31:13\.000 conmon 5000 appeared for other$/m);
		const summary = section(text, '## Summary');
		assert.deepEqual(summary.slice(0, 4), [
			`- Containers touched: web (${WEB}), batch (${BATCH_ID.slice(0, 12)})`,
			'- conmons seen (PIDs, in order):',
			`  - web (${WEB}): 3990 → 4200; exec conmons 4300`,
			'- Commands run: 3, failed: 1',
		]);
		assert.match(text, /^### Tree at exit \(\d\d:\d\d:\d\d\)\n\n```text\n● web .*\n {2}└─ conmon 3990/m);
		assert.ok(text.endsWith('```\n'), 'the file ends with the closed tree block');
	});

	test("another store's conmons: the handout reads like the pane, the line counting them and not each one (--log's records)", () => {
		const text = record([
			{
				at: at(20, 31, 13),
				tone: 'good',
				text: 'conmon 5000 appeared for other',
				facts: { kind: 'conmon', status: 'appeared', containerId: 'f'.repeat(64), pid: 5000 },
				recordOnly: true,
			},
			{
				at: at(20, 31, 13, 100),
				tone: 'info',
				text: '1 conmon of containers this podman does not list appeared',
				facts: { kind: 'foreign-conmons', appeared: 1, exited: 0 },
			},
		]);
		assert.deepEqual(section(text, '## Session'), ['- 20:31:13.100 1 conmon of containers this podman does not list appeared']);
	});

	test('in Japanese: the fixed texts come from the Japanese catalogue', () => {
		setLanguage('ja');
		const text = record([command(at(9, 0, 0), ['podman', 'kill', WEB])]);
		assert.match(text, /^# conmon-tui セッション記録$/m);
		assert.match(text, /^- \*\*言語:\*\* 日本語$/m);
		assert.match(text, /^## セッション$/m);
		assert.match(text, /^## まとめ$/m);
		assert.match(text, /^- 実行したコマンド: 1 件、失敗: 0 件$/m);
	});

	test('a file that already holds a transcript gets the new one after a rule', () => {
		const path = join(dir, 'twice.md');
		writeFileSync(path, '# earlier\n');
		const text = record([], INFO, path);
		assert.ok(text.startsWith('# earlier\n\n---\n\n# conmon-tui session transcript\n'), text);
	});
});

describe('the --record transcript as it is written', () => {
	afterEach(() => mock.timers.reset());

	test('lines reach the file once they are held long enough, in the order things happened; a kill leaves them there', () => {
		mock.timers.enable({ apis: ['setInterval', 'Date'], now: at(20, 0, 0) });
		const path = join(dir, 'incremental.md');
		const store = newStore();
		const finish = followTranscript(store, path, INFO);
		const start = Date.now();
		// /proc sees conmon exit before podman's died event (stamped earlier) arrives.
		appendLog(store, [conmon(start + 50, 'exited', 3990, 137)]);
		appendLog(store, [died(start + 20, 137)]);
		mock.timers.tick(TRANSCRIPT_FLUSH_INTERVAL_MS);
		assert.doesNotMatch(readFileSync(path, 'utf8'), /died/, 'still held: a late event may yet come before it');
		mock.timers.tick(TRANSCRIPT_HOLD_MS);
		const written = readFileSync(path, 'utf8');
		assert.ok(written.indexOf('died (exit code 137)') > 0 && written.indexOf('died') < written.indexOf('conmon 3990 exited'), written);
		assert.doesNotMatch(written, /## Summary/, 'no summary before exit');
		finish(store.getState());
		assert.match(readFileSync(path, 'utf8'), /## Summary/);
	});
});
