import { readFileSync } from 'node:fs';
import os from 'node:os';
import { execa } from 'execa';

/** The machine and build a benchmark ran on: numbers mean little without it. */
export interface MachineInfo {
	nproc: number;
	cpuModel: string;
	memoryGiB: number;
	podman: string;
	node: string;
	kernel: string;
	/** 1, 5 and 15 minute load averages when the benchmark started: how busy "noisy" was. */
	loadAtStart: number[];
	/** The same when it ended (filled in by the runner). */
	loadAtEnd: number[];
	/** The 1-minute load average sampled every LOAD_SAMPLE_MS during the run: min, median, max (filled in by the runner). */
	loadDuring: { min: number; median: number; max: number } | undefined;
	/** `git describe --always --dirty` of the measured tree: the build is whatever was there. */
	gitDescribe: string;
}

async function firstLine(file: string, args: string[]): Promise<string> {
	const result = await execa(file, args, { reject: false, timeout: 15_000, stdin: 'ignore' });
	return result.exitCode === 0 ? (result.stdout.split('\n')[0]?.trim() ?? '') : 'unknown';
}

/** The 1, 5 and 15 minute load averages, rounded. */
export function loadAverage(): number[] {
	return os.loadavg().map((l) => Math.round(l * 100) / 100);
}

/** How often the load average is sampled while the benchmark runs. */
export const LOAD_SAMPLE_MS = 5_000;

/** Samples the 1-minute load average until stopped; returns min, median and max. */
export function sampleLoad(): { stop(): { min: number; median: number; max: number } } {
	const samples = [os.loadavg()[0] ?? 0];
	const timer = setInterval(() => samples.push(os.loadavg()[0] ?? 0), LOAD_SAMPLE_MS);
	timer.unref();
	return {
		stop() {
			clearInterval(timer);
			const sorted = samples.sort((a, b) => a - b);
			const round = (v: number | undefined): number => Math.round((v ?? 0) * 100) / 100;
			return { min: round(sorted[0]), median: round(sorted[Math.floor(sorted.length / 2)]), max: round(sorted.at(-1)) };
		},
	};
}

/** Reads /proc/cpuinfo, os, and asks podman and git for their versions. */
export async function describeMachine(projectRoot: string): Promise<MachineInfo> {
	const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
	const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
	const [podman, nproc, git] = await Promise.all([
		firstLine('podman', ['--version']),
		firstLine('nproc', []),
		firstLine('git', ['-C', projectRoot, 'describe', '--always', '--dirty']),
	]);
	return {
		nproc: Number(nproc) || os.availableParallelism(),
		cpuModel: model,
		memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
		podman,
		node: process.version,
		kernel: `${os.type()} ${os.release()}`,
		loadAtStart: loadAverage(),
		loadAtEnd: [],
		loadDuring: undefined,
		gitDescribe: git,
	};
}
