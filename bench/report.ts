import type { BenchResults, Measurement, Row } from './results.js';

/** The results as a Markdown table with notes: printed by `npm run bench` and kept in bench/RESULTS.md. */

function formatValue(value: number, unit: Row['unit']): string {
	if (unit === '%') return value.toFixed(2);
	if (unit === 'MiB') return value.toFixed(1);
	return Math.abs(value) < 10 ? value.toFixed(1) : value.toFixed(0);
}

function cells(m: Measurement, row: Row, windowLabel: string): [string, string, string] {
	if (m.status === 'n/a') return ['n/a', '', ''];
	if (m.status === 'failed') return ['FAILED', '', ''];
	if (row.kind === 'window') return [formatValue(m.summary.p50, row.unit), '–', windowLabel];
	return [formatValue(m.summary.p50, row.unit), formatValue(m.summary.p95, row.unit), String(m.summary.n)];
}

/** baseline / conmon-tui of the medians, when both are positive (a ratio of a negative latency means nothing). */
function ratio(row: Row): string {
	const { conmonTui, baseline } = row;
	if (conmonTui.status !== 'ok' || baseline.status !== 'ok') return '–';
	const a = conmonTui.summary.p50;
	const b = baseline.summary.p50;
	if (!(a > 0) || !(b > 0)) return '–';
	const r = b / a;
	return `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;
}

/** The table: one line per row, both programs side by side. */
export function resultsTable(results: BenchResults): string {
	const windowLabel = `1 × ${Math.round(results.config.cpuWindowMs / 1000)} s`;
	const lines = [
		'| # | scenario | unit | conmon-tui p50 | p95 | n | baseline p50 | p95 | n | baseline / conmon-tui (p50) |',
		'|---|---|---|---:|---:|---:|---:|---:|---:|---:|',
	];
	for (const row of results.rows) {
		const tui = cells(row.conmonTui, row, windowLabel);
		const base = cells(row.baseline, row, windowLabel);
		lines.push(`| ${row.row} | ${row.title} | ${row.unit} | ${tui.join(' | ')} | ${base.join(' | ')} | ${ratio(row)} |`);
	}
	return lines.join('\n');
}

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

/** Notes under the table, the setup steps, and what failed. */
export function resultsNotes(results: BenchResults): string {
	const out: string[] = ['Notes:', ''];
	for (const row of results.rows) if (row.note) out.push(`${row.row}. ${row.note}`);
	out.push('', 'Setup (not measured):', '');
	for (const step of results.setup) out.push(`- ${step.what}: ${seconds(step.ms)}`);
	out.push('', `Total benchmark time: ${seconds(results.totalMs)}.`);
	if (results.failures.length > 0) out.push('', 'FAILED:', '', ...results.failures.map((f) => `- ${f.split('\n')[0] ?? ''}`));
	return out.join('\n');
}

export function machineLines(results: BenchResults): string {
	const m = results.machine;
	return [
		`- ${m.nproc} CPUs (nproc), ${m.cpuModel}, ${m.memoryGiB} GiB memory`,
		`- ${m.podman}, node ${m.node}, ${m.kernel}`,
		`- load average (1/5/15 min): ${m.loadAtStart.join(' / ')} at the start, ${m.loadAtEnd.join(' / ')} at the end` +
			(m.loadDuring ? `; 1-min load during the run: min ${m.loadDuring.min}, median ${m.loadDuring.median}, max ${m.loadDuring.max}` : ''),
		`- measured tree: \`${m.gitDescribe}\``,
	].join('\n');
}

/** The whole of bench/RESULTS.md. */
export function resultsMarkdown(results: BenchResults): string {
	return `# conmon-tui benchmark: latest results

Made by \`npm run bench\` (${results.config.mode} mode) on ${results.date}. Raw numbers:
\`bench/results/latest.json\` (not committed). Rerun with \`npm run bench\`; \`npm run bench -- --quick\`
is a smoke check with 3 runs and 5/10 containers.

What is measured: the built \`${results.program}\` (package.json's \`bin\`: what the package ships) in a real
pseudo-terminal (140×40, read through a headless xterm, each screen dated by the output chunk that produced it) against podman in a private
sandbox store, and the same for a baseline (\`bench/baselinePoller.ts\`) that runs
\`podman ps -a --format json\` every second and prints the list, as a polling TUI does.
Both programs run with \`NODE_ENV\` unset, as a user starts them. Medians are what to quote; the
machine is a noisy 2-core VM.

Machine:

${machineLines(results)}

${resultsTable(results)}

${resultsNotes(results)}
`;
}
