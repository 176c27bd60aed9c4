import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { t } from '../../src/messages/i18n.js';
import { hostsSnapshotJson, hostsSnapshotText } from '../../src/output/hostsSnapshot.js';
import { snapshotJson } from '../../src/output/snapshot.js';
import { hostProblem, podmanFailed, procUnreadableOnly } from '../../src/state/hostStatus.js';
import { crossHosts } from '../../src/state/hosts.js';
import { createAppStore } from '../../src/state/store.js';
import { BATCH_ID, byId, DB_ID, fixtureState, NOW, WEB_ID } from '../helpers/fixtureState.js';

/**
 * Several hosts (`--connection a --connection b`): where the cursor goes between hosts' stores,
 * and what `--once` prints for several hosts.
 */
function stores() {
	const all = fixtureState();
	const only = (ids: string[]) => byId(ids.flatMap((id) => (all.containers[id] ? [all.containers[id]] : [])));
	return [
		createAppStore({ ...all, containers: only([WEB_ID, BATCH_ID]), selectedId: BATCH_ID }),
		// A host with no containers (or whose podman never answered) is passed over.
		createAppStore({ loaded: true }),
		createAppStore({ ...all, containers: only([DB_ID]), selectedId: DB_ID }),
	];
}

describe('crossing hosts', () => {
	test('a move inside the active host is left to it; past its end the next host with rows takes the cursor', () => {
		const s = stores();
		assert.equal(crossHosts(s, 0, { by: -1 }), undefined, 'batch → web stays on the first host');
		assert.equal(crossHosts(s, 0, { by: 1 }), 2, 'past batch: the empty host is passed over');
		assert.equal(s[2]?.getState().selectedId, DB_ID);
		assert.equal(crossHosts(s, 2, { by: -1 }), 0, 'up from db: back to the first host, on its last row');
		assert.equal(s[0]?.getState().selectedId, BATCH_ID);
		assert.equal(crossHosts(s, 2, { by: 1 }), undefined, "past the last host's last row: no crossing");
		assert.equal(crossHosts(s, 2, 'first'), 0);
		assert.equal(s[0]?.getState().selectedId, WEB_ID);
		assert.equal(crossHosts(s, 0, 'last'), 2);
	});

	test('from a host with no rows, any move goes to a host that has some', () => {
		const s = stores();
		assert.equal(crossHosts(s, 1, { by: 1 }), 2);
		assert.equal(crossHosts(s, 1, { by: -1 }), 0);
		assert.equal(crossHosts([createAppStore({ loaded: true })], 0, { by: 1 }), undefined);
	});
});

describe('--once with several hosts', () => {
	const [a, , b] = stores().map((s) => s.getState());
	const hosts = [
		{
			name: 'build',
			uri: 'ssh://core@10.0.0.5:22/run/podman/podman.sock',
			state: { ...a!, farSide: { label: 'build · ssh://core@10.0.0.5:22', stale: undefined, procUnknown: false } },
		},
		{
			name: 'lab',
			uri: 'ssh://root@10.0.0.6:2222/run/podman/podman.sock',
			state: { ...b!, containers: {}, ...podmanFailed('the far podman (lab) does not answer'), farSide: undefined },
		},
	];

	test("JSON: a hosts array, each with its connection, URI, error, and one host's fields", () => {
		const json = hostsSnapshotJson(hosts, NOW);
		assert.deepEqual(Object.keys(json), ['takenAt', 'hosts']);
		const [build, lab] = json.hosts;
		assert.equal(build?.connection, 'build');
		assert.equal(build?.uri, 'ssh://core@10.0.0.5:22/run/podman/podman.sock');
		assert.equal(build?.error, null);
		const { takenAt: _t, ...single } = snapshotJson(hosts[0]!.state, NOW);
		for (const [key, value] of Object.entries(single)) assert.deepEqual(build?.[key as keyof typeof build], value, key);
		assert.deepEqual(
			build?.containers.map((c) => c.name),
			['web', 'batch'],
		);
		assert.equal(lab?.error, 'the far podman (lab) does not answer');
	});

	test('a far /proc that cannot be read is said but is no failure: the host prints its view', () => {
		const state = {
			...hosts[0]!.state,
			status: { tone: 'error' as const, text: t('far.procUnreadable'), source: 'host' as const },
			farSide: { label: 'build · ssh://core@10.0.0.5:22', stale: undefined, procUnknown: true },
		};
		assert.equal(procUnreadableOnly(state), true);
		assert.equal(hostProblem(state), undefined);
		assert.match(hostsSnapshotText([{ ...hosts[0]!, state }], NOW), /● web /);
		assert.equal(hostProblem({ ...state, podmanFailure: 'podman ps failed' }), 'podman ps failed');
	});

	test('text: each host under its heading; a failed host says what failed', () => {
		const text = hostsSnapshotText(hosts, NOW).split('\n');
		assert.equal(text[0], '── build · ssh://core@10.0.0.5:22');
		assert.match(text[1] ?? '', /● web /);
		const lab = text.indexOf('── lab');
		assert.ok(lab > 1, text.join('\n'));
		assert.equal(text[lab + 1], 'the far podman (lab) does not answer');
	});
});
