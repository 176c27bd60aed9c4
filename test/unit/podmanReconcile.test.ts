import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listContainersArgs } from '../../src/podman/commands.js';
import { type AppStore, createAppStore } from '../../src/state/store.js';
import { PodmanReconcile } from '../../src/watch/podmanReconcile.js';
import { readFixture } from '../helpers/fixtures.js';

/** A reconcile whose podman lists the fixture's containers and inspects none; each query is noted in `asked` (ps, inspect). */
function reconcileNoting(store: AppStore, asked: string[]): PodmanReconcile {
	const ps = readFixture('podman4/ps.json');
	return new PodmanReconcile(
		store,
		async (args) => {
			const isPs = args.join(' ') === listContainersArgs().join(' ');
			asked.push(isPs ? 'ps' : args.includes('inspect') ? 'inspect' : args.join(' '));
			return { stdout: isPs ? ps : '[]', stderr: '', command: ['podman', ...args] };
		},
		() => {},
	);
}

/** Calls `then` once the store holds a container list, as the live screen waits for the first one (src/app/interactive.ts). */
function whenListed(store: AppStore, then: () => void): void {
	const unsubscribe = store.subscribe((s) => {
		if (!s.loaded) return;
		unsubscribe();
		then();
	});
}

describe('PodmanReconcile', () => {
	test("ps's view reaches whoever waits for it before inspect is asked (the first frame goes first)", async () => {
		const store = createAppStore();
		const order: string[] = [];
		const reconcile = reconcileNoting(store, order);
		// The screen draws in a promise's continuation after the store says the list is in.
		whenListed(store, () => void Promise.resolve().then(() => order.push('drawn')));
		await reconcile.reconcile({ full: true });
		reconcile.stop();
		assert.deepEqual(order, ['ps', 'drawn', 'inspect']);
	});

	test('quit while the first frame is drawn: no inspect is started', async () => {
		const store = createAppStore();
		const asked: string[] = [];
		const reconcile = reconcileNoting(store, asked);
		// The screen comes up with ps's view and the user quits at once (q, or a signal).
		whenListed(store, () => reconcile.stop());
		await reconcile.reconcile({ full: true });
		assert.deepEqual(asked, ['ps']);
	});
});
