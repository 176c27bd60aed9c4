/**
 * Details for podman as people run it: Enter on a pod row (its infra, the namespaces the infra holds
 * for the members, every container's own conmon), a conmon of a unit's container (the unit, its
 * cgroup read from /proc and what it means, --sdnotify=conmon), and the events backend under `?`.
 * /proc is a fake reader; nothing runs podman.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).
import '../helpers/forceColor.js';

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { EMPTY_HISTORY } from '../../src/model/conmonHistory.js';
import { podKey } from '../../src/model/pod.js';
import { renderApp } from '../helpers/appHarness.js';
import { FakeProcessReader } from '../helpers/fakeReader.js';
import { at, byId, containerId, makeContainer, makeGeneration, makeProcess } from '../helpers/fixtureState.js';
import { readFixture } from '../helpers/fixtures.js';
import { ENTER, sendInput, sendInputAndWaitForContent, waitForContent } from '../helpers/inkTesting.js';

afterEach(() => cleanup());

const ARROW_RIGHT = '\u001B[C';
const POD = containerId('pod-web');
const INFRA = containerId('infra');
const MEMBER = containerId('web-a');
const UNIT = containerId('unit');

describe('details of a pod, of a unit container’s conmon, and the events backend', () => {
	test('Enter on a pod row: its ID, the infra and the namespaces it shares with the members, one conmon per container', async () => {
		const containers = [
			makeContainer({ id: INFRA, name: `${POD.slice(0, 12)}-infra`, pid: 501, createdAt: at(16, 1, 0), pod: POD, podName: 'web', isInfra: true }),
			makeContainer({ id: MEMBER, name: 'web-a', pid: 511, createdAt: at(16, 1, 1), pod: POD, podName: 'web', isInfra: false }),
		];
		const generations = { [INFRA]: [makeGeneration(500, at(16, 1, 0))], [MEMBER]: [makeGeneration(510, at(16, 1, 1))] };
		const reader = new FakeProcessReader({
			501: { comm: 'catatonit', namespaces: { ipc: 'ipc:[1]', net: 'net:[2]', uts: 'uts:[3]', pid: 'pid:[4]', user: 'user:[5]' } },
			511: { comm: 'sleep', namespaces: { ipc: 'ipc:[1]', net: 'net:[2]', uts: 'uts:[3]', pid: 'pid:[8]', user: 'user:[5]' } },
			// conmon-tui itself, in the host's namespaces: the user namespace both containers have is the host's.
			[process.pid]: { comm: 'node', namespaces: { ipc: 'ipc:[90]', net: 'net:[91]', uts: 'uts:[92]', pid: 'pid:[93]', user: 'user:[5]' } },
		});
		const { rendered } = await renderApp(
			{ loaded: true, containers: byId(containers), history: { ...EMPTY_HISTORY, generations }, selectedId: podKey(POD) },
			{ columns: 120, rows: 30 },
			{ reader },
		);
		await sendInput(rendered, ENTER);
		const screen = await waitForContent(rendered, 'holds the namespaces the pod shares: ipc, net, uts');
		assert.match(screen, new RegExp(`pod web  ${POD}`));
		assert.match(screen, new RegExp(`infra container ${INFRA.slice(0, 12)} \\(${POD.slice(0, 12)}-infra\\)`));
		assert.match(screen, /2 containers, one conmon each:/);
		assert.match(screen, new RegExp(`${POD.slice(0, 12)}-infra  ${INFRA.slice(0, 12)}  Up [^\\n]*conmon 500  \\(infra\\)`));
		assert.match(screen, new RegExp(`web-a  ${MEMBER.slice(0, 12)}  Up [^\\n]*conmon 510`));
		assert.doesNotMatch(screen, /pid, |, pid|user/, "the member has its own PID namespace; the user namespace is the host's");
	});

	test("Enter on the conmon of a unit's container: the unit, the cgroup /proc gives and what it means, --sdnotify=conmon", async () => {
		const container = makeContainer({ id: UNIT, name: 'web', pid: 611, systemdUnit: 'web.service', sdNotifyMode: 'conmon' });
		const generation = makeGeneration(600, at(16, 0, 1));
		const reader = new FakeProcessReader({ 600: { comm: 'conmon', ppid: 1, cgroup: readFixture('proc/cgroup/unit-v2.txt') }, 1: { comm: 'systemd' } });
		const { rendered } = await renderApp(
			{
				loaded: true,
				containers: byId([container]),
				history: { ...EMPTY_HISTORY, generations: { [UNIT]: [generation] } },
				processes: [
					makeProcess(600, 1, ['/usr/bin/conmon', '--api-version', '1', '-c', UNIT, '-u', UNIT, '-n', 'web']),
					makeProcess(611, 600, ['sleep', 'infinity']),
				],
				selectedId: UNIT,
			},
			{ columns: 160, rows: 40 },
			{ reader },
		);
		const tree = await waitForContent(rendered, 'unit web.service');
		assert.match(tree, /● web .* unit web\.service/);
		await sendInput(rendered, ARROW_RIGHT);
		await sendInput(rendered, ENTER);
		const screen = await waitForContent(rendered, "conmon runs in web.service's own cgroup");
		assert.match(screen, /systemd unit web\.service \(label PODMAN_SYSTEMD_UNIT/);
		assert.match(screen, /cgroup +\/system\.slice\/web\.service/);
		assert.match(screen, /sd-notify +conmon/);
		assert.match(screen, /MAINPID=600 \(this conmon\) and READY=1/);
	});

	test("Enter on a unit's container: the unit beside podman's view", async () => {
		const container = makeContainer({ id: UNIT, name: 'web', systemdUnit: 'web.service' });
		const { rendered } = await renderApp({ loaded: true, containers: byId([container]), selectedId: UNIT }, { columns: 160, rows: 30 });
		const screen = await sendInputAndWaitForContent(rendered, ENTER, 'podman says');
		assert.match(screen, /systemd unit web\.service \(label PODMAN_SYSTEMD_UNIT, which the units Quadlet and podman generate systemd write set\)/);
	});

	test('? names the events backend podman info gave, with what it means', async () => {
		const { rendered } = await renderApp({ loaded: true, podmanVersion: '4.3.1', eventsBackend: 'journald' }, { columns: 200, rows: 40 });
		const screen = await sendInputAndWaitForContent(rendered, '?', 'events backend');
		assert.match(screen, /podman 4\.3\.1 · events backend: journald \(podman info: host\.eventLogger\) — podman events reads the journal/);
	});
});
