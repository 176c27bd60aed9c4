import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame } from './ptyScreen.js';
import { PtyScreen } from './ptyScreen.js';

/**
 * The two programs the benchmark compares, and how each one's screen says what a
 * scenario waits for. Both run from the build (conmon-tui as package.json's `bin` names
 * it), in the same pty size.
 */

/** The two programs, and conmon-tui under one Node or another (`npm run bench -- --node N`). */
export type SubjectKey = 'conmonTui' | 'baseline' | 'htop' | `node:${string}`;

/** What is known of a container when its screen is checked. */
export interface ContainerFacts {
	id: string;
	conmonPid: number;
}

export interface Subject {
	key: SubjectKey;
	label: string;
	/** Starts the program in a pty against the store `env` selects. */
	spawn(env: Record<string, string>, image: string): PtyScreen;
	/** Row 1: the new container is on screen (conmon-tui: its conmon PID; baseline: its ID). */
	showsNewContainer(facts: ContainerFacts): (frame: Frame) => boolean;
	/** Row 2: the container's end is on screen (conmon-tui: conmon gone or zombie; baseline: state exited). */
	showsExited(facts: ContainerFacts): (frame: Frame) => boolean;
	/** The list is drawn with `count` containers (header count plus at least one container row if any). */
	showsCount(count: number): (frame: Frame) => boolean;
	/** `count` live conmons are drawn (conmon-tui's header count); undefined for a program that knows none. */
	showsConmons: ((count: number) => (frame: Frame) => boolean) | undefined;
	/**
	 * How long the program needs, after activity, before it is idle again. conmon-tui scans
	 * /proc every 40 ms for 3 s after a sign of change (src/watch/watcher.ts BURST_*), then only on
	 * its slower timers; the baseline has no such mode. Row 2 kills a container only after
	 * this, plus a random jitter, so that the kill lands at a random moment of an idle program.
	 */
	settleMs: number;
	/** Row 3 needs a selection to move; the baseline has none. */
	hasKeys: boolean;
}

/** The pty every subject runs in: the size the e2e tests use. */
export const SCREEN = { columns: 140, rows: 40 } as const;

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const distFile = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

/** The program as the package ships it: package.json's `bin` (the build may bundle it anywhere). */
export function conmonTuiProgram(): string {
	const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { bin?: string | Record<string, string> };
	const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.['conmon-tui'];
	if (!bin) throw new Error('package.json has no bin for conmon-tui');
	return path.join(projectRoot, bin);
}

/**
 * The Node options of the program's shebang (`#!/usr/bin/env -S node --max-semi-space-size=2`):
 * installed, the program runs through it, so the bench runs `node` with them too.
 */
export function shebangNodeOptions(program: string): string[] {
	const first = readFileSync(program, 'utf8').split('\n', 1)[0] ?? '';
	const words = first.replace(/^#!/, '').trim().split(/\s+/);
	const node = words.findIndex((word) => word === 'node' || word.endsWith('/node'));
	return node < 0 ? [] : words.slice(node + 1).filter((word) => word.startsWith('--'));
}

/** `node` arguments that run conmon-tui as its bin does (`extra`: more Node options, such as a probe to import). */
function conmonTuiArgs(image: string, extra: readonly string[] = [], program = conmonTuiProgram()): string[] {
	return [...shebangNodeOptions(program), ...extra, program, '--image', image];
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function headerCount(first: string, count: number): RegExp {
	return new RegExp(`^${escapeRegExp(first)}.*\\b${count} containers\\b`);
}

/** A container row: after the selection column (▶ or two spaces, components/TreeLine.tsx), its state glyph. */
const CONTAINER_ROW = /^(?:▶ | {2})[●○◐] /m;

export const conmonTui: Subject = {
	key: 'conmonTui',
	label: 'conmon-tui',
	spawn: (env, image) => new PtyScreen('conmon-tui', process.execPath, conmonTuiArgs(image), { env, cwd: projectRoot, ...SCREEN }),
	showsNewContainer: ({ conmonPid }) => {
		// The tree row of a live conmon: "└─ conmon 24622", "└─ conmon 24622  ★ new" or "└─ conmon 24622  (2nd start; ...)".
		const live = new RegExp(`└─ conmon ${conmonPid}(?:  \\(|  ★|$)`, 'm');
		return (frame) => live.test(frame.text);
	},
	showsExited: ({ conmonPid }) => {
		// Its row marked dead: "└─ conmon 24622  ✝ exited ..." (a zombie's: "conmon 24622 zombie (...)  ✝ exited ...").
		const dead = new RegExp(`└─ conmon ${conmonPid}(?: zombie[^\\n]*)? {2}✝ exited`);
		return (frame) => dead.test(frame.text);
	},
	showsCount: (count) => {
		const header = headerCount('conmon-tui', count);
		return (frame) => header.test(frame.text) && (count === 0 || CONTAINER_ROW.test(frame.text));
	},
	showsConmons: (count) => {
		const header = new RegExp(`^conmon-tui.*\\b${count} conmons\\b`);
		return (frame) => header.test(frame.text);
	},
	settleMs: 3_200,
	hasKeys: true,
};

/**
 * conmon-tui run by the node executable `node` with `env` added (the Node comparison): the same
 * screen checks as conmonTui, under its own key so that side-by-side runs are told apart.
 */
export function conmonTuiOn(key: `node:${string}`, label: string, node: string, env: Record<string, string>): Subject {
	return {
		...conmonTui,
		key,
		label,
		spawn: (base, image) => new PtyScreen(label, node, conmonTuiArgs(image), { env: { ...base, ...env }, cwd: projectRoot, ...SCREEN }),
	};
}

/**
 * conmon-tui with more Node options (`nodeArgs`, before the program) and environment: a CPU
 * profile of its start, or the memory probe (bench/memoryProbe.ts); `program`: another build of
 * it (an older tree's, for a before/after). The same screen checks.
 */
export function conmonTuiWith(label: string, nodeArgs: readonly string[], env: Record<string, string>, program?: string): Subject {
	return {
		...conmonTui,
		label,
		spawn: (base, image) =>
			new PtyScreen(label, process.execPath, conmonTuiArgs(image, nodeArgs, program), { env: { ...base, ...env }, cwd: projectRoot, ...SCREEN }),
	};
}

/**
 * htop (apt's, tree view, its default delay of 1.5 s) in the same pty: the reference an idle
 * terminal monitor is compared with. It shows processes, not containers: its screen is "drawn"
 * once its header counts tasks.
 */
export const htop: Subject = {
	key: 'htop',
	label: 'htop -t',
	spawn: (env) => new PtyScreen('htop', 'htop', ['-t'], { env, cwd: projectRoot, ...SCREEN }),
	showsNewContainer: () => () => false,
	showsExited: () => () => false,
	showsCount: () => (frame) => /\bTasks: \d+/.test(frame.text),
	showsConmons: undefined,
	settleMs: 0,
	hasKeys: false,
};

export const baseline: Subject = {
	key: 'baseline',
	label: 'baseline (podman ps every 1 s)',
	spawn: (env) => new PtyScreen('baseline', process.execPath, [distFile('./baselinePoller.js')], { env, cwd: projectRoot, ...SCREEN }),
	showsNewContainer: ({ id }) => {
		const row = new RegExp(`^${id.slice(0, 12)} `, 'm');
		return (frame) => row.test(frame.text);
	},
	showsExited: ({ id }) => {
		const row = new RegExp(`^${id.slice(0, 12)} .* exited `, 'm');
		return (frame) => row.test(frame.text);
	},
	showsCount: (count) => {
		const header = headerCount('baseline', count);
		const row = /^[0-9a-f]{12} /m;
		return (frame) => header.test(frame.text) && (count === 0 || row.test(frame.text));
	},
	showsConmons: undefined,
	settleMs: 0,
	hasKeys: false,
};

export const SUBJECTS: readonly Subject[] = [conmonTui, baseline];
