// Which podman conmon-tui shows, chosen as podman itself chooses (cmd/podman/root.go,
// setupRemoteConnection, podman 5): the `--connection` flag first, then CONTAINER_CONNECTION,
// then CONTAINER_HOST (with CONTAINER_SSHKEY), and on a machine that is not Linux the default
// connection (the podman machine). On Linux with none of these, podman is local. Pure: the
// connection list is handed in (`podman system connection list --format json`).

/** One entry of `podman system connection list --format json` (podman 4.3 and 5.x share these fields). */
export interface PodmanConnection {
	name: string;
	/** `ssh://user@host:port/path/to/podman.sock`, or `unix://…` for a local socket. */
	uri: string;
	/** The ssh private key file; empty when ssh's own defaults apply. */
	identity: string;
	/** The default connection (`podman system connection default`). */
	isDefault: boolean;
	/** A podman machine's connection (podman 4.1+; false when the field is absent). */
	isMachine: boolean;
}

/** Where the far side's /proc is read: ssh to this user at this host and port, with this key. */
export interface SshTarget {
	user: string;
	host: string;
	port: number;
	/** Undefined: ssh's own default keys and agent. */
	identity: string | undefined;
}

/** The podman conmon-tui shows when it is not this machine's. */
export interface RemoteTarget {
	/** The connection's name; undefined when it came from CONTAINER_HOST (a bare URL). */
	name: string | undefined;
	uri: string;
	identity: string | undefined;
	/** What chose it, said in --help terms when something is wrong. */
	chosenBy: '--connection' | 'CONTAINER_CONNECTION' | 'CONTAINER_HOST' | 'default machine';
	/** Parsed from an ssh:// URI; undefined for unix:// or tcp:// (no far /proc to read over ssh). */
	ssh: SshTarget | undefined;
}

/** What decided the choice: the flag, the environment and the OS. */
export interface ConnectionInputs {
	flag: string | undefined;
	env: Readonly<Record<string, string | undefined>>;
	platform: string;
	connections: readonly PodmanConnection[];
}

/** A connection that cannot be used; the message catalogue words it (`cli.connection.KIND`). */
export class ConnectionError extends Error {
	override name = 'ConnectionError';
	constructor(
		readonly kind: 'unknownName' | 'noConnections' | 'noDefault' | 'badList',
		readonly params: Readonly<Record<string, string>> = {},
	) {
		super(kind);
	}
}

/** Reads `podman system connection list --format json` (an array; 4.3 and 5.x field names). */
export function parseConnectionList(json: string): PodmanConnection[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(json);
	} catch {
		throw new ConnectionError('badList');
	}
	if (!Array.isArray(parsed)) return [];
	return parsed.flatMap((entry: unknown) => {
		if (!entry || typeof entry !== 'object') return [];
		const e = entry as Record<string, unknown>;
		if (typeof e['Name'] !== 'string' || typeof e['URI'] !== 'string') return [];
		return [
			{
				name: e['Name'],
				uri: e['URI'],
				identity: typeof e['Identity'] === 'string' ? e['Identity'] : '',
				isDefault: e['Default'] === true,
				isMachine: e['IsMachine'] === true,
			},
		];
	});
}

/** Whether the choice needs the connection list at all (a name to look up, or a default to find). */
export function needsConnectionList(inputs: Omit<ConnectionInputs, 'connections'>): boolean {
	if (inputs.flag !== undefined || nonEmpty(inputs.env['CONTAINER_CONNECTION'])) return true;
	if (nonEmpty(inputs.env['CONTAINER_HOST'])) return false;
	return inputs.platform !== 'linux';
}

/** The far podman to show, or undefined for this machine's podman. Throws ConnectionError for an unknown name. */
export function resolveConnection(inputs: ConnectionInputs): RemoteTarget | undefined {
	const byName = (name: string, chosenBy: RemoteTarget['chosenBy']): RemoteTarget => {
		const found = inputs.connections.find((c) => c.name === name);
		if (!found) {
			const known = inputs.connections.map((c) => c.name).join(', ');
			throw new ConnectionError(known ? 'unknownName' : 'noConnections', { from: chosenBy, name, known });
		}
		return target(found.name, found.uri, found.identity, chosenBy);
	};
	if (inputs.flag !== undefined) return byName(inputs.flag, '--connection');
	const envConnection = inputs.env['CONTAINER_CONNECTION'];
	if (nonEmpty(envConnection)) return byName(envConnection, 'CONTAINER_CONNECTION');
	const envHost = inputs.env['CONTAINER_HOST'];
	if (nonEmpty(envHost)) return target(undefined, envHost, inputs.env['CONTAINER_SSHKEY'], 'CONTAINER_HOST');
	if (inputs.platform === 'linux') return undefined;
	// macOS and Windows: podman is only a remote client, and its default connection is the podman machine.
	const fallback = inputs.connections.find((c) => c.isDefault) ?? inputs.connections.find((c) => c.isMachine);
	if (!fallback) throw new ConnectionError('noDefault');
	return target(fallback.name, fallback.uri, fallback.identity, 'default machine');
}

function target(name: string | undefined, uri: string, identity: string | undefined, chosenBy: RemoteTarget['chosenBy']): RemoteTarget {
	const key = nonEmpty(identity) ? identity : undefined;
	return { name, uri, identity: key, chosenBy, ssh: parseSshUri(uri, key) };
}

/**
 * The ssh part of `ssh://user@host:port/socket`: user, host, port (22 when absent), or undefined
 * for another scheme or a URI ssh could misread (a host or user that starts with "-" would be an option).
 */
export function parseSshUri(uri: string, identity: string | undefined): SshTarget | undefined {
	let url: URL;
	try {
		url = new URL(uri);
	} catch {
		return undefined;
	}
	if (url.protocol !== 'ssh:') return undefined;
	const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
	const user = decodeURIComponent(url.username) || 'root';
	const port = url.port === '' ? 22 : Number(url.port);
	if (!/^[A-Za-z0-9._:%-]+$/.test(host) || host.startsWith('-')) return undefined;
	if (!/^[A-Za-z0-9._][A-Za-z0-9._-]*$/.test(user)) return undefined;
	if (!Number.isInteger(port) || port <= 0 || port > 65535) return undefined;
	return { user, host, port, identity };
}

/** The header's words for the far side: `build · ssh://core@10.0.0.5:22`. */
export function remoteLabel(target: RemoteTarget): string {
	const where = target.ssh ? `ssh://${target.ssh.user}@${target.ssh.host}:${target.ssh.port}` : target.uri;
	return target.name === undefined ? where : `${target.name} · ${where}`;
}

function nonEmpty(value: string | undefined): value is string {
	return value !== undefined && value !== '';
}
