/**
 * A tree row is drawn as one pre-styled string in one Text (components/TreeLine.tsx), no longer as
 * a Text with 6–10 nested Texts. This draws both, the nested one kept below as it was, for a wide
 * set of looks (every row kind and column, selected, busy, dead, changed, Japanese, narrow boxes)
 * at chalk levels 0, 1 and 3, and compares byte for byte:
 * - the frames Ink writes (ink-testing-library: Ink's own Output, which turns each line into cells
 *   and back into escapes), and
 * - the text each row hands to Ink's Output, its transformers applied: what the bundle's patched
 *   Output writes as it is for a line with one text (scripts/inkPatches.mjs, drawLine), so the
 *   escapes themselves, not only the cells, are the same.
 * Level 0 is what Ink draws under FORCE_COLOR=0, NO_COLOR or TERM=dumb (chalk picks its level
 * once, at import; TreeLine uses Ink's chalk, checked first).
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).
import '../helpers/forceColor.js';

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, afterEach, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import chalk from 'chalk';
import { Box, Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import type { ComponentType } from 'react';
import { ContainerTree } from '../../components/ContainerTree.js';
import { MARKER_WIDTH, NO_MARKER, SELECTION_MARKER, TreeLine, type TreeLineLook, TreeLines, treeLineLook } from '../../components/TreeLine.js';
import { EMPTY_HISTORY } from '../../src/model/conmonHistory.js';
import { buildTree } from '../../src/model/tree.js';
import { containerColumnWidths } from '../../src/present/treeColumns.js';
import { createAppStore } from '../../src/state/store.js';
import { at, containerId, fixtureState, makeConmonProcess, makeContainer, makeGeneration, makeProcess, NOW } from '../helpers/fixtureState.js';
import { projectRoot } from '../helpers/fixtures.js';
import { settle } from '../helpers/inkTesting.js';

/** The row as it was drawn before one string per row: kept here as the reference. */
function NestedTreeLine({ look }: { look: TreeLineLook }) {
	const { selected, guide, busy, columns } = look;
	const color = look.color ? { color: look.color } : {};
	const busyText = busy ? <Text color="yellow">{busy}</Text> : null;
	if (columns) {
		return (
			<Text wrap="truncate-end">
				{selected ? SELECTION_MARKER : NO_MARKER}
				<Text dimColor>{guide}</Text>
				<Text inverse={selected}>
					<Text {...color}>{columns.glyph}</Text>
					<Text bold>{columns.name}</Text>
					{columns.gap}
					<Text dimColor={!selected}>{columns.id}</Text>
					{columns.middle}
					<Text {...color}>{columns.status}</Text>
					{columns.infra ? <Text dimColor={!selected}>{columns.infra}</Text> : null}
					{columns.unit ? <Text color="blue">{columns.unit}</Text> : null}
					{busyText}
				</Text>
			</Text>
		);
	}
	return (
		<Text wrap="truncate-end" dimColor={look.dead}>
			{selected ? SELECTION_MARKER : NO_MARKER}
			<Text dimColor>{guide}</Text>
			<Text {...color} bold={look.changed} inverse={selected}>
				{look.text}
			</Text>
			{busyText}
		</Text>
	);
}

/** The rows of a tree with every kind of row: pods with an infra and a unit, paused, exited, Japanese, a zombie, exec, past conmons. */
function realRows() {
	const state = fixtureState();
	const pod = containerId('pod-ウェブ');
	const infraId = containerId('infra');
	const memberId = containerId('member');
	const pausedId = containerId('paused');
	const japaneseId = containerId('ウェブサーバー');
	const containers = [
		...Object.values(state.containers),
		makeContainer({
			id: infraId,
			name: 'ウェブ-infra',
			image: 'localhost/podman-pause:4.3.1-0',
			pod,
			podName: 'ウェブ',
			isInfra: true,
			systemdUnit: 'ウェブ-pod.service',
		}),
		makeContainer({ id: memberId, name: 'web-a', pod, podName: 'ウェブ', systemdUnit: 'web-a.service', startedAt: at(16, 59, 58) }),
		makeContainer({ id: pausedId, name: 'paused', state: 'paused' }),
		makeContainer({
			id: japaneseId,
			name: 'ウェブサーバー',
			image: 'registry.example/チーム/とても長い名前のイメージ:最新版',
			command: ['ウェブサーバーを起動する', '--設定'],
			pid: 5005,
			startedAt: at(16, 55, 1),
		}),
	];
	const japaneseConmon = makeGeneration(5000, at(16, 55, 1), { containerPid: 5005, nameAtStart: 'ウェブサーバー' });
	const memberConmon = makeGeneration(6000, NOW - 500, { containerPid: 6005, nameAtStart: 'web-a' });
	const history = {
		...EMPTY_HISTORY,
		...state.history,
		generations: { ...state.history.generations, [japaneseId]: [japaneseConmon], [memberId]: [memberConmon] },
	};
	const processes = [
		...state.processes,
		makeConmonProcess(japaneseConmon, japaneseId, 'ウェブサーバー'),
		makeProcess(5005, 5000, ['ウェブサーバーを起動する', '--設定']),
		makeProcess(5006, 5005, ['defunct'], { state: 'Z' }),
		makeConmonProcess(memberConmon, memberId, 'web-a'),
		makeProcess(6005, 6000, ['sleep', 'infinity']),
	];
	return { rows: buildTree({ containers, history, processes, unmonitored: {} }, '', NOW), containers };
}

/** Looks of the real rows, at wide and narrow widths, each selected or not, with and without a command running. */
function realLooks(widths: readonly number[] = [140, 72, 40, 14, 3]): TreeLineLook[] {
	const { rows, containers } = realRows();
	assert.ok(rows.length >= 15, `too few rows to compare: ${rows.length}`);
	const kinds = new Set(rows.map((row) => row.kind));
	for (const kind of ['pod', 'container', 'conmon', 'conmon-history', 'process']) assert.ok(kinds.has(kind as never), `no ${kind} row`);
	return widths.flatMap((width) => {
		const widths = containerColumnWidths(containers, NOW, width - MARKER_WIDTH);
		return rows.flatMap((row, index) =>
			[false, true].map((selected) => treeLineLook(row, { selected, busy: index % 3 === 0 ? '停止中 stopping' : undefined, widths, now: NOW, width })),
		);
	});
}

/** Made-up looks: every combination of the flags, on plain and Japanese words, some too wide for their box. */
function madeLooks(): TreeLineLook[] {
	const looks: TreeLineLook[] = [];
	const words = ['conmon 3990 · 3 min', 'ウェブサーバーを起動する --設定 /etc/設定.conf and a long tail of words'];
	for (const selected of [false, true])
		for (const color of [undefined, 'green', 'red'] as const)
			for (const busy of ['', '  … 停止中'])
				for (const guide of ['', '  ├─ '])
					for (const word of words) {
						for (const dead of [false, true])
							for (const changed of [false, true])
								looks.push({ selected, guide, color, busy, columns: undefined, text: word, changed, dead, overflows: false });
						for (const [infra, unit] of [
							['', ''],
							['  infra', '  unit web.service'],
						] as const)
							looks.push({
								selected,
								guide,
								color,
								busy,
								columns: {
									glyph: '● ',
									name: word.slice(0, 8),
									gap: '  ',
									id: '3f2a9c',
									middle: '  nginx:alpine  nginx -g  ',
									status: 'Up 3 min',
									infra,
									unit,
								},
								overflows: false,
								text: '',
								changed: false,
								dead: false,
							});
					}
	return looks;
}

/** Ink's Output, the module Ink itself loads: its write() is watched to see what each row hands it. */
const outputModule = createRequire(createRequire(import.meta.url).resolve('ink')).resolve('./output.js');
const { default: Output } = (await import(pathToFileURL(outputModule).href)) as {
	default: { prototype: { write(x: number, y: number, text: string, options: { transformers: ((line: string, index: number) => string)[] }): void } };
};
const inkWrite = Output.prototype.write;
/** Each write's lines, transformers applied, as the bundle's Output puts a line with one text on screen. */
let written: string[] = [];
Output.prototype.write = function (this: unknown, x, y, text, options) {
	written.push(
		`${x},${y}:${text
			.split('\n')
			.map((line, index) => options.transformers.reduce((drawn, transform) => transform(drawn, index), line))
			.join('\n')}`,
	);
	inkWrite.call(this, x, y, text, options);
};
const levelAtStart = chalk.level;
after(() => {
	Output.prototype.write = inkWrite;
	chalk.level = levelAtStart;
});
afterEach(() => cleanup());

/** The frame and the writes of `looks` drawn by `Line` in a box `width` columns wide. */
async function draw(Line: ComponentType<{ look: TreeLineLook }>, looks: readonly TreeLineLook[], width: number): Promise<{ frame: string; writes: string[] }> {
	written = [];
	const rendered = render(
		<Box flexDirection="column" width={width}>
			{looks.map((look, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, drawn once
				<Line key={index} look={look} />
			))}
		</Box>,
	);
	await settle();
	const frame = rendered.lastFrame() ?? '';
	rendered.unmount();
	return { frame, writes: written };
}

/** The frame and the writes of `looks` drawn by TreeLines, the whole tree at once, in a box `width` columns wide. */
async function drawTree(looks: readonly TreeLineLook[], width: number): Promise<{ frame: string; writes: string[] }> {
	written = [];
	const rendered = render(
		<Box flexDirection="column" width={width}>
			<TreeLines looks={looks} />
		</Box>,
	);
	await settle();
	const frame = rendered.lastFrame() ?? '';
	rendered.unmount();
	return { frame, writes: written };
}

/** Each write's lines on their own, each at its own line on screen: `x,y:line`. */
function writtenLines(writes: readonly string[]): string[] {
	return writes.flatMap((write) => {
		const [, x = '', y = '', text = ''] = /^(\d+),(\d+):([\s\S]*)$/.exec(write) ?? [];
		return text.split('\n').map((line, index) => `${x},${Number(y) + index}:${line}`);
	});
}

/** Fails on the first row whose bytes differ, naming the row. */
function assertSameRows(actual: readonly string[], expected: readonly string[], looks: readonly TreeLineLook[], what: string): void {
	assert.equal(actual.length, expected.length, `${what}: as many lines`);
	expected.forEach((line, index) => {
		assert.equal(JSON.stringify(actual[index]), JSON.stringify(line), `${what}, line ${index}: ${JSON.stringify(looks[index])}`);
	});
}

describe('a tree row drawn as one styled string', () => {
	test('uses the chalk Ink colours with (one copy of the package, so one level)', () => {
		const fromInk = createRequire(createRequire(import.meta.url).resolve('ink')).resolve('chalk');
		const fromProject = createRequire(`${projectRoot()}/components/TreeLine.tsx`).resolve('chalk');
		assert.equal(fromProject, fromInk);
	});

	for (const level of [0, 1, 3] as const) {
		for (const [name, looks, width] of [
			['real rows', realLooks(), 140],
			['made-up looks', madeLooks(), 140],
			['made-up looks in a narrow box', madeLooks(), 24],
		] as const) {
			test(`${name}, ${width} columns, chalk level ${level}: the same bytes as the nested Texts`, async () => {
				chalk.level = level;
				const nested = await draw(NestedTreeLine, looks, width);
				const single = await draw(TreeLine, looks, width);
				if (level > 0) assert.ok(nested.frame.includes('\u001B[7m'), 'the reference draws the selected rows in inverse');
				else assert.ok(!nested.frame.includes('\u001B'), 'level 0 draws no escape at all');
				assert.ok(nested.writes.length >= looks.length, 'every row handed its text to Ink');
				assertSameRows(single.writes, nested.writes, looks, 'text handed to Ink');
				assertSameRows(single.frame.split('\n'), nested.frame.split('\n'), looks, 'frame');
				assert.equal(single.frame, nested.frame);
			});
		}
	}
});

describe('a tree drawn as one Text', () => {
	for (const level of [0, 1, 3] as const) {
		for (const width of [140, 72, 40, 14, 3]) {
			test(`real rows, ${width} columns, chalk level ${level}: the same lines as a TreeLine per row`, async () => {
				chalk.level = level;
				const looks = realLooks([width]);
				const perRow = await draw(TreeLine, looks, width);
				const tree = await drawTree(looks, width);
				assertSameRows(writtenLines(tree.writes), writtenLines(perRow.writes), looks, 'lines handed to Ink');
				assertSameRows(tree.frame.split('\n'), perRow.frame.split('\n'), looks, 'frame');
				assert.equal(tree.frame, perRow.frame);
			});
		}
	}

	test('hands Ink every row in one text where every row fits its width', async () => {
		const looks = realLooks([72]);
		assert.ok(looks.every((look) => !look.overflows));
		const tree = await drawTree(looks, 72);
		// Set: ink-testing-library draws the frame more than once.
		assert.equal(new Set(tree.writes).size, 1);
		assert.equal(writtenLines(tree.writes.slice(0, 1)).length, looks.length);
	});

	test('is how ContainerTree draws its rows', async () => {
		written = [];
		const rendered = render(<ContainerTree store={createAppStore(fixtureState())} height={30} width={100} now={NOW} />);
		await settle();
		const rows = (rendered.lastFrame() ?? '').trimEnd().split('\n');
		rendered.unmount();
		assert.ok(rows.length >= 10, `the tree drew its rows: ${rows.length}`);
		assert.equal(new Set(written).size, 1, 'the rows handed to Ink as one text');
		assert.equal(writtenLines(written.slice(0, 1)).length, rows.length);
	});

	test('hands Ink a text per row where a guide alone is wider than the row (Ink cuts a Text as a whole)', async () => {
		const looks = realLooks([3]);
		assert.ok(looks.some((look) => look.overflows) && looks.some((look) => !look.overflows));
		const tree = await drawTree(looks, 3);
		assert.equal(new Set(tree.writes).size, looks.length);
	});
});
