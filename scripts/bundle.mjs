#!/usr/bin/env node
import path from 'node:path';
import { fileURLToPath } from 'node:url';
/**
 * `npm run bundle`: the shipped program, dist/bundle/cli.js and its chunks, one esbuild run with
 * every dependency inside (the package installs nothing else). With `--bench`, also the bench's
 * in-process redraw probe (dist/bench-bundle/), bundled the same way so that it measures the
 * code the package ships.
 *
 * - React's production build is chosen here (process.env.NODE_ENV defined), not at run time:
 *   the development build is neither loaded nor shipped.
 * - Minified: less code to read, parse and keep in memory at every start. Error messages are
 *   not affected; a stack trace (CONMON_TUI_DEBUG=1) shows minified names.
 * - string-width, wherever it is imported (Ink measures every text at every frame), is the
 *   remembering src/present/cachedStringWidth.ts; wrap-ansi keeps its own older copy.
 * - Ink's Output keeps its caches (each line's styled characters, each text's width) from one
 *   frame to the next instead of starting empty at every frame, bounded (sharedOutputCaches).
 * - Ink's Output draws a screen line only when what is written on it is new, and a line with one
 *   text on it without its cells (drawnLinesRemembered).
 * - yoga's WebAssembly is decoded from the base64 it ships without fetch() (wasmWithoutFetch).
 * - Ink's styled characters share one hidden class (styledCharsOneShape).
 * - Ink's sanitizer returns a text of plain characters and SGR sequences at once (sgrOnlyTextKept).
 * - No grapheme segmenter (ICU) is made until a text needs one (graphemesWhenNeeded).
 * - Ink's memory of the texts it measured is bounded (measuredTextsBounded).
 * - Regular expressions with the `v` flag (string-width's) stay literals, which Node 20 has:
 *   V8 compiles a literal at its first use, where esbuild's `new RegExp(…)` for older targets
 *   compiles it as the module loads — `\p{RGI_Emoji}` alone took 30 ms of every start.
 * The patches are esbuild plugins in scripts/inkPatches.mjs.
 */
import { build } from 'esbuild';
import { bundlePatches } from './inkPatches.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	supported: { 'regexp-set-notation': true },
	minify: true,
	define: { 'process.env.NODE_ENV': '"production"' },
	external: ['react-devtools-core'],
	logLevel: 'warning',
	// Bundled CommonJS (React) calls require: an ES module has none of its own.
	banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
	plugins: bundlePatches,
};

await build({ ...common, entryPoints: [path.join(root, 'src/cli.ts')], outdir: path.join(root, 'dist/bundle') });
if (process.argv.includes('--bench')) {
	await build({ ...common, entryPoints: [path.join(root, 'bench/redrawProbe.ts')], outdir: path.join(root, 'dist/bench-bundle') });
}
// A CPU profile of the minified bundle names every function `a`, `b`...: these copies keep the names,
// the program's and the redraw probe's (for a profile of one frame, bench/RESULTS.md, round five).
if (process.argv.includes('--profile')) {
	for (const [entry, outdir] of [
		['src/cli.ts', 'dist/profile-bundle'],
		['bench/redrawProbe.ts', 'dist/profile-bench-bundle'],
	]) {
		await build({
			...common,
			minify: false,
			minifySyntax: true,
			minifyWhitespace: true,
			entryPoints: [path.join(root, entry)],
			outdir: path.join(root, outdir),
		});
	}
}
