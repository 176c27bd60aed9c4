/**
 * The header with a far podman: the far service's version, with this machine's client when they
 * differ, at 80 columns. No podman runs; the store is set as the watcher sets it.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { setLanguage } from '../../src/messages/i18n.js';
import { renderApp } from '../helpers/appHarness.js';
import { waitForContent } from '../helpers/inkTesting.js';

const FAR = { label: 'far · ssh://root@127.0.0.1:40331', stale: undefined, procUnknown: false };

describe('header: a far podman', () => {
	afterEach(() => {
		cleanup();
		setLanguage('en');
	});

	test('a podman 5.4.2 client of a 4.3.1 service: the service, then the client, before the host', async () => {
		setLanguage('en');
		const { rendered } = await renderApp({ loaded: true, podmanVersion: '5.4.2', farSide: { ...FAR, serverVersion: '4.3.1' } }, { columns: 80, rows: 24 });
		const screen = await waitForContent(rendered, 'far ·');
		assert.match(screen.split('\n')[0] ?? '', /^conmon-tui {2}podman 4\.3\.1 \(client 5\.4\.2\) {2}far · ssh:\/\/root@127\.0\.0\.1:4033/);
	});

	test('both ends the same: one version', async () => {
		const { rendered } = await renderApp({ loaded: true, podmanVersion: '4.3.1', farSide: { ...FAR, serverVersion: '4.3.1' } }, { columns: 80, rows: 24 });
		const screen = await waitForContent(rendered, 'far ·');
		assert.match(screen.split('\n')[0] ?? '', /^conmon-tui {2}podman 4\.3\.1 {2}far · /);
	});

	test('the service not heard from yet: "?" and the client, never the client alone', async () => {
		const { rendered } = await renderApp({ loaded: true, podmanVersion: '4.3.1', farSide: FAR }, { columns: 80, rows: 24 });
		const screen = await waitForContent(rendered, 'far ·');
		assert.match(screen.split('\n')[0] ?? '', /^conmon-tui {2}podman \? \(client 4\.3\.1\) {2}far · /);
	});
});
