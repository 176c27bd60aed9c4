import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Container } from '../../src/model/container.js';
import { displayWidth } from '../../src/present/displayWidth.js';
import { containerStatus } from '../../src/present/format.js';
import { containerColumnWidths } from '../../src/present/treeColumns.js';
import { makeContainer } from '../helpers/fixtureState.js';

const NOW = Date.parse('2026-12-02T12:00:00Z');

function web(over: Partial<Container> = {}): Container {
	return makeContainer({
		id: 'a'.repeat(64),
		name: 'web',
		image: 'docker.io/library/nginx:latest',
		command: ['nginx', '-g', 'daemon off;'],
		startedAt: NOW - 4_000,
		...over,
	});
}

/** The width a row takes: marker-less fixed part (glyph, ID, gaps), the three columns, the status. */
function rowWidth(widths: { name: number; image: number; command: number }, status: string): number {
	return 2 + widths.name + 2 + 12 + 2 + widths.image + 2 + widths.command + 2 + displayWidth(status);
}

describe('column widths across age ticks', () => {
	test('the same container, a longer status later: the columns give up the column it needs', () => {
		const container = web();
		const early = containerColumnWidths([container], NOW, 60);
		assert.equal(rowWidth(early, containerStatus(container, NOW)), 60, 'fits exactly at "Up 4 seconds"');
		const later = NOW + 10_000;
		const widths = containerColumnWidths([container], later, 60);
		assert.equal(containerStatus(container, later).length, containerStatus(container, NOW).length + 1, 'the status grew by one column');
		assert.equal(rowWidth(widths, containerStatus(container, later)), 60, 'still fits at "Up 14 seconds"');
		const sum = (w: typeof early): number => w.name + w.image + w.command;
		assert.equal(sum(widths), sum(early) - 1, 'one column given up');
	});

	test('a container that changed is measured again', () => {
		const first = containerColumnWidths([web()], NOW, 500);
		const renamed = containerColumnWidths([web({ name: 'web-frontend' })], NOW, 500);
		assert.deepEqual([first.name, renamed.name], [3, 12]);
	});
});
