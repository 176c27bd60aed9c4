import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setLanguage } from '../../src/messages/i18n.js';
import { EMPTY_HISTORY } from '../../src/model/conmonHistory.js';
import { buildTree } from '../../src/model/tree.js';
import { rowText } from '../../src/present/format.js';
import { containerId, makeContainer } from '../helpers/fixtureState.js';

/** A far host whose /proc cannot be read: the rows say the conmon is unknown (podman's PID as podman's), never "not found". */
describe('tree rows with a far /proc that cannot be read', () => {
	const running = makeContainer({ id: containerId('a'), name: 'web', state: 'running', podmanConmonPid: 51 });
	const rows = (procUnknown: boolean, container = running) =>
		buildTree({ containers: [container], history: EMPTY_HISTORY, processes: [], unmonitored: {}, procUnknown }, '', 0).map((row) => rowText(row, 0));

	test("running: unknown, with podman's ConmonPid said as podman's", () => {
		setLanguage('en');
		assert.equal(rows(true)[1], 'conmon unknown: /proc cannot be read there (podman says conmon PID 51)');
		assert.equal(rows(true, { ...running, podmanConmonPid: undefined })[1], 'conmon unknown: /proc cannot be read there');
		setLanguage('ja');
		assert.equal(rows(true)[1], 'conmon 不明: 遠隔ホストの /proc を読めません (podman によれば conmon PID 51)');
		setLanguage('en');
	});

	test('exited: no conmon, on podman’s word, and not "before conmon-tui started" (it may have exited since)', () => {
		setLanguage('en');
		const exited = rows(true, { ...running, state: 'exited', exitCode: 0, finishedAt: undefined, podmanConmonPid: undefined })[1] ?? '';
		assert.match(exited, /^no conmon \(.*, podman says\)$/);
	});

	test('a readable /proc: as before', () => {
		setLanguage('en');
		assert.equal(rows(false)[1], 'conmon not found yet');
	});
});
