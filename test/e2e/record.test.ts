import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { markdownInline } from '../../src/output/markdown.js';
import { deadConmon, MAYBE_NEW } from '../helpers/conmonRowPatterns.js';
import { ConmonWatcher } from '../helpers/conmonWatcher.js';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { createPodmanSandbox, type PodmanSandbox } from '../helpers/podmanSandbox.js';
import { TuiSession } from '../helpers/tuiSession.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * `--record FILE` in a real session: r (run), k (kill), s (start), q. The transcript must tell
 * what podman and /proc say happened: the commands that ran, podman's own start and died
 * events with their exit codes, and every conmon PID an independent /proc watcher saw.
 */
const skip = await e2eSkipReason();

/** A container event as `podman events --format json` writes it (podman 4.3: ContainerExitCode omitted when 0). */
interface RecordedEvent {
	ID: string;
	Name: string;
	Status: string;
	Type: string;
	Time: string;
	ContainerExitCode?: number;
}

/** HH:MM:SS.mmm of the transcript, as milliseconds since local midnight. */
function msOfDay(clock: string): number {
	const [h, m, s] = clock.split(':').map(Number);
	return Math.round(((h ?? 0) * 60 + (m ?? 0)) * 60_000 + (s ?? 0) * 1000);
}

function localMsOfDay(ms: number): number {
	const d = new Date(ms);
	return ((d.getHours() * 60 + d.getMinutes()) * 60 + d.getSeconds()) * 1000 + d.getMilliseconds();
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('--record writes a Markdown transcript of the session', { skip: skip ?? false }, () => {
	let sandbox: PodmanSandbox;
	let tui: TuiSession | undefined;
	let watcher: ConmonWatcher | undefined;
	const dir = mkdtempSync(join(tmpdir(), 'conmon-tui-record-'));
	const file = join(dir, 'session.md');
	const transcript = (): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');

	before(async () => {
		sandbox = await createPodmanSandbox();
	});

	after(async () => {
		watcher?.stop();
		await tui?.kill();
		await sandbox?.dispose();
		if (process.env['KEEP_TRANSCRIPT']) process.stdout.write(`# transcript kept in ${file}\n`);
		else rmSync(dir, { recursive: true, force: true });
	});

	test('a FILE that cannot be written is a one-line error before the screen starts', async () => {
		const missing = join(dir, 'no-such-dir', 'session.md');
		const session = new TuiSession({ env: sandbox.env, args: ['--record', missing] });
		const { exitCode } = await session.waitForExit();
		assert.equal(exitCode, 1);
		const message = session.raw.trim();
		assert.match(message, new RegExp(`^conmon-tui: --record ${escapeRegExp(missing)}: cannot write: ENOENT[^\\n]*$`));
	});

	test('r, k, s, q: the commands, podman events and conmon PIDs are in the transcript', { timeout: 120_000 }, async () => {
		const since = new Date(Date.now() - 1000).toISOString();
		watcher = new ConmonWatcher(sandbox.dir);
		watcher.start();
		tui = new TuiSession({ env: sandbox.env, args: ['--image', sandbox.image, '--command', 'sleep infinity', '--record', file] });
		await tui.waitFor(/watching podman/);

		tui.press('r');
		await tui.waitFor(/✓ \$ podman run -d /);
		const listed = JSON.parse((await sandbox.podman(['ps', '-a', '--format', 'json'])).stdout) as { Id: string; Names: string[] }[];
		assert.equal(listed.length, 1, 'exactly one container was run');
		const id = listed[0]?.Id ?? '';
		const podmanName = listed[0]?.Names[0] ?? '';
		// The name as the transcript's text writes it (escaped Markdown; the tree's code block has it as is).
		const name = markdownInline(podmanName);
		const short = id.slice(0, 12);
		const firstConmon = (await sandbox.inspect(id)).State.ConmonPid ?? 0;
		await tui.waitFor(new RegExp(`└─ conmon ${firstConmon}${MAYBE_NEW}\\n`));

		tui.press('k');
		await tui.waitFor(new RegExp(`✓ \\$ podman kill ${short}`));
		await tui.waitFor(new RegExp(deadConmon(firstConmon, 137)));

		tui.press('s');
		await tui.waitFor(new RegExp(`✓ \\$ podman start ${short}`));
		const secondConmon = (await sandbox.inspect(id)).State.ConmonPid ?? 0;
		await tui.waitFor(new RegExp(`└─ conmon ${secondConmon} {2}\\(2nd start`));

		// podman's own record of what happened to the container (podman 4.3 ignores --until and
		// --filter event=died: filter here).
		const recorded = (await sandbox.podman(['events', '--since', since, '--stream=false', '--format', 'json'])).stdout
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line) as RecordedEvent)
			.filter((e) => e.Type === 'container' && e.ID === id && (e.Status === 'start' || e.Status === 'died'));
		assert.deepEqual(
			recorded.map((e) => e.Status),
			['start', 'died', 'start'],
		);
		const expectedLines = recorded.map((e) =>
			e.Status === 'start' ? `container ${name} (${short}) started` : `container ${name} (${short}) died (exit code ${e.ContainerExitCode ?? 0})`,
		);

		// The transcript is written as things happen: everything is in the file before q.
		await waitFor(
			'the events and the new conmon in the transcript, before exit',
			() => {
				const text = transcript();
				const done = expectedLines.every((line) => text.includes(line)) && text.includes(`conmon ${secondConmon} appeared`);
				return done || undefined;
			},
			10_000,
		);
		assert.doesNotMatch(transcript(), /## Summary/, 'the summary waits for the exit');
		watcher.stop();

		tui.press('q');
		assert.equal((await tui.waitForExit()).exitCode, 0);
		const text = transcript();
		const items = text.split('\n').filter((line) => /^- \d\d:\d\d:\d\d\.\d{3} /.test(line));

		// 1. The commands listed are the ones that ran, on this container, with podman's binary.
		const commands = items.flatMap((line) => line.match(/^- [\d:.]+ `\$ (.*)`$/)?.[1] ?? []);
		assert.deepEqual(commands, [`podman run -d ${sandbox.image} sleep infinity`, `podman kill ${short}`, `podman start ${short}`]);
		assert.match(text, /^- Commands run: 3, failed: 0$/m);

		// 2. The container is podman's: its ID and name, in the observations and the summary.
		assert.match(text, new RegExp(`^- Containers touched: ${escapeRegExp(name)} \\(${short}\\)$`, 'm'));

		// 3. Each start and died event podman recorded is there, at its time, with its exit code; no other.
		for (const [index, event] of recorded.entries()) {
			const line = expectedLines[index] ?? '';
			const atMs = localMsOfDay(Date.parse(event.Time));
			const atItsTime = items.filter((item) => item.endsWith(` ${line}`) && Math.abs(msOfDay(item.slice(2, 14)) - atMs) <= 1);
			assert.equal(atItsTime.length, 1, `${event.Status} at ${event.Time}: ${line}\n${text}`);
		}
		const eventItems = items.filter((item) => / container \S+ \([0-9a-f]{12}\) (started|died)/.test(item));
		assert.equal(eventItems.length, recorded.length, `only podman's start and died events\n${text}`);

		// 4. Every conmon the independent watcher saw is there, with the container it monitored.
		const seen = watcher.seen.filter((c) => c.containerId === id).map((c) => c.pid);
		assert.deepEqual(seen, [firstConmon, secondConmon], 'the watcher saw both conmons');
		for (const pid of seen)
			assert.ok(
				items.some((item) => item.endsWith(` conmon ${pid} appeared for ${name} (${short})`)),
				`conmon ${pid} appeared\n${text}`,
			);
		// The exit code is there when /proc's scan learnt it in time (podman's died event always has it).
		const exited = new RegExp(` conmon ${firstConmon} exited for ${escapeRegExp(name)} \\(${short}\\) \\(the container's exit code (?:137|not yet known)\\)$`);
		assert.ok(
			items.some((item) => exited.test(item)),
			`conmon ${firstConmon} exited\n${text}`,
		);
		assert.match(text, new RegExp(`^ {2}- ${escapeRegExp(name)} \\(${short}\\): ${firstConmon} → ${secondConmon}$`, 'm'));

		// 5. The document: title, header, the session, the summary, the tree at exit in a closed block.
		const version = (await sandbox.podman(['--version'])).stdout.trim().split(' ').at(-1) ?? '';
		assert.match(text, /^# conmon-tui session transcript\n\n- \*\*Date:\*\* /);
		assert.match(text, new RegExp(`^- \\*\\*podman:\\*\\* ${escapeRegExp(version)}$`, 'm'));
		assert.match(text, new RegExp(`^- \\*\\*User:\\*\\* \\S+ \\(uid ${process.getuid?.() ?? 0}\\)$`, 'm'));
		const headings = text.split('\n').filter((line) => line.startsWith('#'));
		assert.deepEqual(
			headings.map((h) => h.replace(/\(.*\)/, '()')),
			['# conmon-tui session transcript', '## Session', '## Summary', '### Tree at exit ()'],
		);
		// Other users' or stores' conmons on this machine may be listed below ours: only ours is checked. The first
		// conmon is still there, marked exited, when the session ends within seconds of its replacement.
		assert.match(
			text,
			new RegExp(
				`\`\`\`text\\n(?:[^\\n]*\\n)*● ${escapeRegExp(podmanName)} {2}${short} [^\\n]*Up[^\\n]*\\n(?: {2}├─ conmon ${firstConmon} [^\\n]*✝ exited[^\\n]*\\n)? {2}└─ conmon ${secondConmon} [^\\n]*\\n +└─ sleep infinity \\d+\\n`,
			),
		);
		assert.ok(text.endsWith('\n```\n'), 'the tree block is closed and ends the file');
	});
});
