// Parses the far-side script's answer (farScript.ts) into what the local /proc reader would have
// read: the same parse.ts parsers see the same text. Pure.

import { type ProcessFacts, type ProcStat, parseCmdline, parseIdMap, parseNsPid, parseSignalMasks, parseStat, parseUid } from '../proc/parse.js';
import { NAMESPACE_KINDS } from '../proc/read.js';

/** One scan's answer, record by record. */
export interface FarScan {
	/** /proc cannot be read on the far side. */
	unreadable: boolean;
	/** Seconds since the far host booted (/proc/uptime). */
	uptimeSeconds: number | undefined;
	/** Every user-space process's stat line, parsed. */
	stats: ProcStat[];
	/** cmdline, split, for the processes not already known by the request's keys. */
	argv: Map<number, string[]>;
	/** Uid, NSpid and the signal masks (from status) and uid_map, sent with each cmdline. */
	facts: Map<number, ProcessFacts>;
	/** /proc/PID/cgroup as written, for the PIDs asked that could be read. */
	cgroups: Map<number, string>;
	/** The /proc/PID/ns/* links the local reader reads (NAMESPACE_KINDS), by kind, for the PIDs asked. */
	namespaces: Map<number, Record<string, string>>;
}

/** One namespace link in `ls -l` (POSIX: `PATH -> CONTENTS`), as the kernel names it: `net:[4026532201]`. */
const NS_LINK = / \/proc\/([0-9]{1,10})\/ns\/([a-z_]+) -> ([a-z_]+:\[[0-9]+\])$/;

/** Decodes od's `-An -tx1` lines (hex bytes separated by spaces) back to bytes, then UTF-8 as the local reader reads. */
export function decodeHexLines(lines: readonly string[]): string {
	const hex = lines.join(' ').trim();
	if (hex === '') return '';
	const bytes = hex.split(/\s+/).map((pair) => Number.parseInt(pair, 16));
	return Buffer.from(bytes.filter((b) => Number.isInteger(b) && b >= 0 && b < 256)).toString('utf8');
}

/** Parses the lines of one answer (without the closing `E`). Unknown or broken records are skipped: the far side is data. */
export function parseFarScan(lines: readonly string[]): FarScan {
	const scan: FarScan = {
		unreadable: false,
		uptimeSeconds: undefined,
		stats: [],
		argv: new Map(),
		facts: new Map(),
		cgroups: new Map(),
		namespaces: new Map(),
	};
	const cgroupLines = new Map<number, string[]>();
	const status = new Map<number, string[]>();
	const maps = new Map<number, string[]>();
	let hexFor: { kind: 'C' | 'R'; pid: number } | undefined;
	let hex: string[] = [];
	const endHex = () => {
		if (!hexFor) return;
		const text = decodeHexLines(hex);
		if (hexFor.kind === 'C') scan.argv.set(hexFor.pid, parseCmdline(text));
		else {
			const stat = parseStat(text);
			if (stat) scan.stats.push(stat);
		}
		hexFor = undefined;
		hex = [];
	};
	for (const line of lines) {
		if (hexFor && line.startsWith(' ')) {
			hex.push(line);
			continue;
		}
		endHex();
		const tag = line[0];
		const body = line.slice(2);
		if (tag === 'S') {
			const stat = parseStat(body);
			if (stat) scan.stats.push(stat);
		} else if (tag === 'C' || tag === 'R') {
			const pid = pidOf(body);
			if (pid !== undefined) hexFor = { kind: tag, pid };
		} else if (tag === 'T' || tag === 'M') {
			const space = body.indexOf(' ');
			const pid = pidOf(body.slice(0, space));
			if (pid === undefined) continue;
			const into = tag === 'T' ? status : maps;
			into.set(pid, [...(into.get(pid) ?? []), body.slice(space + 1)]);
		} else if (tag === 'G') {
			const space = body.indexOf(' ');
			const pid = pidOf(body.slice(0, space));
			if (pid !== undefined) cgroupLines.set(pid, [...(cgroupLines.get(pid) ?? []), body.slice(space + 1)]);
		} else if (tag === 'L') {
			const [, pid, kind, link] = NS_LINK.exec(body) ?? [];
			if (pid === undefined || kind === undefined || link === undefined || !NAMESPACE_KINDS.includes(kind)) continue;
			scan.namespaces.set(Number(pid), { ...scan.namespaces.get(Number(pid)), [kind]: link });
		} else if (tag === 'B') {
			const uptime = Number(body.split(' ')[0]);
			if (Number.isFinite(uptime)) scan.uptimeSeconds = uptime;
		} else if (tag === 'N') {
			scan.unreadable = true;
		}
	}
	endHex();
	// The file as written: each line ends with a newline.
	for (const [pid, lines] of cgroupLines) scan.cgroups.set(pid, lines.map((l) => `${l}\n`).join(''));
	for (const pid of scan.argv.keys()) {
		const text = (status.get(pid) ?? []).join('\n');
		scan.facts.set(pid, {
			uid: parseUid(text),
			nsPid: parseNsPid(text),
			uidMap: parseIdMap((maps.get(pid) ?? []).join('\n')),
			...parseSignalMasks(text),
		});
	}
	return scan;
}

function pidOf(text: string): number | undefined {
	return /^[0-9]{1,10}$/.test(text) ? Number(text) : undefined;
}

/** A key of the request: `PID@START@COMM`, or undefined when the name holds a newline (it could not be one line). */
export function knownKey(stat: Pick<ProcStat, 'pid' | 'startTicks' | 'comm'>): string | undefined {
	return stat.comm.includes('\n') || stat.comm.includes('\r') ? undefined : `${stat.pid}@${stat.startTicks}@${stat.comm}`;
}
