/**
 * Loaded into conmon-tui with `node --import dist/bench/memoryProbe.js` by the bench's memory
 * breakdown (bench/parts.ts): on SIGUSR2 it writes, to the file BENCH_MEMORY_FILE names, what the
 * process holds — process.memoryUsage() and V8's heap spaces (physical sizes) — as one JSON line.
 * Nothing of it is in the shipped program; the program does not handle SIGUSR2 itself.
 */
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';

/** What one reading holds, bytes. */
export interface MemoryReading {
	rss: number;
	heapTotal: number;
	heapUsed: number;
	external: number;
	arrayBuffers: number;
	/** V8's heap spaces by name: physical (resident) size and used size. */
	spaces: Record<string, { physical: number; used: number }>;
}

const file = process.env['BENCH_MEMORY_FILE'];
if (file) {
	process.on('SIGUSR2', () => {
		const usage = process.memoryUsage();
		const spaces: MemoryReading['spaces'] = {};
		for (const space of v8.getHeapSpaceStatistics()) {
			spaces[space.space_name] = { physical: space.physical_space_size, used: space.space_used_size };
		}
		const reading: MemoryReading = { ...usage, spaces };
		writeFileSync(file, `${JSON.stringify(reading)}\n`);
	});
}
