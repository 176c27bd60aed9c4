import assert from 'node:assert/strict';
import { highlightedLines, type Rendered, sendInput, waitForFrame } from './inkTesting.js';

/** The index of a container's own row: the selection marker column, its state glyph, then its name (padded to the name column). */
export function containerRow(lines: readonly string[], name: string): number {
	const index = lines.findIndex((line) => isContainerRow(line, name));
	assert.ok(index >= 0, `no row for container ${name} in:\n${lines.join('\n')}`);
	return index;
}

/** Whether the screen has a row for container `name`. */
export function hasContainerRow(screen: string, name: string): boolean {
	return screen.split('\n').some((line) => isContainerRow(line, name));
}

function isContainerRow(line: string, name: string): boolean {
	// The first two columns are the selection marker's (▶ or blank) on the live screen.
	const row = /^[▶ ] /.test(line) ? line.slice(2) : line;
	return row.startsWith(`● ${name} `) || row.startsWith(`○ ${name} `) || row.startsWith(`◐ ${name} `);
}

/**
 * Waits until container `name` is the selected (highlighted) row, checks that no other
 * container row is highlighted, and returns that row.
 */
export async function waitForSelected(rendered: Pick<Rendered, 'lastFrame'>, name: string): Promise<string> {
	const selectedRows = () => highlightedLines(rendered).filter((line) => /^▶ [●○◐] /.test(line));
	await waitForFrame(rendered, () => selectedRows().some((line) => isContainerRow(line, name)), `${name} to be the selected row`);
	const rows = selectedRows();
	assert.equal(rows.length, 1, `exactly one selected row, got:\n${rows.join('\n')}`);
	return rows[0] ?? '';
}

/** Presses each step's key in turn, and after each waits until that step's container is the selected row. */
export async function selectionSteps(rendered: Rendered, steps: readonly (readonly [key: string, name: string])[]): Promise<void> {
	for (const [key, name] of steps) {
		await sendInput(rendered, key);
		await waitForSelected(rendered, name);
	}
}
