/** conmon-tui reads podman 4.x and 5.x output; 3.x and older differ in events and ps JSON. */
export const MIN_PODMAN_MAJOR = 4;

/** Reads "podman version 4.3.1" (or "podman version 5.2.0-dev"). */
export function parsePodmanVersion(output: string): { text: string; major: number; minor: number } | undefined {
	const match = /version\s+v?((\d+)\.(\d+)(?:\.\d+)?[^\s]*)/i.exec(output);
	if (!match) return undefined;
	return { text: match[1] ?? '', major: Number(match[2]), minor: Number(match[3]) };
}

/** Both ends of `podman version --format json` (podman 4.x and 5.x: `{"Client":{"Version":…},"Server":{…}}`; no Server locally). */
export interface PodmanVersions {
	client: string | undefined;
	server: string | undefined;
}

/** Reads `podman version --format json`; fields that are missing or not strings are undefined. */
export function parseVersionJson(output: string): PodmanVersions {
	let parsed: unknown;
	try {
		parsed = JSON.parse(output);
	} catch {
		return { client: undefined, server: undefined };
	}
	const versionOf = (side: unknown): string | undefined => {
		const version = typeof side === 'object' && side !== null ? (side as { Version?: unknown }).Version : undefined;
		return typeof version === 'string' && version !== '' ? version : undefined;
	};
	const record = typeof parsed === 'object' && parsed !== null ? (parsed as { Client?: unknown; Server?: unknown }) : {};
	return { client: versionOf(record.Client), server: versionOf(record.Server) };
}
