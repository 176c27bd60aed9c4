// A process's unix sockets: the inodes of its socket fds (/proc/PID/fd) matched to the kernel's
// table of unix sockets (/proc/PID/net/unix, the process's own network namespace). That is how
// conmon's attach socket, and each podman connected to it, can be seen without `ss`.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** One unix socket a process holds. */
export interface UnixSocket {
	/** The fd number in the process. */
	fd: number;
	inode: number;
	/** The path it is bound to, as the kernel recorded it at bind(); undefined when unnamed (a client's end). */
	path: string | undefined;
	/** Listening (`__SO_ACCEPTCON`): a server socket; an accepted connection carries the listener's path without this flag. */
	listening: boolean;
	/** SOCK_STREAM 1, SOCK_DGRAM 2, SOCK_SEQPACKET 5 (conmon's attach socket). */
	type: number;
}

/** __SO_ACCEPTCON in the Flags column of /proc/net/unix. */
const ACCEPT_CON = 0x10000;

/** One row of /proc/net/unix, by inode. */
export interface UnixSocketRow {
	inode: number;
	path: string | undefined;
	listening: boolean;
	type: number;
}

/**
 * Parses /proc/net/unix: `Num RefCount Protocol Flags Type St Inode [Path]`, hex but Inode. The
 * path may hold spaces: it is everything after the seventh column.
 */
export function parseUnixTable(text: string): Map<number, UnixSocketRow> {
	const rows = new Map<number, UnixSocketRow>();
	for (const line of text.split('\n').slice(1)) {
		const match = /^\s*\S+:\s+\S+\s+\S+\s+([0-9A-Fa-f]+)\s+([0-9A-Fa-f]+)\s+\S+\s+(\d+)(?: (.*))?$/.exec(line);
		if (!match) continue;
		const inode = Number(match[3]);
		rows.set(inode, {
			inode,
			path: match[4] === undefined || match[4] === '' ? undefined : match[4],
			listening: (Number.parseInt(match[1] ?? '0', 16) & ACCEPT_CON) !== 0,
			type: Number.parseInt(match[2] ?? '0', 16),
		});
	}
	return rows;
}

/** The inode of a `socket:[INODE]` fd link, or undefined for any other link. */
export function socketInode(link: string): number | undefined {
	const match = /^socket:\[(\d+)\]$/.exec(link);
	return match ? Number(match[1]) : undefined;
}

/** The unix sockets PID holds, in fd order; [] when it has gone (or its fds cannot be read). */
export function readUnixSockets(pid: number, procRoot = '/proc'): UnixSocket[] {
	let fds: string[];
	let table: Map<number, UnixSocketRow>;
	try {
		fds = readdirSync(`${procRoot}/${pid}/fd`);
		table = parseUnixTable(readFileSync(`${procRoot}/${pid}/net/unix`, 'utf8'));
	} catch {
		return [];
	}
	const sockets: UnixSocket[] = [];
	for (const fd of fds.map(Number).sort((a, b) => a - b)) {
		let link: string;
		try {
			link = readlinkSync(`${procRoot}/${pid}/fd/${fd}`);
		} catch {
			continue;
		}
		const inode = socketInode(link);
		const row = inode === undefined ? undefined : table.get(inode);
		if (row) sockets.push({ fd, ...row });
	}
	return sockets;
}
