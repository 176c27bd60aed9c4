// First, before ink (and with it chalk) is loaded: see forceColor.ts.
import './forceColor.js';
import assert from 'node:assert/strict';
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import type React from 'react';
import type { ReactElement } from 'react';

/** Keys as a terminal sends them. */
export const ARROW_UP = '\u001B[A';
export const ARROW_DOWN = '\u001B[B';
export const ARROW_RIGHT = '\u001B[C';
export const ARROW_LEFT = '\u001B[D';
export const PAGE_UP = '\u001B[5~';
export const PAGE_DOWN = '\u001B[6~';
export const HOME = '\u001B[H';
export const END = '\u001B[F';
export const ENTER = '\r';
export const ESCAPE = '\u001B';
export const BACKSPACE = '\u007F';
export const CTRL_C = '\u0003';

/** What ink-testing-library's `render` returns. */
export type Rendered = ReturnType<typeof render>;

/** How long a test waits for an expected frame before it fails. */
export const FRAME_TIMEOUT_MS = 5_000;

const INVERSE_ON = '\u001B[7m';

/** One turn of the event loop: with React 19 a frame is flushed only after a `setImmediate`. */
export function nextTick(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Lets pending work finish: ink parses a lone Escape only on the next `setImmediate`
 * (it could be the start of an escape sequence), then React renders and ink writes a frame.
 */
export async function settle(ticks = 5): Promise<void> {
	for (let i = 0; i < ticks; i++) await nextTick();
}

/** The last frame as a person sees it: colours and other escape sequences removed. */
export function screenText(rendered: Pick<Rendered, 'lastFrame'>): string {
	return stripVTControlCharacters(rendered.lastFrame() ?? '');
}

/** The last frame's lines, without colours and trailing blanks. */
export function screenLines(rendered: Pick<Rendered, 'lastFrame'>): string[] {
	return screenText(rendered)
		.split('\n')
		.map((line) => line.trimEnd());
}

/**
 * The lines drawn in inverse video (the selected row, the filter's cursor), without colours.
 * Throws when the frame has no escape sequence at all: colours are off, and a test that
 * expects no highlighted line would pass for the wrong reason.
 */
export function highlightedLines(rendered: Pick<Rendered, 'lastFrame'>): string[] {
	const frame = rendered.lastFrame() ?? '';
	if (!frame.includes('\u001B[')) {
		throw new Error('the frame has no colours: import test/helpers/inkTesting.js before anything that loads ink');
	}
	return frame
		.split('\n')
		.filter((line) => line.includes(INVERSE_ON))
		.map((line) => stripVTControlCharacters(line).trimEnd());
}

/**
 * Polls the last frame until `matches` accepts its text, and returns that text. On timeout
 * it fails with `what` and the last frame, which is what a person debugging the test needs.
 */
export async function waitForFrame(
	rendered: Pick<Rendered, 'lastFrame'>,
	matches: (screen: string) => boolean,
	what: string,
	timeoutMs = FRAME_TIMEOUT_MS,
): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const screen = screenText(rendered);
		if (matches(screen)) return screen;
		if (Date.now() > deadline) {
			assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}; the last frame was:\n${screen}`);
		}
		await nextTick();
	}
}

/**
 * Like `waitForFrame`, for tests that mock the clock (node:test `mock.timers` with `Date`):
 * it gives up after `turns` turns of the event loop, since a deadline in mocked time never comes.
 */
export async function waitForFrameInTurns(
	rendered: Pick<Rendered, 'lastFrame'>,
	matches: (screen: string) => boolean,
	what: string,
	turns = 2_000,
): Promise<string> {
	for (let turn = 0; turn < turns; turn++) {
		const screen = screenText(rendered);
		if (matches(screen)) return screen;
		await nextTick();
	}
	return assert.fail(`gave up after ${turns} event loop turns waiting for ${what}; the last frame was:\n${screenText(rendered)}`);
}

/** Waits until the last frame shows `text`. */
export function waitForContent(rendered: Pick<Rendered, 'lastFrame'>, text: string): Promise<string> {
	return waitForFrame(rendered, (screen) => screen.includes(text), JSON.stringify(text));
}

/** Types `input` and lets ink and React handle it, for checks that something did not change. */
export async function sendInput(rendered: Pick<Rendered, 'stdin'>, input: string): Promise<void> {
	rendered.stdin.write(input);
	await settle();
}

/** Types `input` and waits until the frame shows `text`. */
export function sendInputAndWaitForContent(rendered: Pick<Rendered, 'stdin' | 'lastFrame'>, input: string, text: string): Promise<string> {
	rendered.stdin.write(input);
	return waitForContent(rendered, text);
}

/** Types `input` and waits until `matches` accepts the frame. */
export function sendInputAndWaitForFrame(
	rendered: Pick<Rendered, 'stdin' | 'lastFrame'>,
	input: string,
	matches: (screen: string) => boolean,
	what: string,
): Promise<string> {
	rendered.stdin.write(input);
	return waitForFrame(rendered, matches, what);
}

/**
 * Renders `element` and waits for its first frame and for its effects, so that `useInput`
 * listens before the test types anything.
 */
export async function renderInk(element: ReactElement): Promise<Rendered> {
	const rendered = render(element);
	await waitForFrame(rendered, () => rendered.lastFrame() !== undefined, 'a first frame');
	await settle();
	return rendered;
}

/**
 * Resizes the fake terminal as a real one does: new `columns` and `rows`, then a `resize`
 * event. ink-testing-library's stdout has a fixed `columns` (100) and no `rows` (the app
 * then assumes 24), so the size is set on the instance.
 */
export async function resizeTerminal(
	rendered: Pick<Rendered, 'stdout' | 'rerender'>,
	size: { columns: number; rows: number },
	tree?: React.ReactElement,
): Promise<void> {
	Object.defineProperty(rendered.stdout, 'columns', { configurable: true, get: () => size.columns });
	Object.defineProperty(rendered.stdout, 'rows', { configurable: true, get: () => size.rows });
	rendered.stdout.emit('resize');
	// With CI=true, Ink ignores resize events: drawing the tree again makes it use the new width.
	if (tree) rendered.rerender(tree);
	await settle();
}

/** The index of the first line that contains `text`; fails when there is none. */
export function lineIndex(lines: readonly string[], text: string): number {
	const index = lines.findIndex((line) => line.includes(text));
	assert.ok(index >= 0, `no line contains ${JSON.stringify(text)} in:\n${lines.join('\n')}`);
	return index;
}

/** A pattern for words that appear in this order on one line, with any spacing between them. */
export function wordsInOrder(...words: string[]): RegExp {
	return new RegExp(words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
}
