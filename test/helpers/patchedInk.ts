import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { projectRoot } from './fixtures.js';

/** mulberry32: a small seeded generator, so that a failing case can be made again from its seed. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * The default export of one of Ink's build modules (`file`, beside Ink's index: its package exports
 * only the index) twice: as Ink ships it, and bundled at test time with the bundle's own patches
 * (scripts/inkPatches.mjs), so that a new Ink or a changed patch is checked as it is. `dispose`
 * removes the scratch directory the patched copy was written to.
 */
export async function inkModuleBothWays<T>(file: string): Promise<{ inks: T; patched: T; dispose: () => Promise<void> }> {
	const scratch = await mkdtemp(path.join(tmpdir(), 'conmon-tui-patched-ink-'));
	const dispose = () => rm(scratch, { recursive: true, force: true });
	try {
		const inkFile = path.join(path.dirname(fileURLToPath(import.meta.resolve('ink'))), file);
		const { bundlePatches } = await inkPatches();
		const bundled = await bundleModule(scratch, `export { default } from ${JSON.stringify(inkFile)};\n`, bundlePatches);
		const patched = ((await import(bundled)) as { default: T }).default;
		const inks = ((await import(pathToFileURL(inkFile).href)) as { default: T }).default;
		return { inks, patched, dispose };
	} catch (error) {
		await dispose();
		throw error;
	}
}

/** The patches a test takes from scripts/inkPatches.mjs: all of them, or one. */
interface InkPatches {
	bundlePatches: Plugin[];
	graphemesWhenNeeded: Plugin;
}

/** scripts/inkPatches.mjs, the bundle's patches, as the build loads them. */
export async function inkPatches(): Promise<InkPatches> {
	return (await import(pathToFileURL(path.join(projectRoot(), 'scripts', 'inkPatches.mjs')).href)) as InkPatches;
}

/** An ES module's `source` bundled into `scratch` with `plugins`, as scripts/bundle.mjs bundles; its URL, to import. */
export async function bundleModule(scratch: string, source: string, plugins: Plugin[]): Promise<string> {
	const entry = path.join(scratch, 'entry.js');
	await writeFile(entry, source);
	const outfile = path.join(scratch, 'bundled.mjs');
	await build({ entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning', plugins });
	return pathToFileURL(outfile).href;
}
