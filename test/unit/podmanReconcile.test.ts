import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspectContainersArgs, listContainersArgs } from '../../src/podman/commands.js';
import { createAppStore } from '../../src/state/store.js';
import { PodmanReconcile } from '../../src/watch/podmanReconcile.js';
import { readFixture } from '../helpers/fixtures.js';

describe('PodmanReconcile', () => {
	test("ps's view reaches whoever waits for it before inspect is asked (the first frame goes first)", async () => {
		const store = createAppStore();
		const order: string[] = [];
		const ps = readFixture('podman4/ps.json');
		const reconcile = new PodmanReconcile(
			store,
			async (args) => {
				const isPs = args.join(' ') === listContainersArgs().join(' ');
				order.push(isPs ? 'ps' : args.join(' ') === inspectContainersArgs(args.slice(2)).join(' ') ? 'inspect' : args.join(' '));
				return { stdout: isPs ? ps : '[]', stderr: '', command: ['podman', ...args] };
			},
			() => {},
		);
		// As the live screen waits for the first list (src/app/interactive.ts): a subscriber, then a promise's continuation.
		const listed = new Promise<void>((resolve) => {
			const unsubscribe = store.subscribe((s) => {
				if (!s.loaded) return;
				unsubscribe();
				resolve();
			});
		});
		void listed.then(() => order.push('drawn'));
		await reconcile.reconcile({ full: true });
		reconcile.stop();
		assert.deepEqual(order, ['ps', 'drawn', 'inspect']);
	});

	test('quit while the first frame is drawn: no inspect is started', async () => {
		const store = createAppStore();
		const asked: string[] = [];
		const ps = readFixture('podman4/ps.json');
		const reconcile = new PodmanReconcile(
			store,
			async (args) => {
				asked.push(args[0] === 'ps' ? 'ps' : args.join(' '));
				return { stdout: args[0] === 'ps' ? ps : '[]', stderr: '', command: ['podman', ...args] };
			},
			() => {},
		);
		// The screen comes up with ps's view and the user quits at once (q, or a signal).
		const unsubscribe = store.subscribe((s) => {
			if (!s.loaded) return;
			unsubscribe();
			reconcile.stop();
		});
		await reconcile.reconcile({ full: true });
		assert.deepEqual(asked, ['ps']);
	});
});
