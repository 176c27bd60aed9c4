import { type Container, shortId } from '../model/container.js';

// podman's JSON for containers (`ps -a --format json`, `container inspect`), read into the
// model's Container. The shapes are podman's, so they live with the code that runs podman.

type Json = Record<string, unknown>;

function asObject(value: unknown): Json {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function asString(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

function asNumber(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function asPid(value: unknown): number | undefined {
	const pid = asNumber(value);
	return pid !== undefined && pid > 0 ? pid : undefined;
}

/** Unix seconds (ps) to milliseconds; podman writes 0 or a negative year-1 value when unset. */
function unixSecondsToMs(value: unknown): number | undefined {
	const seconds = asNumber(value);
	return seconds !== undefined && seconds > 0 ? seconds * 1000 : undefined;
}

/** RFC 3339 time (inspect) to milliseconds; podman's zero time is year 1. */
function isoToMs(value: unknown): number | undefined {
	const text = asString(value);
	if (!text || text.startsWith('0001-')) return undefined;
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? undefined : ms;
}

function asStringArray(value: unknown): string[] {
	if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
	if (typeof value === 'string' && value !== '') return [value];
	return [];
}

/** Parses `podman ps -a --format json` (podman 4.x and 5.x). Unusable entries are skipped. */
export function parsePsJson(stdout: string): Container[] {
	const parsed: unknown = stdout.trim() === '' ? [] : JSON.parse(stdout);
	if (!Array.isArray(parsed)) return [];
	const containers: Container[] = [];
	for (const item of parsed) {
		const entry = asObject(item);
		const id = asString(entry['Id']) ?? asString(entry['ID']);
		if (!id) continue;
		const names = asStringArray(entry['Names']);
		const state = asString(entry['State']) ?? 'unknown';
		containers.push({
			id,
			name: names[0] ?? shortId(id),
			image: asString(entry['Image']) ?? '',
			command: asStringArray(entry['Command']),
			state,
			exitCode: asNumber(entry['ExitCode']),
			pid: asPid(entry['Pid']),
			podmanConmonPid: undefined,
			createdAt: unixSecondsToMs(entry['Created']),
			startedAt: unixSecondsToMs(entry['StartedAt']),
			finishedAt: unixSecondsToMs(entry['ExitedAt']),
			restartCount: undefined,
			execIds: [],
			...podOf(entry),
			...systemdUnitOf(asObject(entry['Labels'])),
			...autoRemoveOf(entry['AutoRemove']),
		});
	}
	return containers;
}

/** Parses `podman container inspect` output (an array of containers). */
export function parseInspectJson(stdout: string): Container[] {
	const parsed: unknown = stdout.trim() === '' ? [] : JSON.parse(stdout);
	if (!Array.isArray(parsed)) return [];
	const containers: Container[] = [];
	for (const item of parsed) {
		const entry = asObject(item);
		const id = asString(entry['Id']);
		if (!id) continue;
		const state = asObject(entry['State']);
		const config = asObject(entry['Config']);
		const command = [...asStringArray(config['Entrypoint']), ...asStringArray(config['Cmd'])];
		containers.push({
			id,
			name: asString(entry['Name']) ?? shortId(id),
			image: asString(entry['ImageName']) ?? asString(config['Image']) ?? asString(entry['Image']) ?? '',
			command: command.length > 0 ? command : asStringArray(entry['Args']),
			state: asString(state['Status']) ?? 'unknown',
			exitCode: asNumber(state['ExitCode']),
			pid: asPid(state['Pid']),
			podmanConmonPid: asPid(state['ConmonPid']),
			createdAt: isoToMs(entry['Created']),
			startedAt: isoToMs(state['StartedAt']),
			finishedAt: isoToMs(state['FinishedAt']),
			restartCount: asNumber(entry['RestartCount']),
			execIds: asStringArray(entry['ExecIDs']),
			...sandboxKeyOf(entry),
			...podOf(entry),
			...systemdUnitOf(asObject(config['Labels'])),
			...sdNotifyOf(config['sdNotifyMode']),
			...autoRemoveOf(asObject(entry['HostConfig'])['AutoRemove']),
		});
	}
	return containers;
}

function sandboxKeyOf(entry: Json): { sandboxKey?: string } {
	const key = asString(asObject(entry['NetworkSettings'])['SandboxKey']);
	return key ? { sandboxKey: key } : {};
}

/**
 * The pod fields: `Pod` (the pod's ID, in ps and inspect), `PodName` (ps with `--pod` only) and
 * `IsInfra`. The same names in podman 4.x and 5.x (pkg/domain/entities/container_ps.go, `ListContainer`).
 * Outside a pod, `Pod` is "" and the fields are left out.
 */
function podOf(entry: Json): Pick<Container, 'pod' | 'podName' | 'isInfra'> {
	const pod = asString(entry['Pod']);
	if (!pod) return {};
	const podName = asString(entry['PodName']);
	return { pod, ...(podName ? { podName } : {}), isInfra: entry['IsInfra'] === true };
}

/**
 * The label podman puts on a container a systemd unit runs: Quadlet's units and those of `podman
 * generate systemd --new` set `Environment=PODMAN_SYSTEMD_UNIT=%n`, and `podman run` copies that
 * variable into a label of the same name (podman's pkg/specgenutil/specgen.go; `podman auto-update`
 * reads it back). ps has it in `Labels`, inspect in `.Config.Labels`.
 */
function systemdUnitOf(labels: Json): { systemdUnit?: string } {
	const unit = asString(labels['PODMAN_SYSTEMD_UNIT']);
	return unit ? { systemdUnit: unit } : {};
}

/** inspect's `.Config.sdNotifyMode` (lower-case key, podman 4.x and 5.x: libpod/define InspectContainerConfig). */
function sdNotifyOf(value: unknown): { sdNotifyMode?: string } {
	const mode = asString(value);
	return mode ? { sdNotifyMode: mode } : {};
}

/** `--rm`: only said when true, so that containers without it keep their old shape. */
function autoRemoveOf(value: unknown): { autoRemove?: true } {
	return value === true ? { autoRemove: true } : {};
}

/** Inspect knows more than ps (ConmonPid, exec IDs, restart count); ps lists every container. */
export function mergeContainerViews(listed: Container[], inspected: Container[]): Container[] {
	const byId = new Map(inspected.map((c) => [c.id, c]));
	return listed.map((c) => {
		const detail = byId.get(c.id);
		if (!detail) return c;
		// Only ps (with --pod) names the pod.
		const podName = c.podName === undefined ? {} : { podName: c.podName };
		return { ...detail, ...podName, image: detail.image || c.image, command: detail.command.length > 0 ? detail.command : c.command };
	});
}
