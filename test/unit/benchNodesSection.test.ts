import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NODES_SECTION_END, NODES_SECTION_START, nodesSectionOf, withNodesSection } from '../../bench/nodes.js';

/** bench/RESULTS.md holds the main table and the Node comparison; each run rewrites only its own part. */
const section = (text: string): string => `${NODES_SECTION_START}\n${text}\n${NODES_SECTION_END}\n`;

test('the Node comparison is added after the main table when RESULTS.md has none', () => {
	assert.equal(withNodesSection('# table\n\nrows\n', section('20 vs 24')), `# table\n\nrows\n\n${section('20 vs 24')}`);
});

test('a new comparison replaces the old one in place, the main table untouched', () => {
	const before = `# table\n\nrows\n\n${section('old numbers')}`;
	assert.equal(withNodesSection(before, section('new numbers')), `# table\n\nrows\n\n${section('new numbers')}`);
});

test('the comparison is found to be kept when the main table is rewritten; none without both markers', () => {
	assert.equal(nodesSectionOf(`# table\n\n${section('kept')}`), section('kept'));
	assert.equal(nodesSectionOf('# table\n'), '');
	assert.equal(nodesSectionOf(`# table\n${NODES_SECTION_START}\nno end\n`), '');
});
