import { type MessageParams, t } from '../messages/i18n.js';
import { type ConmonArgs, type LogDriver, parseLogDriver } from '../proc/conmonArgs.js';

/** One fact from conmon's command line, with what it means in plain words. */
export interface ConmonFact {
	label: string;
	value: string;
	meaning: string;
}

/** The arguments explained, each with a `explain.<name>.label` and `explain.<name>.meaning` message. */
type ExplainedArg =
	| 'container'
	| 'execSession'
	| 'nameAtStart'
	| 'apiVersion'
	| 'runtime'
	| 'bundle'
	| 'containerPidfile'
	| 'conmonPidfile'
	| 'exitDir'
	| 'exitCommand';

/** conmon's arguments explained: what each one tells, for a person who has never read conmon's source. */
export function explainConmonArgs(args: ConmonArgs): ConmonFact[] {
	const facts: ConmonFact[] = [];
	const add = (name: ExplainedArg, value: string | undefined, params: MessageParams = {}): void => {
		if (value !== undefined && value !== '') facts.push({ label: t(`explain.${name}.label`), value, meaning: t(`explain.${name}.meaning`, params) });
	};
	add('container', args.containerId);
	if (args.execSessionId) add('execSession', args.execSessionId);
	add('nameAtStart', args.name);
	add('apiVersion', args.apiVersion);
	add('runtime', args.runtime);
	add('bundle', args.bundle);
	add('containerPidfile', args.containerPidfile);
	add('conmonPidfile', args.conmonPidfile);
	add('exitDir', args.exitDir);
	if (args.logPath) facts.push(explainLog(parseLogDriver(args.logPath)));
	add('exitCommand', args.exitCommand?.join(' '));
	return facts;
}

/** What conmon does with the container's output under each log driver; the value shown is the file for k8s-file, else the driver. */
function explainLog(log: LogDriver): ConmonFact {
	const label = t('explain.log.label');
	switch (log.driver) {
		case 'k8s-file':
			return { label, value: log.path, meaning: t('explain.log.k8sFile') };
		case 'journald':
			return { label, value: log.driver, meaning: t('explain.log.journald') };
		case 'none':
			return { label, value: log.driver, meaning: t('explain.log.none') };
		case 'passthrough':
			return { label, value: log.driver, meaning: t('explain.log.passthrough') };
		case 'unknown':
			return { label, value: log.value, meaning: t('explain.log.unknown') };
	}
}

/** Why conmon's parent is what it is: never podman. */
export function explainConmonParent(ppid: number, parentComm: string | undefined, parentIsConmon: boolean): string {
	const who = `PID ${ppid}${parentComm ? ` (${parentComm})` : ''}`;
	if (ppid === 1) return t('explain.parent.adoptedByInit', { who });
	if (parentIsConmon) return t('explain.parent.firstConmon', { who });
	return t('explain.parent.subreaper', { who });
}
