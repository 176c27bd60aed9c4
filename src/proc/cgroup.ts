/**
 * Which cgroup a conmon runs in, read from /proc/PID/cgroup, and what podman meant by it. podman
 * (libpod/oci_conmon_linux.go, moveConmonToCgroupAndSignal) puts each conmon it starts in a cgroup
 * of its own — a systemd scope `libpod-conmon-<id>.scope` under the systemd cgroup manager,
 * `<cgroup parent>/conmon` under cgroupfs — unless the container says `--cgroups=no-conmon`
 * (or disabled, or split) or podman itself runs in a systemd service ($INVOCATION_ID set): then
 * conmon stays where podman was, in the unit's own cgroup, and systemd counts it as the unit's.
 */
export type ConmonCgroupKind = 'conmon-scope' | 'unit' | 'cgroupfs' | 'other';

export interface ConmonCgroup {
	kind: ConmonCgroupKind;
	/** The cgroup path that says so (the unified v2 path, or the v1 hierarchy that names it). */
	path: string;
	/** The systemd unit whose cgroup it is (`web.service`), for kind `unit`. */
	unit?: string;
}

/** One line of /proc/PID/cgroup: `ID:CONTROLLERS:PATH` (`0::/path` on cgroup v2). */
interface CgroupLine {
	controllers: string;
	path: string;
}

function parseLines(text: string): CgroupLine[] {
	return text
		.split('\n')
		.filter((line) => line.trim() !== '')
		.flatMap((line) => {
			const first = line.indexOf(':');
			const second = line.indexOf(':', first + 1);
			if (first < 0 || second < 0) return [];
			return [{ controllers: line.slice(first + 1, second), path: line.slice(second + 1) }];
		});
}

/** The `.service` unit a path lies in (the deepest one), e.g. `/system.slice/web.service` → `web.service`. */
function serviceOf(path: string): string | undefined {
	return path
		.split('/')
		.filter((part) => part.endsWith('.service'))
		.at(-1);
}

/**
 * Reads /proc/PID/cgroup of a conmon. On cgroup v2 the one line `0::PATH` is the answer; on a v1 or
 * hybrid host every hierarchy has its own line, and the one that tells is looked for: podman's
 * scope or a service unit (systemd's `name=systemd` tree), else cgroupfs's `…/conmon`, else the
 * unified or first line. Undefined for an empty file (the process has gone).
 */
export function parseConmonCgroup(text: string): ConmonCgroup | undefined {
	const lines = parseLines(text);
	if (lines.length === 0) return undefined;
	const scope = lines.find((l) => /(^|\/)libpod-conmon-[0-9a-f]+\.scope(\/|$)/.test(l.path));
	if (scope) return { kind: 'conmon-scope', path: scope.path };
	const unitLine = lines.find((l) => serviceOf(l.path) !== undefined);
	const unit = unitLine ? serviceOf(unitLine.path) : undefined;
	if (unitLine && unit) return { kind: 'unit', path: unitLine.path, unit };
	const cgroupfs = lines.find((l) => /\/conmon$/.test(l.path));
	if (cgroupfs) return { kind: 'cgroupfs', path: cgroupfs.path };
	const shown = lines.find((l) => l.controllers === '') ?? lines.find((l) => l.path !== '/') ?? lines[0];
	return shown ? { kind: 'other', path: shown.path } : undefined;
}
