import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** What bench/redrawProbe.ts prints: CPU per frame, ms, for each redraw it timed. */
export interface RedrawCost {
	count: number;
	/** From one frame to the next while every age on screen ticks each second. */
	tickMs: number[];
	/** From a Down key to its frame. */
	keyMs: number[];
}

/**
 * Rows 8 and 9: runs the bundled redraw probe (scripts/bundle.mjs --bench) in a process of its own,
 * with colours on, over `count` containers, `samples` redraws of each kind.
 */
export async function redrawCost(count: number, samples: number): Promise<RedrawCost> {
	const probe = fileURLToPath(new URL('../bench-bundle/redrawProbe.js', import.meta.url));
	const { stdout } = await promisify(execFile)(process.execPath, [probe, String(count), String(samples)], {
		env: { ...process.env, FORCE_COLOR: '1' },
		timeout: 120_000,
	});
	const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as RedrawCost;
	if (!Array.isArray(result.tickMs) || !Array.isArray(result.keyMs)) throw new Error(`redraw probe: unexpected output ${stdout.slice(0, 200)}`);
	return result;
}
