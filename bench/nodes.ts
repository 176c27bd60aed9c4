import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeBuild } from '../test/nodes/nodeBuilds.js';
import { nowMs } from './clock.js';
import { addRunningContainers, countContainers } from './fleet.js';
import type { BenchConfig } from './results.js';
import { type BenchContext, firstFrame, type IdleUsage, idleUsage } from './scenarios.js';
import { summarize } from './stats.js';
import { conmonTuiOn, type Subject } from './subjects.js';

/**
 * `npm run bench -- --node 24`: conmon-tui's first frame and idle CPU under the machine's Node
 * and under another major's official build, and under that build with and without Node's compile
 * cache (src/app/compileCache.ts). Launches of the variants take turns, so that the machine's noise
 * falls on all of them alike; the idle window runs the two Nodes side by side.
 */

/** One way of running conmon-tui. */
export interface NodeVariant {
	label: string;
	version: string;
	compileCache: 'on' | 'off' | 'none in this Node';
}

export interface NodeComparison {
	date: string;
	mode: BenchConfig['mode'];
	containers: number;
	variants: NodeVariant[];
	/** The first launch of each variant, not counted: it fills the compile cache (and the page cache). */
	warmUpMs: Record<string, number>;
	/** First frame of each variant, ms, in launch order. */
	firstFrameMs: Record<string, number[]>;
	/** The two Nodes idle side by side (the other one with its compile cache on). */
	idle: Record<string, IdleUsage>;
	cpuWindowMs: number;
}

/** Runs the comparison in `ctx`'s store (filled to config.small running containers here). */
export async function compareNodes(ctx: BenchContext, config: BenchConfig, other: NodeBuild, log: (message: string) => void): Promise<NodeComparison> {
	const missing = config.small - (await countContainers(ctx.sandbox)).total;
	if (missing > 0) {
		log(`adding ${missing} running containers…`);
		await addRunningContainers(ctx.sandbox, missing);
		ctx.youngestStartedAt = nowMs();
	}
	// A compile cache of this run's own, so that no earlier one decides the warm-up launch.
	const cacheDir = mkdtempSync(join(tmpdir(), 'conmon-tui-bench-compile-cache-'));
	try {
		const machine = { label: `Node ${process.version}`, version: process.version, compileCache: 'none in this Node' } as const;
		const cached = { label: `Node ${other.version}, compile cache on`, version: other.version, compileCache: 'on' } as const;
		const uncached = { label: `Node ${other.version}, compile cache off`, version: other.version, compileCache: 'off' } as const;
		const subjects: [NodeVariant, Subject][] = [
			[machine, conmonTuiOn('node:machine', machine.label, process.execPath, {})],
			// Node's default cache directory is in os.tmpdir(): TMPDIR makes it this run's own. (NODE_COMPILE_CACHE would
			// also cache the code Node loads before enableCompileCache() is called, which users do not get.)
			[cached, conmonTuiOn('node:cached', cached.label, other.path, { TMPDIR: cacheDir })],
			[uncached, conmonTuiOn('node:uncached', uncached.label, other.path, { NODE_DISABLE_COMPILE_CACHE: '1' })],
		];
		const result: NodeComparison = {
			date: new Date().toISOString(),
			mode: config.mode,
			containers: config.small,
			variants: subjects.map(([v]) => v),
			warmUpMs: {},
			firstFrameMs: {},
			idle: {},
			cpuWindowMs: config.cpuWindowMs,
		};
		for (const [variant, subject] of subjects) {
			const warm = await firstFrame(ctx, subject, config.small, 1);
			result.warmUpMs[variant.label] = warm.containers[0] ?? Number.NaN;
			result.firstFrameMs[variant.label] = [];
		}
		for (let run = 0; run < config.firstFrameRuns; run++) {
			for (const [variant, subject] of subjects) {
				const frames = await firstFrame(ctx, subject, config.small, 1);
				result.firstFrameMs[variant.label]?.push(...frames.containers);
			}
			log(`first frames: ${run + 1} of ${config.firstFrameRuns} rounds`);
		}
		const sideBySide = [subjects[0], subjects[1]].flatMap((pair) => (pair ? [pair] : []));
		const usage = await idleUsage(
			ctx,
			sideBySide.map(([, subject]) => subject),
			config.small,
			config.cpuWindowMs,
			config.minContainerAgeMs,
		);
		for (const [variant, subject] of sideBySide) {
			const idle = usage[subject.key];
			if (idle) result.idle[variant.label] = idle;
		}
		return result;
	} finally {
		rmSync(cacheDir, { recursive: true, force: true });
	}
}

/** Where RESULTS.md keeps the comparison, so that a full `npm run bench` rewriting the main table keeps it. */
export const NODES_SECTION_START = '<!-- node comparison: npm run bench -- --node N -->';
export const NODES_SECTION_END = '<!-- end of node comparison -->';

/** The comparison's section of an existing RESULTS.md, or '' when it has none. */
export function nodesSectionOf(markdown: string): string {
	const start = markdown.indexOf(NODES_SECTION_START);
	const end = markdown.indexOf(NODES_SECTION_END);
	return start >= 0 && end > start ? `${markdown.slice(start, end + NODES_SECTION_END.length)}\n` : '';
}

/** `markdown` with its comparison section replaced by `section` (added at the end when it has none). */
export function withNodesSection(markdown: string, section: string): string {
	const old = nodesSectionOf(markdown);
	if (old) return markdown.replace(old, section);
	return `${markdown.trimEnd()}\n\n${section}`;
}

const ms = (value: number | undefined): string => (value === undefined || Number.isNaN(value) ? '–' : value.toFixed(0));

/** The comparison as a RESULTS.md section (between the markers). */
export function nodesMarkdown(c: NodeComparison, machineLine: string): string {
	const rows = c.variants.map((variant) => {
		const frames = summarize(c.firstFrameMs[variant.label] ?? []);
		const idle = c.idle[variant.label];
		return (
			`| ${variant.label} | ${ms(frames?.p50)} | ${ms(frames?.p95)} | ${frames?.n ?? 0} | ${ms(c.warmUpMs[variant.label])} | ` +
			`${idle ? idle.cpuPercent.toFixed(2) : '–'} | ${idle ? (idle.rssKb / 1024).toFixed(1) : '–'} |`
		);
	});
	return `${NODES_SECTION_START}
## Node ${c.variants[0]?.version ?? ''} and ${c.variants[1]?.version ?? ''} side by side

Made by \`npm run bench -- --node ${c.variants[1]?.version.replace(/^v(\d+).*/, '$1') ?? ''}${c.mode === 'quick' ? ' --quick' : ''}\` (${c.mode} mode) on ${c.date}; ${machineLine}.
conmon-tui (the built \`dist/bundle/cli.js\`) against ${c.containers} running containers, run by each Node.
First frame as row 6 above: from spawning node in the pty to the first screen listing all ${c.containers} containers.
The variants' launches take turns (one of each per round) after one uncounted warm-up launch each, which also fills a compile cache of this run's own;
the compile cache (\`module.enableCompileCache()\`, src/app/compileCache.ts) is turned off with \`NODE_DISABLE_COMPILE_CACHE=1\`.
Idle CPU and memory as rows 4 and 7: the two Nodes side by side in one ${Math.round(c.cpuWindowMs / 1000)} s window (Node ${c.variants[1]?.version ?? ''} with its compile cache on).
Medians are what to quote; the machine is a noisy 2-core VM.

| Node | first frame p50 (ms) | p95 | n | warm-up launch (ms) | idle CPU (%) | resident memory (MiB) |
|---|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}
${NODES_SECTION_END}
`;
}
