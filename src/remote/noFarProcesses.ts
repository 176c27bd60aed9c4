import type { FarProcesses, ProcessReader } from '../proc/reader.js';
import { FarFilesUnread } from './farFilesUnread.js';

/**
 * The far side when its /proc cannot be reached at all (a `unix://` or `tcp://` connection: no ssh
 * to read it over): every scan says so, and every read knows nothing. Never this machine's /proc.
 */
export class NoFarProcesses extends FarFilesUnread implements FarProcesses, ProcessReader {
	readonly bootTimeMs = undefined;
	readonly farUid = undefined;
	scan(): Promise<'unreadable'> {
		return Promise.resolve('unreadable');
	}
	close(): void {}
	stat(): undefined {
		return undefined;
	}
	comm(): undefined {
		return undefined;
	}
	isAliveAs(): boolean {
		return false;
	}
	facts(): undefined {
		return undefined;
	}
	cgroup(): undefined {
		return undefined;
	}
	namespaces(): Readonly<Record<string, string>> {
		return {};
	}
	hostNamespaces(): Readonly<Record<string, string>> {
		return {};
	}
}
