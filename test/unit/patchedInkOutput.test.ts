import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import { Chalk, type ChalkInstance } from 'chalk';
import { inkModuleBothWays, seededRandom } from '../helpers/patchedInk.js';

/**
 * The bundle replaces Ink's Output.get() and keeps its caches between frames (scripts/inkPatches.mjs).
 * This draws seeded random frames through Ink's own Output and through Output bundled with the
 * same plugins, and compares the screens as styled characters: the same character in the same
 * styles in every cell. The escape bytes may differ (a line with one text keeps chalk's own codes
 * where Ink writes the shortest diff between cells), so the strings themselves are not compared.
 * Writes start at 0 ≤ x ≤ width, as Ink's layout places them; texts may run past the right edge.
 * Bundled at test time, so a new Ink or a changed patch is checked as it is.
 */

type Transformer = (line: string, index: number) => string;
type Clip = { x1?: number; x2?: number; y1?: number; y2?: number };
type Operation = { type: 'write'; x: number; y: number; text: string; transformers: NamedTransformer[] } | { type: 'clip'; clip: Clip } | { type: 'unclip' };
type Frame = { width: number; height: number; operations: Operation[] };
interface InkOutput {
	write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void;
	clip(clip: Clip): void;
	unclip(): void;
	get(): { output: string; height: number };
}
type OutputClass = new (options: { width: number; height: number }) => InkOutput;

/** Sequences of frames, each drawn on the same loaded modules one after the other (the patch's caches carry over). */
const SEQUENCES = 150;
const FRAMES_PER_SEQUENCE = 20;

const chalk: ChalkInstance = new Chalk({ level: 3 });

/** Pieces of text: plain, spaces, Japanese (two columns), combining marks, emoji (one and several code points). */
const PIECES = ['a', 'bc', 'web', ' ', '  ', '日本', '語', 'e\u0301', 'n\u0303o', '👍', '👩‍💻', '🇯🇵', '─┬', '●', 'x '];

/** A transformer as Ink's <Transform> and <Text> hand them over (a line and its index), with a name to print. */
type NamedTransformer = { name: string; apply: Transformer };

/**
 * The styles and transformers of one sequence. Bold and dim both end with SGR 22, and Ink's own
 * diff between cells (ansi-tokenize's diffAnsiCodes) going from bold and dim to dim alone writes
 * the 22 and not the 2 again: Ink's screen loses the dim that the text asked for, where the patch's
 * one-text line keeps chalk's codes and so the dim (pinned in its own test below). A sequence uses
 * one of the two, so that no character is both and the comparison is of what the patch changed.
 */
function stylesOf(intensity: ChalkInstance) {
	const styles: ((text: string) => string)[] = [
		intensity,
		chalk.inverse,
		chalk.red,
		chalk.bgBlue,
		chalk.underline,
		chalk.italic,
		chalk.hex('#ff8800'),
		chalk.bgAnsi256(22),
		intensity.inverse,
		intensity.green,
	];
	const transformers: NamedTransformer[] = [
		{ name: 'inverse', apply: (line) => chalk.inverse(line) },
		{ name: 'odd lines in intensity', apply: (line, index) => (index % 2 === 1 ? intensity(line) : line) },
		{ name: 'dot after', apply: (line) => `${line}.` },
		{ name: 'index before', apply: (line, index) => `${index}${line}` },
		{ name: 'arrow, in intensity', apply: (line) => intensity(`>${line}`) },
	];
	return { styles, transformers };
}

function frameMaker(seed: number) {
	const random = seededRandom(seed);
	const { styles, transformers: namedTransformers } = stylesOf(seed % 2 === 0 ? chalk.bold : chalk.dim);
	const integer = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
	const pick = <T>(items: readonly T[]): T => items[integer(0, items.length - 1)]!;

	/** A styled text: pieces, some in styles, styles nested in styles. */
	const styled = (depth: number): string => {
		let text = '';
		for (let count = integer(1, 3); count > 0; count--) {
			if (depth < 2 && random() < 0.4) text += pick(styles)(styled(depth + 1));
			else text += pick(PIECES);
		}
		return text;
	};
	// A few texts come back again and again, as a row that did not change does from frame to frame.
	const knownTexts = Array.from({ length: 6 }, () => styled(0));
	const line = (): string => (random() < 0.4 ? pick(knownTexts) : styled(0)) + (random() < 0.2 ? pick([' ', '   ']) : '');
	const text = (): string => Array.from({ length: random() < 0.7 ? 1 : integer(2, 3) }, line).join('\n');

	const edge = (size: number): number | undefined => (random() < 0.15 ? undefined : integer(-2, size + 2));
	const operations = (width: number, height: number): Operation[] => {
		const list: Operation[] = [];
		let clips = 0;
		for (let count = integer(1, 7); count > 0; count--) {
			const roll = random();
			if (roll < 0.15) {
				const clip: Clip = {};
				const [x1, x2, y1, y2] = [edge(width), edge(width), edge(height), edge(height)];
				if (x1 !== undefined) clip.x1 = x1;
				if (x2 !== undefined) clip.x2 = x2;
				if (y1 !== undefined) clip.y1 = y1;
				if (y2 !== undefined) clip.y2 = y2;
				list.push({ type: 'clip', clip });
				clips++;
			} else if (roll < 0.25 && clips > 0) {
				list.push({ type: 'unclip' });
				clips--;
			} else {
				const transformers = Array.from({ length: random() < 0.7 ? 0 : integer(1, 2) }, () => pick(namedTransformers));
				list.push({ type: 'write', x: integer(0, width), y: integer(-1, height), text: text(), transformers });
			}
		}
		return list;
	};

	let previous: Frame | undefined;
	/** The next frame: a new one, the last one with one write changed (an age ticks), or the last one resized. */
	return (): Frame => {
		const roll = random();
		let frame: Frame;
		if (previous && roll < 0.5) {
			const changed = [...previous.operations];
			const writes = changed.flatMap((operation, index) => (operation.type === 'write' ? [index] : []));
			if (writes.length > 0) {
				const index = pick(writes);
				changed[index] = { ...(changed[index] as Operation & { type: 'write' }), text: text() };
			}
			frame = { ...previous, operations: changed };
		} else if (previous && roll < 0.65) {
			frame = { ...previous, width: integer(1, 12) };
		} else {
			const width = integer(1, 12);
			const height = integer(1, 5);
			frame = { width, height, operations: operations(width, height) };
		}
		previous = frame;
		return frame;
	};
}

function draw(Output: OutputClass, frame: Frame): { output: string; height: number } {
	const output = new Output({ width: frame.width, height: frame.height });
	for (const operation of frame.operations) {
		if (operation.type === 'write')
			output.write(operation.x, operation.y, operation.text, { transformers: operation.transformers.map((transformer) => transformer.apply) });
		else if (operation.type === 'clip') output.clip(operation.clip);
		else output.unclip();
	}
	return output.get();
}

/** A screen line as the terminal shows it: each character with the set of styles it is drawn in, whatever escapes set them. */
function cells(line: string): string[] {
	return styledCharsFromTokens(tokenize(line)).map((char) => `${char.value} ${[...new Set(char.styles.map((style) => style.code))].sort().join('')}`);
}

function describeFrame(frame: Frame): string {
	const operations = frame.operations.map((operation) => {
		if (operation.type === 'write') {
			const transformers = operation.transformers.map((transformer) => transformer.name);
			return `write x=${operation.x} y=${operation.y} ${JSON.stringify(operation.text)}${transformers.length > 0 ? ` transformers: ${transformers.join(', ')}` : ''}`;
		}
		return operation.type === 'clip' ? `clip ${JSON.stringify(operation.clip)}` : 'unclip';
	});
	return [`width=${frame.width} height=${frame.height}`, ...operations].join('\n  ');
}

describe('the bundle’s patched Ink Output', () => {
	let PatchedOutput: OutputClass;
	let InkOutput: OutputClass;
	let dispose: (() => Promise<void>) | undefined;

	before(async () => {
		const both = await inkModuleBothWays<OutputClass>('output.js');
		PatchedOutput = both.patched;
		InkOutput = both.inks;
		dispose = both.dispose;
	});

	after(async () => {
		await dispose?.();
	});

	test('is a different copy of Output from Ink’s own (the patch is applied)', () => {
		assert.notEqual(PatchedOutput, InkOutput);
		assert.ok('drawLine' in PatchedOutput.prototype, 'the bundled Output has the patch’s drawLine');
	});

	test('keeps the dim that Ink’s own diff loses after bold and dim (the one difference, left out of the random frames)', () => {
		// If this fails because Ink's screen now keeps the dim, bold and dim can share a sequence in stylesOf.
		const frame: Frame = { width: 8, height: 1, operations: [{ type: 'write', x: 0, y: 0, text: chalk.dim(`${chalk.bold('ab')}c`), transformers: [] }] };
		const styleOfC = (output: string): string | undefined => cells(output).find((cell) => cell.startsWith('c '));
		assert.equal(styleOfC(draw(PatchedOutput, frame).output), 'c \u001B[2m');
		assert.equal(styleOfC(draw(InkOutput, frame).output), 'c ');
	});

	test(`draws the same styled characters as Ink’s own, ${SEQUENCES} × ${FRAMES_PER_SEQUENCE} seeded random frames in a row`, () => {
		let drawn = 0;
		let oneTextLines = 0;
		for (let seed = 1; seed <= SEQUENCES; seed++) {
			const nextFrame = frameMaker(seed);
			for (let index = 0; index < FRAMES_PER_SEQUENCE; index++) {
				const frame = nextFrame();
				const ink = draw(InkOutput, frame);
				const patched = draw(PatchedOutput, frame);
				const where = `seed ${seed}, frame ${index}:\n  ${describeFrame(frame)}\nInk:     ${JSON.stringify(ink.output)}\npatched: ${JSON.stringify(patched.output)}`;
				assert.equal(patched.height, ink.height, where);
				const inkLines = ink.output.split('\n');
				const patchedLines = patched.output.split('\n');
				assert.equal(patchedLines.length, inkLines.length, where);
				for (const [y, line] of inkLines.entries()) {
					assert.deepEqual(cells(patchedLines[y]!), cells(line), `line ${y} differs; ${where}`);
					if (patchedLines[y] !== line) oneTextLines++;
				}
				drawn++;
			}
		}
		assert.equal(drawn, SEQUENCES * FRAMES_PER_SEQUENCE);
		// The frames reach the patch's own path (a line with one text, chalk's escapes kept), not only Ink's cells.
		assert.ok(oneTextLines > 100, `${oneTextLines} lines drawn with other escapes than Ink's`);
	});
});
