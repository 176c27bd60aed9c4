/**
 * treeLineLook gives a row drawn as before its look back, the same object, instead of making it
 * again (components/TreeLine.tsx, madeLooks): the tree's rows stay the same objects between their
 * deadlines. These tests change one input at a time on the same row objects and check each look
 * against one made for a fresh copy of the row (which nothing was made for): a look served for
 * other inputs (selection, busy text, width, column widths, time, language) would differ from it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MARKER_WIDTH, type TreeLineLook, treeLineLook } from '../../components/TreeLine.js';
import { setLanguage } from '../../src/messages/i18n.js';
import { EMPTY_HISTORY } from '../../src/model/conmonHistory.js';
import type { Container } from '../../src/model/container.js';
import { buildTree, type TreeRow } from '../../src/model/tree.js';
import { type ColumnWidths, containerColumnWidths } from '../../src/present/treeColumns.js';
import { at, containerId, fixtureState, makeContainer, makeGeneration, NOW } from '../helpers/fixtureState.js';

/** The fixture tree (running, exited, past conmon, processes) with a young container, a paused one and a pod's infra with a unit. */
function fixtureRows(): { rows: TreeRow[]; containers: Container[] } {
	const state = fixtureState();
	const pod = containerId('pod');
	const youngId = containerId('young');
	const containers = [
		...Object.values(state.containers),
		makeContainer({ id: containerId('infra'), name: 'pod-infra', pod, podName: 'pod', isInfra: true, systemdUnit: 'pod.service' }),
		makeContainer({ id: youngId, name: 'young', startedAt: NOW - 4_000 }),
		makeContainer({ id: containerId('paused'), name: 'paused', state: 'paused' }),
	];
	const history = { ...EMPTY_HISTORY, ...state.history, generations: { ...state.history.generations, [youngId]: [makeGeneration(7000, NOW - 4_000)] } };
	return { rows: buildTree({ containers, history, processes: state.processes, unmonitored: {} }, '', NOW), containers };
}

interface Inputs {
	selected: boolean;
	busy: string | undefined;
	widths: ColumnWidths;
	now: number;
	width: number;
}

/** The look a row would get if nothing had been made for it before. */
function freshLook(row: TreeRow, inputs: Inputs): TreeLineLook {
	return treeLineLook({ ...row }, inputs);
}

describe('a tree row’s look, made once per row and inputs', () => {
	test('the same row drawn with the same inputs gets the same look object, at a later tick too when its words do not change', () => {
		const { rows, containers } = fixtureRows();
		const widths = containerColumnWidths(containers, NOW, 140 - MARKER_WIDTH);
		const first = rows.map((row) => treeLineLook(row, { selected: false, busy: undefined, widths, now: NOW, width: 140 }));
		// A second later: the columns' widths are a new object (ContainerTree makes them at every tick), the young container's age changed.
		const later = NOW + 1_000;
		const laterWidths = containerColumnWidths(containers, later, 140 - MARKER_WIDTH);
		const again = rows.map((row) => treeLineLook(row, { selected: false, busy: undefined, widths: laterWidths, now: later, width: 140 }));
		const changed = rows.filter((_, i) => again[i]?.columns?.status !== first[i]?.columns?.status).map((row) => row.key);
		rows.forEach((row, i) => {
			if (changed.includes(row.key)) assert.notEqual(again[i], first[i], `${row.key}: its age changed, a new look`);
			else assert.equal(again[i], first[i], `${row.kind} ${row.key}: the same look object`);
		});
		// db (25 s) and young (4 s) count seconds; web (3 min) and the exited batch do not.
		assert.equal(changed.length, 2);
		assert.deepEqual(rows.flatMap((row) => (row.kind === 'container' && !changed.includes(row.key) ? [row.container.name] : [])).sort(), [
			'batch',
			'paused',
			'pod-infra',
			'web',
		]);
	});

	test('every input changed on the same rows, one at a time, gives the look a fresh row gets', () => {
		const { rows, containers } = fixtureRows();
		const wide = containerColumnWidths(containers, NOW, 140 - MARKER_WIDTH);
		const narrow = containerColumnWidths(containers, NOW, 60 - MARKER_WIDTH);
		const base: Inputs = { selected: false, busy: undefined, widths: wide, now: NOW, width: 140 };
		const steps: [string, Partial<Inputs>, 'en' | 'ja'][] = [
			['as it is', {}, 'en'],
			['selected', { selected: true }, 'en'],
			['unselected again', {}, 'en'],
			['busy', { busy: 'stopping' }, 'en'],
			['busy with something else', { busy: 'killing' }, 'en'],
			['no longer busy', {}, 'en'],
			['a narrow terminal', { width: 60 }, 'en'],
			['a narrow terminal and its squeezed columns', { width: 60, widths: narrow }, 'en'],
			['the columns only', { widths: narrow }, 'en'],
			['a very narrow terminal', { width: 12 }, 'en'],
			['a second later', { now: NOW + 1_000 }, 'en'],
			['a minute later', { now: NOW + 60_000 }, 'en'],
			['in Japanese', {}, 'ja'],
			['back in English', {}, 'en'],
		];
		try {
			for (const [step, change, language] of steps) {
				setLanguage(language);
				const inputs = { ...base, ...change };
				for (const row of rows) assert.deepEqual(treeLineLook(row, inputs), freshLook(row, inputs), `${step}: ${row.kind} ${row.key}`);
			}
		} finally {
			setLanguage('en');
		}
	});

	test('a new row object with the same key is drawn from its own words', () => {
		const { rows, containers } = fixtureRows();
		const widths = containerColumnWidths(containers, NOW, 140 - MARKER_WIDTH);
		const inputs: Inputs = { selected: false, busy: undefined, widths, now: NOW, width: 140 };
		const conmon = rows.find((row): row is Extract<TreeRow, { kind: 'conmon' }> => row.kind === 'conmon');
		const container = rows.find((row): row is Extract<TreeRow, { kind: 'container' }> => row.kind === 'container');
		assert.ok(conmon && container);
		const conmonLook = treeLineLook(conmon, inputs);
		const exited = { ...conmon, generation: { ...conmon.generation, exitedAt: at(17, 0, 0), exitCode: 137 }, highlight: 'exited' as const };
		const exitedLook = treeLineLook(exited, inputs);
		assert.notEqual(exitedLook.text, conmonLook.text);
		assert.match(exitedLook.text, /137/);
		assert.equal(exitedLook.changed, true);
		const containerLook = treeLineLook(container, inputs);
		const renamed = { ...container, container: { ...container.container, name: 'renamed' } };
		assert.match(treeLineLook(renamed, inputs).columns?.name ?? '', /^renamed/);
		assert.doesNotMatch(containerLook.columns?.name ?? '', /^renamed/);
	});
});
