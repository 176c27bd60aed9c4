// The far host's details a view asks for (a conmon's cgroup, a pod's namespaces): not read for
// every process on every scan (that would cost a read per process and an ls per scan), but for
// the PIDs a view asked about lately, with the next scan. A view asks again each second while it
// is open, so the answer is there one scan after the view opened, and kept fresh while it stays.
import type { FarScan } from './farRecords.js';

/** How long a PID stays asked for after the last ask: a few scans, so an open view never loses it. */
export const FAR_DETAILS_ASKED_MS = 10_000;

/** The PIDs asked for, and the details the last scan read for them. Pure: the clock is handed in. */
export class FarDetails {
	private readonly asked = new Map<number, number>();
	private cgroups = new Map<number, string>();
	private namespaces = new Map<number, Readonly<Record<string, string>>>();

	/** Notes that a view wants PID's details (read with the next scan). */
	ask(pid: number, now: number): void {
		this.asked.set(pid, now);
	}

	/** The PIDs to ask the far side for in this scan; those not asked for lately are let go. */
	pidsToRead(now: number): number[] {
		for (const [pid, at] of this.asked) if (now - at > FAR_DETAILS_ASKED_MS) this.asked.delete(pid);
		return [...this.asked.keys()];
	}

	/** Keeps what a scan read; a PID no longer running (not in `alive`) keeps nothing: the PID may be reused. */
	take(scan: Pick<FarScan, 'cgroups' | 'namespaces'>, alive: ReadonlySet<number>): void {
		this.cgroups = new Map([...scan.cgroups].filter(([pid]) => alive.has(pid)));
		this.namespaces = new Map([...scan.namespaces].filter(([pid]) => alive.has(pid)));
	}

	/** /proc/PID/cgroup as the last scan read it, or undefined (not read yet, or gone). */
	cgroup(pid: number): string | undefined {
		return this.cgroups.get(pid);
	}

	/** PID's namespace links as the last scan read them; empty when not read yet, or gone. */
	namespacesOf(pid: number): Readonly<Record<string, string>> {
		return this.namespaces.get(pid) ?? {};
	}
}
