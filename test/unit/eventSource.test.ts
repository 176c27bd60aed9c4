import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eventKey, type PodmanEvent, parsePodmanEvent } from '../../src/podman/event.js';
import { canFollowEventsFile, parseEventsFilePath, parseEventsInfo } from '../../src/podman/eventSource.js';
import { readFixture } from '../helpers/fixtures.js';

function events(path: string): PodmanEvent[] {
	return readFixture(path)
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			const event = parsePodmanEvent(line);
			assert.ok(event, `not parsed: ${line}`);
			return event;
		});
}

/** What a consumer reads from an event, whichever shape it came in. */
const essence = (e: PodmanEvent) => ({ type: e.type, status: e.status, id: e.id, name: e.name, timeNano: e.timeNano, exitCode: e.exitCode });

describe("podman's events file lines", () => {
	test('podman 4.3.1 file lines (captured) parse: labels, exit code 137, image and system events', () => {
		const all = events('podman4/events-file.jsonl');
		assert.equal(all[0]?.type, 'system');
		assert.equal(all[0]?.status, 'refresh');
		const died = all.filter((e) => e.status === 'died');
		assert.deepEqual(
			died.map((e) => e.exitCode),
			[137, 137],
		);
		assert.equal(died[0]?.timeNano, '1796174724229053020', 'a Time with trailing zeros dropped by Go still gives exact nanoseconds');
		assert.deepEqual(all.find((e) => e.status === 'create')?.attributes, { app: 'demo' });
	});

	test('podman 5 file lines (Time as RFC 3339, from libpod/events/config.go) give the same events as its CLI output (time/timeNano)', () => {
		const fromFile = events('podman5/events-file.jsonl');
		const fromCli = [...events('podman5/events.jsonl'), ...events('podman5/events-other.jsonl')];
		assert.equal(fromFile.length, fromCli.length);
		assert.deepEqual(fromFile.map(essence), fromCli.map(essence));
		assert.deepEqual(fromFile.map(eventKey), fromCli.map(eventKey), 'a file line and a CLI line of one event are taken for one');
	});

	test("podman 5's rotation markers are system events, not container events", () => {
		const marker = parsePodmanEvent(
			'{"Name":"/run/libpod/events/events.log","Status":"rotate","Time":"2026-12-02T01:00:00.5Z","Type":"system","Attributes":{"io.podman.event.rotate":"begin"}}',
		);
		assert.equal(marker?.type, 'system');
		assert.equal(marker?.status, 'rotate');
	});
});

describe('choosing the events source', () => {
	test('podman info (4.x and 5.x: host.eventLogger, host.serviceIsRemote) is read', () => {
		assert.deepEqual(parseEventsInfo('{"host":{"eventLogger":"file","serviceIsRemote":false},"store":{}}'), { eventLogger: 'file', serviceIsRemote: false });
		assert.deepEqual(parseEventsInfo('{"host":{"eventLogger":"journald"}}'), { eventLogger: 'journald', serviceIsRemote: false });
		assert.equal(parseEventsInfo('not json'), undefined);
	});

	test('the file is followed only for the file logger on a local podman', () => {
		assert.equal(canFollowEventsFile({ eventLogger: 'file', serviceIsRemote: false }, false), true);
		assert.equal(canFollowEventsFile({ eventLogger: 'file', serviceIsRemote: false }, true), false, 'a remote connection: the file is on the far side');
		assert.equal(canFollowEventsFile({ eventLogger: 'file', serviceIsRemote: true }, false), false);
		assert.equal(canFollowEventsFile({ eventLogger: 'journald', serviceIsRemote: false }, false), false);
		assert.equal(canFollowEventsFile({ eventLogger: 'none', serviceIsRemote: false }, false), false);
		assert.equal(canFollowEventsFile(undefined, false), false, 'no podman info: podman events, as before');
	});

	test("the events file's path is read from podman's debug log (podman 4.3.1's words, captured)", () => {
		const log = [
			'time="2026-12-02T01:22:28Z" level=debug msg="Using tmp dir /tmp/evprobe.vxCp/tmp"',
			'time="2026-12-02T01:22:28Z" level=debug msg="Initializing event backend file"',
			'time="2026-12-02T01:22:28Z" level=debug msg="Reading events from file \\"/tmp/evprobe.vxCp/tmp/ev/custom.log\\""',
		].join('\n');
		assert.equal(parseEventsFilePath(log), '/tmp/evprobe.vxCp/tmp/ev/custom.log');
		assert.equal(parseEventsFilePath('level=debug msg="Reading events from file \\"/a b/\\\\\\"q\\\\\\"/events.log\\""'), '/a b/"q"/events.log');
		assert.equal(parseEventsFilePath('time="x" level=debug msg="Initializing event backend journald"'), undefined);
		assert.equal(parseEventsFilePath('msg="Reading events from file \\"relative/events.log\\""'), undefined, 'only an absolute path is trusted');
	});
});
