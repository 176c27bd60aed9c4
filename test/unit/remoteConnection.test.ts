import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOptions, UsageError } from '../../src/app/options.js';
import { remoteArgs } from '../../src/podman/commands.js';
import { ConnectionError, parseConnectionList, parseSshUri, remoteLabel, resolveConnection } from '../../src/remote/connection.js';

// `podman system connection list --format json` as podman 4.3.1 printed it on this machine, and
// as podman 5.x prints it (config.Connection: the same fields plus ReadWrite).
const PODMAN4 = `[
    { "Name": "build", "URI": "ssh://core@10.0.0.5:22/run/podman/podman.sock", "Identity": "/home/me/.ssh/id_build", "IsMachine": false, "Default": true },
    { "Name": "y", "URI": "ssh://me@h:22/run/user/1000/podman/podman.sock", "Identity": "", "IsMachine": false, "Default": false }
]`;
const PODMAN5 = `[
    { "Name": "podman-machine-default", "URI": "ssh://core@127.0.0.1:50123/run/user/501/podman/podman.sock", "Identity": "/Users/me/.local/share/containers/podman/machine/machine", "IsMachine": true, "Default": true, "ReadWrite": true },
    { "Name": "podman-machine-default-root", "URI": "ssh://root@127.0.0.1:50123/run/podman/podman.sock", "Identity": "/Users/me/.local/share/containers/podman/machine/machine", "IsMachine": true, "Default": false, "ReadWrite": true }
]`;

const linux = { platform: 'linux', env: {}, flag: undefined, connections: parseConnectionList(PODMAN4) };

describe('choosing the podman to show, as podman chooses', () => {
	it('reads both list shapes', () => {
		assert.deepEqual(parseConnectionList(PODMAN4)[0], {
			name: 'build',
			uri: 'ssh://core@10.0.0.5:22/run/podman/podman.sock',
			identity: '/home/me/.ssh/id_build',
			isDefault: true,
			isMachine: false,
		});
		assert.equal(parseConnectionList(PODMAN5)[0]?.isMachine, true);
		assert.deepEqual(parseConnectionList('[]'), []);
		assert.throws(() => parseConnectionList('Error: no'), ConnectionError);
	});

	it('Linux with nothing set: this machine (the default connection is for --remote only)', () => {
		assert.equal(resolveConnection(linux), undefined);
	});

	it('--connection NAME first, then CONTAINER_CONNECTION, then CONTAINER_HOST with CONTAINER_SSHKEY', () => {
		const env = { CONTAINER_CONNECTION: 'y', CONTAINER_HOST: 'ssh://root@other:2222/run/podman/podman.sock', CONTAINER_SSHKEY: '/k' };
		assert.equal(resolveConnection({ ...linux, env, flag: 'build' })?.name, 'build');
		assert.equal(resolveConnection({ ...linux, env })?.chosenBy, 'CONTAINER_CONNECTION');
		const byHost = resolveConnection({ ...linux, env: { CONTAINER_HOST: env.CONTAINER_HOST, CONTAINER_SSHKEY: '/k' } });
		assert.deepEqual(byHost?.ssh, { user: 'root', host: 'other', port: 2222, identity: '/k' });
		assert.equal(byHost?.name, undefined);
	});

	it('a name with no connections at all says how to make one', () => {
		assert.throws(
			() => resolveConnection({ ...linux, connections: [], flag: 'nope' }),
			(e: unknown) => e instanceof ConnectionError && e.kind === 'noConnections',
		);
	});

	it('an unknown name is an error that names the known ones', () => {
		assert.throws(
			() => resolveConnection({ ...linux, flag: 'nope' }),
			(e: unknown) => e instanceof ConnectionError && e.kind === 'unknownName' && e.params['known'] === 'build, y',
		);
	});

	it('macOS/Windows: the default connection, the podman machine', () => {
		const mac = { platform: 'darwin', env: {}, flag: undefined, connections: parseConnectionList(PODMAN5) };
		const chosen = resolveConnection(mac);
		assert.equal(chosen?.name, 'podman-machine-default');
		assert.equal(chosen?.chosenBy, 'default machine');
		assert.equal(chosen?.ssh?.port, 50123);
		assert.throws(() => resolveConnection({ ...mac, connections: [] }), ConnectionError);
	});

	it('the header label: name · ssh://user@host:port', () => {
		const chosen = resolveConnection({ ...linux, flag: 'build' });
		assert.ok(chosen);
		assert.equal(remoteLabel(chosen), 'build · ssh://core@10.0.0.5:22');
	});

	it('a URI ssh could misread as an option, or another scheme, gives no ssh target', () => {
		assert.equal(parseSshUri('ssh://-oProxyCommand=x@h/s', undefined), undefined);
		assert.equal(parseSshUri('unix:///run/podman/podman.sock', undefined), undefined);
		assert.deepEqual(parseSshUri('ssh://h/run/podman/podman.sock', undefined), { user: 'root', host: 'h', port: 22, identity: undefined });
	});

	it('--connection NAME on the command line, once or for several hosts, and the podman options it becomes', () => {
		assert.equal(parseOptions(['--connection', 'build']).connection, 'build');
		assert.equal(parseOptions([]).connection, undefined);
		assert.deepEqual(parseOptions([]).connections, []);
		assert.deepEqual(parseOptions(['--connection', 'a', '--connection', 'b']).connections, ['a', 'b']);
		assert.throws(() => parseOptions(['--connection', 'a', '--connection', 'a']), /--connection a is given twice/);
		assert.throws(() => parseOptions(['--connection', '']), UsageError);
		assert.throws(() => parseOptions(['--connection', 'a', '--connection', '']), UsageError);
		// A lesson, a transcript and a log file follow one host's store: refused with several, in one line.
		assert.throws(() => parseOptions(['lesson', '--connection', 'a', '--connection', 'b']), /a lesson runs on one host; give one --connection/);
		assert.throws(() => parseOptions(['--record', 'x.md', '--connection', 'a', '--connection', 'b']), /--record records one host/);
		assert.throws(() => parseOptions(['--log', 'x.jsonl', '--connection', 'a', '--connection', 'b']), /--log follows one host/);
		assert.deepEqual(remoteArgs({ name: 'build', uri: 'ssh://h/s', identity: '/k' }), ['--connection', 'build']);
		assert.deepEqual(remoteArgs({ name: undefined, uri: 'ssh://h/s', identity: '/k' }), ['--url', 'ssh://h/s', '--identity', '/k']);
	});
});
