import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setLanguage } from '../../src/messages/i18n.js';
import { explainConmonArgs } from '../../src/present/conmonExplain.js';
import { isConmonCommand, parseConmonArgs, parseLogDriver } from '../../src/proc/conmonArgs.js';
import { CONMON_ARGV } from '../helpers/fixtures.js';

const ID = '886762f967d877fceeba1c0e11035a28e6907baeaee78561d30facf8bf662388';

describe('parseConmonArgs', () => {
	test('reads a real monitor command line', () => {
		const args = parseConmonArgs(CONMON_ARGV);
		assert.ok(args);
		assert.equal(args.containerId, ID);
		assert.equal(args.execSessionId, undefined);
		assert.equal(args.name, 'nostalgic_bartik');
		assert.equal(args.runtime, '/usr/bin/runc');
		assert.equal(args.exitDir, '/tmp/sb/tmp/exits');
		assert.match(args.logPath ?? '', /^k8s-file:.*ctr\.log$/);
		assert.match(args.containerPidfile ?? '', /userdata\/pidfile$/);
		assert.match(args.conmonPidfile ?? '', /userdata\/conmon\.pid$/);
		assert.deepEqual(args.exitCommand?.slice(0, 3), ['/usr/bin/podman', '--root', '/tmp/sb/root']);
		assert.deepEqual(args.exitCommand?.slice(-3), ['container', 'cleanup', ID]);
	});

	test('an option value that starts with a dash is still a value', () => {
		const args = parseConmonArgs(['conmon', '--api-version', '1', '--runtime-arg', '-c', '-c', 'abc', '-n', '-weird-']);
		assert.equal(args?.containerId, 'abc');
		assert.equal(args?.name, '-weird-');
	});

	test('an exec session: -e makes -u the exec session ID', () => {
		const args = parseConmonArgs([
			'/usr/bin/conmon',
			'--api-version',
			'1',
			'-c',
			ID,
			'-u',
			'e1e1',
			'-e',
			'--exec-attach',
			'--exec-process-spec',
			'/x/spec',
			'-r',
			'/usr/bin/runc',
		]);
		assert.equal(args?.containerId, ID);
		assert.equal(args?.execSessionId, 'e1e1');
		assert.equal(args?.runtime, '/usr/bin/runc');
	});

	test('long options with = and long names for short ones', () => {
		const args = parseConmonArgs(['conmon', '--api-version=1', '--cid=abc', '--name', 'n1', '--exec', '--cuuid', 'sess']);
		assert.equal(args?.containerId, 'abc');
		assert.equal(args?.name, 'n1');
		assert.equal(args?.execSessionId, 'sess');
	});

	test('conmon --version, the short-lived probe podman 4 runs, is not a monitor', () => {
		assert.equal(parseConmonArgs(['/usr/bin/conmon', '--version']), undefined);
	});

	test('a conmon without --api-version is not a monitor, nor is another program', () => {
		assert.equal(parseConmonArgs(['/usr/bin/conmon', '-c', ID]), undefined);
		assert.equal(parseConmonArgs(['/usr/bin/notconmon', '--api-version', '1', '-c', ID]), undefined);
		assert.equal(parseConmonArgs([]), undefined);
		assert.equal(parseConmonArgs(['/usr/bin/conmon', '--api-version', '1', '-c']), undefined);
	});

	test('isConmonCommand matches the program name only', () => {
		assert.equal(isConmonCommand(['conmon']), true);
		assert.equal(isConmonCommand(['/usr/libexec/podman/conmon', '-c', 'x']), true);
		assert.equal(isConmonCommand(['/usr/bin/podman', 'conmon']), false);
	});
});

describe('the log driver in -l, as podman passes it and conmon reads it', () => {
	const monitor = (log: string) => ['/usr/bin/conmon', '--api-version', '1', '-c', ID, '-l', log, '--log-level', 'warning'];
	const logFact = (log: string) => {
		setLanguage('en');
		const args = parseConmonArgs(monitor(log));
		assert.ok(args);
		return explainConmonArgs(args).find((f) => f.label === 'log');
	};

	test('k8s-file:PATH (podman also sends json-file this way): conmon writes the file at PATH', () => {
		assert.deepEqual(parseLogDriver('k8s-file:/run/c/ctr.log'), { driver: 'k8s-file', path: '/run/c/ctr.log' });
		const fact = logFact('k8s-file:/run/c/ctr.log');
		assert.equal(fact?.value, '/run/c/ctr.log');
		assert.match(fact?.meaning ?? '', /writes .* to this file/);
	});

	test('a bare path, or :PATH, is a k8s-file path to conmon', () => {
		assert.deepEqual(parseLogDriver('/run/c/ctr.log'), { driver: 'k8s-file', path: '/run/c/ctr.log' });
		assert.deepEqual(parseLogDriver(':/run/c/ctr.log'), { driver: 'k8s-file', path: '/run/c/ctr.log' });
	});

	test('journald, bare: to the journal, no path', () => {
		assert.deepEqual(parseLogDriver('journald'), { driver: 'journald' });
		const fact = logFact('journald');
		assert.equal(fact?.value, 'journald');
		assert.match(fact?.meaning ?? '', /journal/);
		assert.doesNotMatch(fact?.meaning ?? '', /file/);
	});

	test("none (and conmon's off, null): nothing for podman logs", () => {
		for (const value of ['none', 'off', 'null']) assert.deepEqual(parseLogDriver(value), { driver: 'none' });
		assert.match(logFact('none')?.meaning ?? '', /nothing to read/);
	});

	test("passthrough, bare: straight to podman's own stdout and stderr", () => {
		assert.deepEqual(parseLogDriver('passthrough'), { driver: 'passthrough' });
		const fact = logFact('passthrough');
		assert.equal(fact?.value, 'passthrough');
		assert.match(fact?.meaning ?? '', /straight to the stdout and stderr podman was started with/);
	});

	test('something else is shown as it is, never as a path', () => {
		assert.deepEqual(parseLogDriver('syslog:x'), { driver: 'unknown', value: 'syslog:x' });
		assert.deepEqual(parseLogDriver('k8s-file:'), { driver: 'unknown', value: 'k8s-file:' });
		assert.equal(logFact('syslog:x')?.value, 'syslog:x');
	});

	test('--api-version keeps its number', () => {
		assert.equal(parseConmonArgs(monitor('none'))?.apiVersion, '1');
		assert.equal(parseConmonArgs(['conmon', '--api-version', '-c', ID])?.apiVersion, undefined, 'a bare flag still marks a monitor');
		assert.equal(parseConmonArgs(['conmon', '--api-version', '-c', ID])?.containerId, ID);
	});
});
