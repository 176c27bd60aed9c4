import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectsConmon } from '../../src/model/container.js';
import { mergeContainerViews, parseInspectJson, parsePsJson } from '../../src/podman/containerJson.js';
import { eventKey, type PodmanEvent, parsePodmanEvent } from '../../src/podman/event.js';
import { podmanEventEntry } from '../../src/present/eventLog.js';
import { readFixture } from '../helpers/fixtures.js';

function events(path: string): PodmanEvent[] {
	return readFixture(path)
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			const event = parsePodmanEvent(line);
			assert.ok(event, `parses: ${line}`);
			return event;
		});
}

describe('podman events, 4.x shape (captured from podman 4.3.1)', () => {
	const all = events('podman4/events.jsonl');
	const containerEvents = all.filter((e) => e.type === 'container');

	test('every line parses, with its time to the nanosecond', () => {
		const create = all[0];
		assert.equal(create?.status, 'create');
		assert.equal(create?.name, 'ev-ctr');
		assert.equal(create?.timeNano, String(BigInt(Date.parse('2026-11-29T17:44:39Z')) * 1_000_000n + 957388078n));
		assert.equal(create?.timeMs, Date.parse('2026-11-29T17:44:39.957Z'));
	});

	test('a trimmed fraction (…09539511Z) is padded, not misread', () => {
		const start = parsePodmanEvent('{"ID":"x","Status":"start","Time":"2026-11-29T17:44:40.09539511Z","Type":"container"}');
		assert.equal(start?.timeNano.slice(-9), '095395110');
	});

	test('died carries the exit code; a zero code omitted by podman 4 reads as 0', () => {
		const died = containerEvents.filter((e) => e.status === 'died').map((e) => e.exitCode);
		assert.equal(died[0], 137, 'the kill');
		assert.ok(died.includes(3), 'sh -c "exit 3"');
		assert.ok(died.every((code) => typeof code === 'number'));
		const execDied = containerEvents.find((e) => e.status === 'exec_died');
		assert.equal(execDied?.exitCode, 0);
		assert.equal(containerEvents.find((e) => e.status === 'start')?.exitCode, undefined);
	});

	test('the event log gets one line per lifecycle change, none for init/cleanup/kill', () => {
		const lines = containerEvents.flatMap((e) => podmanEventEntry(e)?.text ?? []);
		assert.ok(lines.includes('container ev-ctr (216ef605fc33) created'));
		assert.ok(lines.includes('container ev-ctr (216ef605fc33) died (exit code 137)'));
		assert.ok(lines.includes('container ev-ctr (216ef605fc33) paused'));
		assert.ok(lines.includes('exec session started in ev-ctr (216ef605fc33)'));
		assert.ok(lines.some((l) => l.startsWith('container ev-exit3') && l.endsWith('died (exit code 3)')));
		assert.ok(
			lines.every((l) => !/ (init|cleanup|kill)/.test(l)),
			lines.join('\n'),
		);
		assert.equal(podmanEventEntry(all.find((e) => e.type === 'image') as PodmanEvent), undefined);
	});

	test('the same event seen twice (a --since resume) has the same key; different events differ', () => {
		const keys = all.map(eventKey);
		assert.equal(new Set(keys).size, keys.length);
		const line = readFixture('podman4/events.jsonl').split('\n')[0] ?? '';
		assert.equal(eventKey(parsePodmanEvent(line) as PodmanEvent), keys[0]);
	});
});

describe('podman events, 5.x shape (built from podman 5 source)', () => {
	const all = events('podman5/events.jsonl');

	test('time comes from timeNano, and exit codes including 0 are read', () => {
		const create = all[0];
		assert.equal(create?.timeMs, 1741608000124);
		const died = all.filter((e) => e.status === 'died').map((e) => e.exitCode);
		assert.deepEqual(died, [137, 0]);
	});

	test('the other 5.x events (health_status, errors, labels) parse too', () => {
		for (const event of events('podman5/events-other.jsonl')) assert.ok(event.status);
	});

	test('timeNano past 2^53 is read exactly, to the nanosecond', () => {
		// 1764612345123456789 > 2^53: JSON.parse alone makes it 1764612345123456800.
		const event = parsePodmanEvent('{"ID":"x","Status":"start","time":1764612345,"timeNano":1764612345123456789,"Type":"container"}');
		assert.equal(event?.timeNano, '1764612345123456789');
		assert.equal(event?.timeMs, 1764612345123);
		const next = parsePodmanEvent('{"ID":"x","Status":"died","time":1764612345,"timeNano":1764612345123456801,"Type":"container"}');
		assert.ok(event && next);
		assert.notEqual(eventKey(event), eventKey({ ...next, status: 'start' }), 'two events 12 ns apart are not taken for one');
	});

	test("a container label named timeNano never sets the event's time (labels are the container creator's)", () => {
		const v4 = parsePodmanEvent(
			'{"ID":"x","Name":"n","Status":"died","Time":"2026-11-29T17:44:39.957388078Z","Type":"container","Attributes":{"timeNano":"5"}}',
		);
		assert.equal(v4?.timeMs, Date.parse('2026-11-29T17:44:39.957Z'));
		const v5first = parsePodmanEvent(
			'{"ID":"x","Status":"died","Attributes":{"timeNano":"5"},"time":1764612345,"timeNano":1764612345123456789,"Type":"container"}',
		);
		assert.equal(v5first?.timeNano, '1764612345123456789');
		const v5number = parsePodmanEvent(
			'{"ID":"x","Status":"died","Attributes":{"x":"\\"timeNano\\":7"},"time":1764612345,"timeNano":1764612345123456789,"Type":"container"}',
		);
		assert.equal(v5number?.timeNano, '1764612345123456789');
	});

	test('time alone (unix seconds) is enough', () => {
		const event = parsePodmanEvent('{"ID":"x","Status":"died","time":1741608000,"Type":"container","ContainerExitCode":2}');
		assert.equal(event?.timeMs, 1741608000000);
		assert.equal(event?.exitCode, 2);
	});

	test('lines that are not events are rejected, not thrown', () => {
		for (const line of ['', 'not json', '[]', 'null', '{"Status":"start"}', '{"Status":"start","Type":"container"}']) {
			assert.equal(parsePodmanEvent(line), undefined, line);
		}
	});
});

describe('podman ps and inspect', () => {
	test('ps -a (4.x): running, exited with its code, paused', () => {
		const listed = parsePsJson(readFixture('podman4/ps.json'));
		const byName = new Map(listed.map((c) => [c.name, c]));
		const running = byName.get('ps-running');
		assert.equal(running?.state, 'running');
		assert.ok((running?.pid ?? 0) > 0);
		assert.deepEqual(running?.command, ['/bin/sleep', 'infinity']);
		assert.equal(running?.finishedAt, undefined, 'year-1 ExitedAt means never');
		const exited = listed.find((c) => c.state === 'exited');
		assert.equal(exited?.exitCode, 3);
		assert.equal(exited?.pid, undefined);
		assert.ok(exited?.finishedAt);
		assert.ok(listed.some((c) => c.state === 'paused'));
		assert.ok(listed.every((c) => /^[0-9a-f]{64}$/.test(c.id) && c.image === 'localhost/conmon-tui-test:latest'));
	});

	test('ps -a (5.x shape) reads the same way', () => {
		const listed = parsePsJson(readFixture('podman5/ps.json'));
		assert.ok(listed.length > 0);
		assert.ok(listed.some((c) => c.state === 'running' && (c.pid ?? 0) > 0));
	});

	test('inspect gives the conmon PID podman believes in, and exec sessions', () => {
		const [running] = parseInspectJson(readFixture('podman4/inspect-running.json'));
		assert.ok(running);
		assert.ok((running.podmanConmonPid ?? 0) > 0);
		assert.ok((running.pid ?? 0) > 0);
		assert.ok(running.startedAt);
		const [exec] = parseInspectJson(readFixture('podman4/inspect-running-exec.json'));
		assert.equal(exec?.execIds.length, 1);
		const [exited] = parseInspectJson(readFixture('podman4/inspect-exited.json'));
		assert.equal(exited?.podmanConmonPid, undefined, 'ConmonPid is omitted once exited');
		assert.equal(exited?.state, 'exited');
		assert.equal(expectsConmon(exited ?? { state: '' }), false);
		const [paused] = parseInspectJson(readFixture('podman4/inspect-paused.json'));
		assert.equal(expectsConmon(paused ?? { state: '' }), true);
	});

	test('merging: inspect fills what ps lacks; containers only ps knows stay', () => {
		const listed = parsePsJson(readFixture('podman4/ps.json'));
		const inspected = parseInspectJson(readFixture('podman4/inspect-running.json'));
		const merged = mergeContainerViews(listed, inspected);
		assert.equal(merged.length, listed.length);
		const withConmon = merged.filter((c) => c.podmanConmonPid !== undefined);
		assert.deepEqual(
			withConmon.map((c) => c.id),
			inspected.map((c) => c.id).filter((id) => listed.some((l) => l.id === id)),
		);
	});

	test('empty output and junk entries', () => {
		assert.deepEqual(parsePsJson(''), []);
		assert.deepEqual(parsePsJson('[{"Names":["x"]}]'), []);
		assert.deepEqual(parseInspectJson('{}'), []);
	});
});

describe('pods (captured from podman 4.3.1: `pod create --name web`, two members, one container alone)', () => {
	test('ps -a --pod: each member and the infra carry the pod ID and name; IsInfra marks the infra', () => {
		const listed = parsePsJson(readFixture('podman4/ps-pod.json'));
		const infra = listed.filter((c) => c.isInfra);
		assert.equal(infra.length, 1);
		const podId = infra[0]?.pod ?? '';
		assert.match(podId, /^[0-9a-f]{64}$/);
		assert.equal(infra[0]?.name, `${podId.slice(0, 12)}-infra`);
		assert.deepEqual(
			listed
				.filter((c) => c.pod === podId)
				.map((c) => [c.name, c.podName, c.isInfra])
				.sort(),
			[
				[`${podId.slice(0, 12)}-infra`, 'web', true],
				['web-a', 'web', false],
				['web-b', 'web', false],
			],
		);
		const alone = listed.find((c) => c.name === 'alone');
		assert.deepEqual([alone?.pod, alone?.podName, alone?.isInfra], [undefined, undefined, undefined], 'outside a pod: no pod fields');
	});

	test('inspect of the infra has Pod and IsInfra; merged with ps, the pod name from ps stays', () => {
		const [inspected] = parseInspectJson(readFixture('podman4/inspect-pod-infra.json'));
		assert.ok(inspected?.isInfra);
		assert.match(inspected.pod ?? '', /^[0-9a-f]{64}$/);
		assert.equal(inspected.podName, undefined, 'inspect does not name the pod');
		const [merged] = mergeContainerViews(
			parsePsJson(readFixture('podman4/ps-pod.json')).filter((c) => c.isInfra),
			[inspected],
		);
		assert.deepEqual([merged?.podName, merged?.isInfra, merged?.pod], ['web', true, inspected.pod]);
		assert.ok((merged?.podmanConmonPid ?? 0) > 0);
	});

	test('pod events: create, kill, start, remove parse with the pod ID and name, and each gets a log line', () => {
		const podEvents = events('podman4/events-pod.jsonl');
		assert.deepEqual(
			podEvents.map((e) => [e.type, e.status, e.name]),
			[
				['pod', 'create', 'web'],
				['pod', 'kill', 'web'],
				['pod', 'start', 'web'],
				['pod', 'remove', 'web'],
			],
		);
		const lines = podEvents.map((e) => podmanEventEntry(e));
		assert.deepEqual(
			lines.map((l) => l?.text),
			['create', 'kill', 'start', 'remove'].map(
				(verb) => `pod web (${podEvents[0]?.id.slice(0, 12)}) ${{ create: 'created', kill: 'killed', start: 'started', remove: 'removed' }[verb]}`,
			),
		);
		assert.deepEqual(lines[0]?.facts, { kind: 'podman-event', status: 'create', podId: podEvents[0]?.id });
	});

	test('a real pod stop line from this machine', () => {
		const line =
			'{"ID":"2f18013353386525290187280ddcdc73857069fb350975ada79c3344bc3a4866","Name":"web","Status":"stop","Time":"2026-12-01T23:54:14.979195728Z","Type":"pod","Attributes":null}';
		const event = parsePodmanEvent(line);
		assert.deepEqual([event?.type, event?.status, event?.name, event?.timeNano], ['pod', 'stop', 'web', '1796169254979195728']);
		assert.equal(podmanEventEntry(event as PodmanEvent)?.text, 'pod web (2f1801335338) stopping', 'podman sends it as the stop begins');
	});
});

describe('pods, 5.x shape (built from podman 5 source: ListContainer)', () => {
	test('ps -a --pod: the same Pod, PodName and IsInfra fields', () => {
		const listed = parsePsJson(readFixture('podman5/ps-pod.json'));
		assert.deepEqual(
			listed.map((c) => [c.name, c.podName, c.isInfra, c.pod?.slice(0, 12)]),
			[
				['7e1f0c2b3a4d-infra', 'web', true, '7e1f0c2b3a4d'],
				['web-a', 'web', false, '7e1f0c2b3a4d'],
			],
		);
	});
});
