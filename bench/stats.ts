/** Summary statistics of a list of samples. */
export interface Summary {
	n: number;
	p50: number;
	p95: number;
	min: number;
	max: number;
	mean: number;
}

/**
 * The q-quantile (0..1) of sorted values, interpolated linearly between the two nearest
 * ranks (numpy's default, "type 7"): with 20 samples p95 lies between the 19th and 20th.
 */
export function quantile(sorted: readonly number[], q: number): number {
	if (sorted.length === 0) return Number.NaN;
	const position = (sorted.length - 1) * q;
	const lower = Math.floor(position);
	const upper = Math.ceil(position);
	const a = sorted[lower] ?? Number.NaN;
	const b = sorted[upper] ?? Number.NaN;
	return a + (b - a) * (position - lower);
}

/** n, p50, p95, min, max and mean of the samples; undefined when there are none. */
export function summarize(samples: readonly number[]): Summary | undefined {
	if (samples.length === 0) return undefined;
	const sorted = [...samples].sort((a, b) => a - b);
	return {
		n: sorted.length,
		p50: quantile(sorted, 0.5),
		p95: quantile(sorted, 0.95),
		min: sorted[0] ?? Number.NaN,
		max: sorted.at(-1) ?? Number.NaN,
		mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
	};
}
