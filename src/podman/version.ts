/** conmon-tui reads podman 4.x and 5.x output; 3.x and older differ in events and ps JSON. */
export const MIN_PODMAN_MAJOR = 4;

/** Reads "podman version 4.3.1" (or "podman version 5.2.0-dev"). */
export function parsePodmanVersion(output: string): { text: string; major: number; minor: number } | undefined {
	const match = /version\s+v?((\d+)\.(\d+)(?:\.\d+)?[^\s]*)/i.exec(output);
	if (!match) return undefined;
	return { text: match[1] ?? '', major: Number(match[2]), minor: Number(match[3]) };
}
