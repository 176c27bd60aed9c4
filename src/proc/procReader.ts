import type { ProcessReader } from './reader.js';
import { isAliveAs, readComm, readProcessFacts, readStat } from './procfs.js';

/** The ProcessReader over the real /proc (or a copy of one under `procRoot`, as the fixtures are). */
export function procReader(procRoot = '/proc'): ProcessReader {
	return {
		stat: (pid) => readStat(pid, procRoot),
		comm: (pid) => readComm(pid, procRoot),
		isAliveAs: (pid, startTicks) => isAliveAs(pid, startTicks, procRoot),
		facts: (pid) => readProcessFacts(pid, procRoot),
	};
}
