import type { ConmonArgs } from '../proc/conmonArgs.js';
import { t, type MessageParams } from '../messages/i18n.js';

/** One fact from conmon's command line, with what it means in plain words. */
export interface ConmonFact {
	label: string;
	value: string;
	meaning: string;
}

/** The arguments explained, each with a `explain.<name>.label` and `explain.<name>.meaning` message. */
type ExplainedArg = 'container' | 'execSession' | 'nameAtStart' | 'runtime' | 'bundle' | 'containerPidfile' | 'conmonPidfile' | 'exitDir' | 'log' | 'exitCommand';

/** conmon's arguments explained: what each one tells, for a person who has never read conmon's source. */
export function explainConmonArgs(args: ConmonArgs): ConmonFact[] {
	const facts: ConmonFact[] = [];
	const add = (name: ExplainedArg, value: string | undefined, params: MessageParams = {}): void => {
		if (value !== undefined && value !== '') facts.push({ label: t(`explain.${name}.label`), value, meaning: t(`explain.${name}.meaning`, params) });
	};
	add('container', args.containerId);
	if (args.execSessionId) add('execSession', args.execSessionId);
	add('nameAtStart', args.name);
	add('runtime', args.runtime);
	add('bundle', args.bundle);
	add('containerPidfile', args.containerPidfile);
	add('conmonPidfile', args.conmonPidfile);
	add('exitDir', args.exitDir);
	const log = splitLogPath(args.logPath);
	add('log', log?.path, { driver: log?.driver ?? 'k8s-file' });
	add('exitCommand', args.exitCommand?.join(' '));
	return facts;
}

/** `k8s-file:/path/ctr.log` → driver and path; a bare path is k8s-file. */
export function splitLogPath(logPath: string | undefined): { driver: string; path: string } | undefined {
	if (!logPath) return undefined;
	const colon = logPath.indexOf(':');
	if (colon > 0 && !logPath.startsWith('/')) return { driver: logPath.slice(0, colon), path: logPath.slice(colon + 1) };
	return { driver: 'k8s-file', path: logPath };
}

/** Why conmon's parent is what it is: never podman. */
export function explainConmonParent(ppid: number, parentComm: string | undefined, parentIsConmon: boolean): string {
	const who = `PID ${ppid}${parentComm ? ` (${parentComm})` : ''}`;
	if (ppid === 1) return t('explain.parent.adoptedByInit', { who });
	if (parentIsConmon) return t('explain.parent.firstConmon', { who });
	return t('explain.parent.subreaper', { who });
}
