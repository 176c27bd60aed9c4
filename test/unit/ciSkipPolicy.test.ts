import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ciForbidsSkips } from '../helpers/e2eSkipPolicy.js';

describe('CI forbids skipping the podman e2e tests', () => {
	test('CI=true, CI=1 and any other set value forbid skips', () => {
		for (const value of ['true', '1', 'yes', 'TRUE']) assert.equal(ciForbidsSkips({ CI: value }), true, value);
	});

	test('no CI, an empty one, CI=false and CI=0 allow them', () => {
		assert.equal(ciForbidsSkips({}), false);
		for (const value of ['', 'false', '0']) assert.equal(ciForbidsSkips({ CI: value }), false, value);
	});
});
