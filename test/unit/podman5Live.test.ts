/**
 * The parsers against podman 5.4.2's own output, captured live in the Debian 13 chroot
 * (test/fixtures/podman5/live/, written by test/sandbox/capturePodman5Fixtures.ts): the shapes the
 * hand-built files beside them were made from source to predict, checked against the real thing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseInspectJson, parsePsJson } from '../../src/podman/containerJson.js';
import { type PodmanEvent, parsePodmanEvent } from '../../src/podman/event.js';
import { podmanEventEntry } from '../../src/present/eventLog.js';
import { parseConmonArgs, parseLogDriver } from '../../src/proc/conmonArgs.js';
import { readFixture } from '../helpers/fixtures.js';

const live = (file: string): string => readFixture(`podman5/live/${file}`);
const argv = (file: string): string[] => live(file).split('\0').filter(Boolean);

describe('podman 5.4.2, captured live', () => {
	const [running] = parseInspectJson(live('inspect-running.json'));
	const events = live('events.jsonl')
		.split('\n')
		.filter(Boolean)
		.map((line) => parsePodmanEvent(line));

	test('ps -a: "Up 3 seconds" (no "ago" in 5.x) is running, with the PID inspect gives', () => {
		const [listed] = parsePsJson(live('ps.json'));
		assert.deepEqual([listed?.state, listed?.pid, listed?.id], ['running', running?.pid, running?.id]);
		assert.match(live('ps.json'), /"Status": "Up \d+ seconds?"/);
	});

	test('ps -a --pod: the infra (Command null in 5.x) and a member, with Pod, PodName and IsInfra', () => {
		const listed = parsePsJson(live('ps-pod.json'));
		assert.deepEqual(
			listed.map((c) => [c.isInfra, c.podName, c.command]),
			[
				[true, 'web', []],
				[false, 'web', ['sleep', 'infinity']],
			],
		);
		assert.match(live('ps-pod.json'), /"Image": "localhost\/podman-pause:5\.4\.2-\d+"/);
		const [infra] = parseInspectJson(live('inspect-pod-infra.json'));
		assert.equal(infra?.id, listed[0]?.id);
	});

	test('inspect: ConmonPid and exec sessions, as 4.x', () => {
		assert.ok((running?.podmanConmonPid ?? 0) > 0 && (running?.pid ?? 0) > 0);
		const [withExec] = parseInspectJson(live('inspect-running-exec.json'));
		assert.equal(withExec?.execIds.length, 1);
	});

	test('the conmon command line: --persist-dir and --syslog are read past, k8s-file:PATH, cleanup --stopped-only', () => {
		const args = parseConmonArgs(argv('conmon-cmdline.bin'));
		assert.equal(args?.containerId, running?.id);
		assert.equal(args?.name, 'ev5-ctr');
		assert.equal(args?.runtime, '/usr/bin/runc');
		assert.deepEqual(parseLogDriver(args?.logPath ?? ''), { driver: 'k8s-file', path: `${args?.bundle}/ctr.log` });
		assert.deepEqual(args?.exitCommand?.slice(-4), ['container', 'cleanup', '--stopped-only', running?.id]);
	});

	test("an exec session's conmon: -e, -u the session's ID (inspect's ExecIDs), -l none", () => {
		const args = parseConmonArgs(argv('conmon-exec-cmdline.bin'));
		const [withExec] = parseInspectJson(live('inspect-running-exec.json'));
		assert.equal(args?.execSessionId, withExec?.execIds[0]);
		assert.equal(args?.logPath, 'none');
	});

	test('events: every line parses; died, exec_died and remove carry exit codes, 0 included; pod events are logged', () => {
		assert.ok(events.every((e) => e !== undefined));
		const all = events as PodmanEvent[];
		const codes = (status: string) => all.filter((e) => e.type === 'container' && e.status === status).map((e) => e.exitCode);
		assert.deepEqual(codes('died'), [137, 0, 137, 137]);
		assert.deepEqual(codes('exec_died'), [0]);
		assert.deepEqual(codes('remove'), [0, 137, 137]);
		assert.ok(all.every((e) => e.timeNano.length === 19 && e.timeMs > 0));
		const pod = all.filter((e) => e.type === 'pod').map((e) => podmanEventEntry(e)?.text);
		assert.deepEqual(
			pod.map((text) => text?.replace(/\([0-9a-f]{12}\)/, '(ID)')),
			['pod web (ID) created', 'pod web (ID) stopping', 'pod web (ID) removed'],
		);
	});
});
