import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setLanguage } from '../../src/messages/i18n.js';
import { EMPTY_HISTORY } from '../../src/model/conmonHistory.js';
import { snapshotJson } from '../../src/output/snapshot.js';
import { parsePodmanVersion, parseVersionJson } from '../../src/podman/version.js';
import { podmanVersionText } from '../../src/present/podmanVersionText.js';
import { readFixture } from '../helpers/fixtures.js';

const FAR = { label: 'far · ssh://root@127.0.0.1:2222', stale: undefined, procUnknown: false };

describe('podman version --format json: client and server (captured)', () => {
	test('podman 4.3.1 on both ends (the far side of the remote tests)', () => {
		assert.deepEqual(parseVersionJson(readFixture('podman4/version-remote.json')), { client: '4.3.1', server: '4.3.1' });
	});

	test('a podman 5.4.2 client of a podman 4.3.1 service: each end its own', () => {
		assert.deepEqual(parseVersionJson(readFixture('podman5/version-remote-to-podman4.json')), { client: '5.4.2', server: '4.3.1' });
	});

	test('locally there is no Server; broken or empty output (a service that does not answer prints nothing) gives nothing', () => {
		assert.deepEqual(parseVersionJson('{"Client":{"APIVersion":"4.3.1","Version":"4.3.1"}}'), { client: '4.3.1', server: undefined });
		assert.deepEqual(parseVersionJson(''), { client: undefined, server: undefined });
		assert.deepEqual(parseVersionJson('{"Client":{"Version":5},"Server":null}'), { client: undefined, server: undefined });
		assert.deepEqual(parseVersionJson('[1]'), { client: undefined, server: undefined });
	});

	test('`podman --version` still reads the client (the check at start)', () => {
		assert.equal(parsePodmanVersion('podman version 5.4.2\n')?.text, '5.4.2');
	});
});

describe('the podman version shown', () => {
	test("locally: this machine's podman", () => {
		assert.equal(podmanVersionText('4.3.1', undefined), '4.3.1');
	});

	test("a far podman: the service's version, once when both ends agree", () => {
		assert.equal(podmanVersionText('4.3.1', { ...FAR, serverVersion: '4.3.1' }), '4.3.1');
	});

	test('a far podman older than its client: both, the far one first (it runs the containers)', () => {
		setLanguage('en');
		assert.equal(podmanVersionText('5.4.2', { ...FAR, serverVersion: '4.3.1' }), '4.3.1 (client 5.4.2)');
		setLanguage('ja');
		assert.equal(podmanVersionText('5.4.2', { ...FAR, serverVersion: '4.3.1' }), '4.3.1 (クライアント 5.4.2)');
		setLanguage('en');
	});

	test('a far service that has not answered: unknown, never the client taken for it', () => {
		setLanguage('en');
		assert.equal(podmanVersionText('4.3.1', FAR), '? (client 4.3.1)');
	});

	test('--once --json: podmanVersion is the far service, podmanClientVersion this machine', () => {
		const source = { containers: {}, history: EMPTY_HISTORY, processes: [], unmonitored: {}, podmanVersion: '5.4.2' };
		const far = snapshotJson({ ...source, farSide: { ...FAR, serverVersion: '4.3.1' } });
		assert.equal(far.podmanVersion, '4.3.1');
		assert.equal(far.podmanClientVersion, '5.4.2');
		assert.equal(snapshotJson({ ...source, farSide: FAR }).podmanVersion, null, 'unknown, not the client');
		const local = snapshotJson(source);
		assert.equal(local.podmanVersion, '5.4.2');
		assert.equal(local.podmanClientVersion, '5.4.2');
	});
});
