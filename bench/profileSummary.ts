#!/usr/bin/env node
/**
 * `node dist/bench/profileSummary.js FILE.cpuprofile [--from S] [--top N]`: where an idle program's
 * CPU goes, from a V8 CPU profile (`node --cpu-prof`), counting only the samples taken `S` seconds
 * or more after the profile began (the start is not idle). Prints the busy time, the functions
 * with the most self time, and the moments the program woke up (a run of busy samples), each with
 * the function that was on top most often: how many wake-ups per second and what woke it.
 * Read the bundle built with `node scripts/bundle.mjs --profile` (dist/profile-bundle/): the
 * shipped one is minified, its functions have one-letter names.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

const IDLE = new Set(['(idle)', '(program)']);

function frameName(node: ProfileNode): string {
	const { functionName, url, lineNumber } = node.callFrame;
	return `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''}`.trim();
}

function main(): void {
	const args = process.argv.slice(2);
	const file = args.find((a) => !a.startsWith('--'));
	const option = (name: string, fallback: number): number => {
		const i = args.indexOf(name);
		return i >= 0 ? Number(args[i + 1]) : fallback;
	};
	if (!file) {
		process.stderr.write('usage: profileSummary FILE.cpuprofile [--from S] [--top N]\n');
		process.exit(2);
	}
	const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	const fromUs = profile.startTime + option('--from', 0) * 1e6;
	const top = option('--top', 25);
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	/** The stack's frames from the root down to the sample's node. */
	const stackOf = (id: number): ProfileNode[] => {
		const stack: ProfileNode[] = [];
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			const node = byId.get(at);
			if (node) stack.unshift(node);
		}
		return stack;
	};
	const self = new Map<string, number>();
	const inclusive = new Map<string, number>();
	let busyUs = 0;
	let t = profile.startTime;
	let windowStart: number | undefined;
	const wakes: { at: number; us: number; tops: Map<string, number> }[] = [];
	let current: (typeof wakes)[number] | undefined;
	let lastBusyAt = 0;
	for (let i = 0; i < profile.samples.length; i++) {
		t += profile.timeDeltas[i] ?? 0;
		const dt = profile.timeDeltas[i + 1] ?? 0;
		if (t < fromUs) continue;
		windowStart ??= t;
		const node = byId.get(profile.samples[i] ?? -1);
		if (!node) continue;
		const name = node.callFrame.functionName;
		if (IDLE.has(name)) continue;
		busyUs += dt;
		self.set(frameName(node), (self.get(frameName(node)) ?? 0) + dt);
		const stack = stackOf(node.id);
		for (const f of new Set(stack.map(frameName))) inclusive.set(f, (inclusive.get(f) ?? 0) + dt);
		// A wake-up: busy samples less than 20 ms apart. Named by the frame just below the event loop's entry.
		if (!current || t - lastBusyAt > 20_000) {
			current = { at: t, us: 0, tops: new Map() };
			wakes.push(current);
		}
		lastBusyAt = t;
		current.us += dt;
		const entry = stack.find((f) => f.callFrame.url.includes('bundle') || f.callFrame.url.includes('/src/')) ?? node;
		current.tops.set(frameName(entry), (current.tops.get(frameName(entry)) ?? 0) + dt);
	}
	const spanS = (profile.endTime - (windowStart ?? profile.endTime)) / 1e6;
	const ms = (us: number) => (us / 1000).toFixed(1);
	process.stdout.write(
		`window ${spanS.toFixed(1)} s; busy ${ms(busyUs)} ms = ${((busyUs / 1e6 / spanS) * 100).toFixed(2)} % of a core (main thread, sampled)\n`,
	);
	process.stdout.write(`\nself time, top ${top}:\n`);
	for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${ms(us).padStart(9)} ms  ${name}\n`);
	process.stdout.write(`\ninclusive time, top ${top}:\n`);
	for (const [name, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${ms(us).padStart(9)} ms  ${name}\n`);
	const wakeKinds = new Map<string, { n: number; us: number }>();
	for (const wake of wakes) {
		const first = [...wake.tops].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '?';
		const kind = wakeKinds.get(first) ?? { n: 0, us: 0 };
		kind.n++;
		kind.us += wake.us;
		wakeKinds.set(first, kind);
	}
	process.stdout.write(
		`\nwake-ups (busy samples < 20 ms apart): ${wakes.length}, ${(wakes.length / spanS).toFixed(2)} a second; by their first bundle frame:\n`,
	);
	for (const [name, { n, us }] of [...wakeKinds].sort((a, b) => b[1].us - a[1].us).slice(0, top)) {
		process.stdout.write(`${String(n).padStart(5)} × ${ms(us / n).padStart(6)} ms = ${ms(us).padStart(8)} ms  ${name}\n`);
	}
}

main();
