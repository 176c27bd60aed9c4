/**
 * The far host's details asked for (farDetails.ts): a PID a view asked about is read with the
 * next scans until it has not been asked for a while; what a scan read is kept only for PIDs
 * still running (a PID may be reused).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FAR_DETAILS_ASKED_MS, FarDetails } from '../../src/remote/farDetails.js';

const AT = 1_000_000;

test('a PID asked for is read with the next scans, and let go once no view has asked for a while', () => {
	const details = new FarDetails();
	assert.deepEqual(details.pidsToRead(AT), []);
	details.ask(42, AT);
	details.ask(43, AT + 5_000);
	assert.deepEqual(details.pidsToRead(AT + 1_000), [42, 43]);
	assert.deepEqual(details.pidsToRead(AT + FAR_DETAILS_ASKED_MS + 1), [43]);
	details.ask(43, AT + FAR_DETAILS_ASKED_MS + 2);
	assert.deepEqual(details.pidsToRead(AT + 2 * FAR_DETAILS_ASKED_MS), [43]);
});

test('what a scan read is answered until the next scan; a PID no longer running keeps nothing', () => {
	const details = new FarDetails();
	assert.equal(details.cgroup(42), undefined, 'not read yet');
	assert.deepEqual(details.namespacesOf(42), {});
	details.take(
		{
			cgroups: new Map([
				[42, '0::/a\n'],
				[44, '0::/gone\n'],
			]),
			namespaces: new Map([[42, { net: 'net:[1]' }]]),
		},
		new Set([42]),
	);
	assert.equal(details.cgroup(42), '0::/a\n');
	assert.deepEqual(details.namespacesOf(42), { net: 'net:[1]' });
	assert.equal(details.cgroup(44), undefined);
	details.take({ cgroups: new Map(), namespaces: new Map() }, new Set([42]));
	assert.equal(details.cgroup(42), undefined, 'the next scan did not read it: not kept from before');
});
