/**
 * The esbuild plugins that patch Ink and its neighbours at bundle time (scripts/bundle.mjs), in a
 * module of their own so that a test can bundle Ink's Output with them without running the build
 * (test/unit/patchedInkOutput.test.ts draws the same frames through the patched and the unpatched
 * Output and compares the screens).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cachedStringWidth = path.join(root, 'src/present/cachedStringWidth.ts');
const graphemes = path.join(root, 'src/present/graphemes.ts');

/** Sends every `import 'string-width'` to the cached one, except its own import and wrap-ansi's. */
export const rememberedStringWidth = {
	name: 'remembered-string-width',
	setup(b) {
		b.onResolve({ filter: /^string-width$/ }, (args) => {
			if (args.importer === cachedStringWidth || args.importer.includes(`${path.sep}wrap-ansi${path.sep}`)) return undefined;
			return { path: cachedStringWidth };
		});
	},
};

/**
 * Ink builds a new Output, with new empty caches, for every frame, so every line on screen is
 * tokenized into styled characters again although most lines did not change (an age tick changes
 * one line in three). One set of caches for all frames gives the same characters. Each cache keeps
 * two generations: entries used since the last turnover, and the generation before (a hit there is
 * moved up); past the bound the older one is dropped. So what the last frames drew stays cached
 * and the rest goes: a line's styled characters are an object per character (about 10 KB for a
 * 140-column line), and an earlier bound of 2048 lines, cleared all at once, held some 20 MiB
 * of old space at 50 containers (v8.getHeapSpaceStatistics, bench/RESULTS.md).
 * The build fails if Ink's code no longer has the line this replaces.
 */
export const sharedOutputCaches = {
	name: 'shared-ink-output-caches',
	setup(b) {
		b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, async (args) => {
			const source = await readFile(args.path, 'utf8');
			const perFrame = 'caches = new OutputCaches();';
			if (!source.includes(perFrame)) throw new Error(`${args.path}: no "${perFrame}" to replace (Ink changed: review scripts/inkPatches.mjs)`);
			const shared = `class TwoGenerations {
	constructor(limit) { this.limit = limit; this.current = new Map(); this.previous = new Map(); }
	get(key) {
		let value = this.current.get(key);
		if (value === undefined) {
			value = this.previous.get(key);
			if (value !== undefined) this.set(key, value);
		}
		return value;
	}
	set(key, value) {
		if (this.current.size >= this.limit) { this.previous = this.current; this.current = new Map(); }
		this.current.set(key, value);
		return this;
	}
}
const sharedCaches = new OutputCaches();
// Lines: a 40-row screen draws about 40 a frame. Widths and block widths are numbers: cheap to keep.
sharedCaches.styledChars = new TwoGenerations(256);
sharedCaches.widths = new TwoGenerations(4096);
sharedCaches.blockWidths = new TwoGenerations(1024);
export default class Output {`;
			const withCaches = source.replace('export default class Output {', shared).replace(perFrame, 'caches = sharedCaches;');
			return { contents: drawnLinesRemembered(withCaches, args.path), loader: 'js' };
		});
	},
};

/**
 * Ink's Output.get lays every frame out as a grid of cell objects (140×40 of them), paints every
 * text into it, then turns each of the 40 lines back into a string, a style diff per cell: about
 * a third of a frame's CPU, and most of its garbage, although an age tick changes one line in
 * three (bench/RESULTS.md, round five). Each line of the grid depends only on the texts written on
 * it (where, and what, in order), so this get() collects those per line and draws a line only when
 * that list is new; a line drawn in the last frames is taken as it was. The same cells, the same
 * strings. Replaces get() to the end of the class; the build fails if Ink's get() changed.
 * test/unit/patchedInkOutput.test.ts compares its screens with Ink's own over random frames. One
 * known difference, on Ink's side: after a cell in bold and dim, Ink's diff to dim alone drops the
 * dim; a line with one text here keeps chalk's codes, so the dim.
 */
/** sha256 of Ink 6.8.0's Output.get(), from its first line to the end of build/output.js. */
const INK_OUTPUT_GET_SHA256 = '836b512fbfbec5dc288acf2974859e22878d5e802be598a060a34e98aeb99987';

function drawnLinesRemembered(source, file) {
	const start = source.indexOf('    get() {');
	const end = source.indexOf('//# sourceMappingURL');
	const original = source.slice(start, end);
	// The whole of Ink 6.8.0's get(), not a few of its lines: a change anywhere in it (its clipping,
	// its transformers) must be read again before this copy of its logic stands in for it.
	if (start < 0 || end < start || createHash('sha256').update(original).digest('hex') !== INK_OUTPUT_GET_SHA256) {
		throw new Error(`${file}: Output.get() is not the one drawnLinesRemembered replaces (Ink changed: review scripts/inkPatches.mjs)`);
	}
	const get = `    get() {
        // What is written on each line, in order: x, text, x, text...
        const written = [];
        for (let y = 0; y < this.height; y++) written.push([]);
        const clips = [];
        for (const operation of this.operations) {
            if (operation.type === 'clip') clips.push(operation.clip);
            if (operation.type === 'unclip') clips.pop();
            if (operation.type === 'write') {
                const { text, transformers } = operation;
                let { x, y } = operation;
                let lines = text.split('\\n');
                const clip = clips.at(-1);
                if (clip) {
                    const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
                    const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
                    if (clipHorizontally) {
                        const width = this.caches.getWidestLine(text);
                        if (x + width < clip.x1 || x > clip.x2) continue;
                    }
                    if (clipVertically) {
                        const height = lines.length;
                        if (y + height < clip.y1 || y > clip.y2) continue;
                    }
                    if (clipHorizontally) {
                        lines = lines.map(line => {
                            const from = x < clip.x1 ? clip.x1 - x : 0;
                            const width = this.caches.getStringWidth(line);
                            const to = x + width > clip.x2 ? clip.x2 - x : width;
                            return sliceAnsi(line, from, to);
                        });
                        if (x < clip.x1) x = clip.x1;
                    }
                    if (clipVertically) {
                        const from = y < clip.y1 ? clip.y1 - y : 0;
                        const height = lines.length;
                        const to = y + height > clip.y2 ? clip.y2 - y : height;
                        lines = lines.slice(from, to);
                        if (y < clip.y1) y = clip.y1;
                    }
                }
                let offsetY = 0;
                for (let [index, line] of lines.entries()) {
                    const onLine = written[y + offsetY];
                    if (!onLine) continue;
                    for (const transformer of transformers) line = transformer(line, index);
                    onLine.push(x, line);
                    offsetY++;
                }
            }
        }
        const generatedOutput = written.map(onLine => {
            let key = String(this.width);
            for (let i = 0; i < onLine.length; i += 2) key += '|' + onLine[i] + ',' + onLine[i + 1].length + ':' + onLine[i + 1];
            let drawn = drawnLines.get(key);
            if (drawn === undefined) {
                drawn = this.drawLine(onLine);
                drawnLines.set(key, drawn);
            }
            return drawn;
        }).join('\\n');
        return { output: generatedOutput, height: written.length };
    }
    drawLine(onLine) {
        // One text on the line (a row of the tree): the same characters in the same styles as the cells would
        // give, without tokenizing it (Ink's texts close every style they open, with chalk); the escapes
        // are chalk's own instead of the cells' shortest diff.
        // (Only where Ink would put it at x too: a write off the left or right edge takes the cells' way.)
        if (onLine.length === 2 && onLine[0] >= 0 && onLine[0] <= this.width) return (' '.repeat(onLine[0]) + onLine[1]).trimEnd();
        const currentLine = [];
        for (let x = 0; x < this.width; x++) currentLine.push(BLANK_CELL);
        for (let i = 0; i < onLine.length; i += 2) {
            const characters = this.caches.getStyledChars(onLine[i + 1]);
            let offsetX = onLine[i];
            for (const character of characters) {
                currentLine[offsetX] = character;
                const characterWidth = Math.max(1, this.caches.getStringWidth(character.value));
                if (characterWidth > 1) {
                    for (let index = 1; index < characterWidth; index++) {
                        currentLine[offsetX + index] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
                    }
                }
                offsetX += characterWidth;
            }
        }
        return styledCharsToString(currentLine.filter(item => item !== undefined)).trimEnd();
    }
}
// A blank cell: only read, so one for every blank of every line.
const BLANK_CELL = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
// The lines drawn in the last frames, by what was written on them (a 40-row screen draws 40 a frame).
const drawnLines = new TwoGenerations(256);
`;
	return source.slice(0, start) + get + source.slice(end);
}

/**
 * yoga-layout ships its WebAssembly as a base64 data: URL and, where fetch() exists, loads it with
 * fetch(). In Node, the first use of the global fetch loads undici: about 50 ms of CPU at every start,
 * before the first frame (V8 CPU profile of the start, bench/RESULTS.md). yoga's own fallback decodes
 * the same base64 without it; this makes yoga take that path. The build fails if the line is gone.
 */
export const wasmWithoutFetch = {
	name: 'yoga-wasm-without-fetch',
	setup(b) {
		b.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
			const source = await readFile(args.path, 'utf8');
			const check = '"function"!=typeof fetch';
			if (!source.includes(check)) throw new Error(`${args.path}: no '${check}' to replace (yoga changed: review scripts/inkPatches.mjs)`);
			return { contents: source.replace(check, 'true'), loader: 'js' };
		});
	},
};

/**
 * Ink keeps every cell of the screen as a styled character, made by @alcalzone/ansi-tokenize with
 * an object spread (`{ ...token, styles }`). A heap snapshot at 10 containers held 27 880 of them,
 * each with a hidden class of its own (a V8 Map and its descriptor array: most of the snapshot's
 * 6.5 MiB of hidden classes). The same four fields written out in a literal give them one shared
 * class. The build fails if the line is gone.
 */
export const styledCharsOneShape = {
	name: 'styled-chars-one-shape',
	setup(b) {
		b.onLoad({ filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/ }, async (args) => {
			const source = await readFile(args.path, 'utf8');
			const spread = /ret\.push\(\{\s*\.\.\.token,\s*styles: \[\.\.\.codes\],\s*\}\);/;
			if (!spread.test(source)) throw new Error(`${args.path}: no styled character spread to replace (ansi-tokenize changed: review scripts/inkPatches.mjs)`);
			const literal = 'ret.push({ type: token.type, value: token.value, fullWidth: token.fullWidth, styles: [...codes] });';
			return { contents: source.replace(spread, literal), loader: 'js' };
		});
	},
};

/**
 * Ink squashes each Text's nested Texts into one string at every frame, for every text on screen,
 * and sanitizes the result at each level of nesting: a string with any escape in it is tokenized
 * (an object per token) to keep only SGR (colours, bold) and OSC sequences. The colours Ink's own
 * Texts add are SGR, so a tree row went through the tokenizer three times a frame, for nothing:
 * 11 % of an age tick's CPU, and garbage (profile, bench/RESULTS.md, round six). A string of plain
 * characters and SGR sequences alone is what the sanitizer would return anyway: it is returned at
 * once, checked by one regular expression; anything else goes the tokenizer's way. The build fails
 * if the first line of Ink's sanitizer changed; test/unit/patchedInkSanitize.test.ts compares the
 * patched sanitizer with Ink's own over random strings.
 */
export const sgrOnlyTextKept = {
	name: 'sgr-only-text-kept',
	setup(b) {
		b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]sanitize-ansi\.js$/ }, async (args) => {
			const source = await readFile(args.path, 'utf8');
			const start = 'const sanitizeAnsi = (text) => {';
			if (!source.includes(start)) throw new Error(`${args.path}: no "${start}" to extend (Ink changed: review scripts/inkPatches.mjs)`);
			// Not plain or SGR: any C1 control (U+0080–U+009F), or an ESC that does not open `ESC [ params m`
			// with params of digits, ':' and ';' (Ink's own SGR test). A search for one bad character, not a
			// match of the whole string: a regular expression looping over every character overflows the
			// stack on a string of millions of characters.
			const kept = `const notPlainOrSgr = /[\\u0080-\\u009F]|\\u001B(?!\\[[\\d:;]*m)/;
${start}
    if (!notPlainOrSgr.test(text)) {
        return text;
    }`;
			return { contents: source.replace(start, kept), loader: 'js' };
		});
	},
};

/**
 * The grapheme segmenters that Ink's tokenizer (@alcalzone/ansi-tokenize), string-width (two
 * versions: Ink's, and wrap-ansi's own) and slice-ansi make as they load: the first
 * Intl.Segmenter of a process loads ICU's break rules (about 20 ms, before the first frame). Each gets src/present/graphemes.ts's stand-in instead,
 * which makes ICU's at the first text that needs it; a tree row, every character a cluster of its
 * own, never does. The build fails if a library no longer makes its segmenter where this expects;
 * test/unit/graphemes.test.ts loads them bundled with this and checks that measuring and
 * cutting rows makes no segmenter, and that the answers are the libraries' own.
 */
const SEGMENTERS = [
	{ file: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/, made: 'new Intl.Segmenter(undefined, { granularity: "grapheme" })' },
	{ file: /[\\/]slice-ansi[\\/]tokenize-ansi\.js$/, made: "new Intl.Segmenter(undefined, {granularity: 'grapheme'})" },
	// string-width 8, and wrap-ansi's own string-width 7.
	{ file: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/, made: 'new Intl.Segmenter()' },
];

export const graphemesWhenNeeded = {
	name: 'graphemes-when-needed',
	setup(b) {
		for (const { file, made } of SEGMENTERS) {
			b.onLoad({ filter: file }, async (args) => {
				const source = await readFile(args.path, 'utf8');
				if (!source.includes(made)) throw new Error(`${args.path}: no "${made}" to replace (the library changed: review scripts/inkPatches.mjs)`);
				const standIn = `import { graphemeSegmenter as bundledGraphemeSegmenter } from ${JSON.stringify(graphemes)};\n`;
				return { contents: standIn + source.replace(made, 'bundledGraphemeSegmenter'), loader: 'js' };
			});
		}
	},
};

/**
 * Ink remembers the size of every text it has ever measured (build/measure-text.js: a Map without a
 * bound), keyed by the text. The tree, drawn as one Text (components/TreeLine.tsx, TreeLines), gives
 * it a whole screen of rows whenever an age or the cursor changes: a few kilobytes a tick, kept for
 * the life of the program. Past the bound the map is emptied and filled again; the sizes are the
 * same. A frame measures a few dozen texts, and a tree's text is a screen of styled rows (tens of
 * kilobytes on a large terminal), so the bound is 128 texts, not thousands. The build fails if the line is gone;
 * test/unit/patchedInkMeasure.test.ts compares sizes with Ink's own and checks the bound.
 */
export const measuredTextsBounded = {
	name: 'measured-texts-bounded',
	setup(b) {
		b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]measure-text\.js$/ }, async (args) => {
			const source = await readFile(args.path, 'utf8');
			const remember = 'cache.set(text, dimensions);';
			if (!source.includes(remember)) throw new Error(`${args.path}: no "${remember}" to bound (Ink changed: review scripts/inkPatches.mjs)`);
			return { contents: source.replace(remember, `if (cache.size >= 128) cache.clear();\n    ${remember}`), loader: 'js' };
		});
	},
};

/** Every patch, in the order the bundle applies them. */
export const bundlePatches = [
	rememberedStringWidth,
	sharedOutputCaches,
	wasmWithoutFetch,
	styledCharsOneShape,
	sgrOnlyTextKept,
	graphemesWhenNeeded,
	measuredTextsBounded,
];
