import { t } from '../messages/i18n.js';
import { type ConmonCgroup, parseConmonCgroup } from '../proc/cgroup.js';
import type { ConmonFact } from './conmonExplain.js';

/** The conmon's cgroup (from /proc/PID/cgroup) and what podman meant by putting it there. */
export function explainConmonCgroup(cgroupFile: string | undefined): ConmonFact | undefined {
	const cgroup = cgroupFile === undefined ? undefined : parseConmonCgroup(cgroupFile);
	if (!cgroup) return undefined;
	return { label: t('setups.cgroup.label'), value: cgroup.path, meaning: cgroupMeaning(cgroup) };
}

function cgroupMeaning(cgroup: ConmonCgroup): string {
	switch (cgroup.kind) {
		case 'conmon-scope':
			return t('setups.cgroup.conmonScope');
		case 'unit':
			return t('setups.cgroup.unit', { unit: cgroup.unit ?? '' });
		case 'cgroupfs':
			return t('setups.cgroup.cgroupfs');
		case 'other':
			return t('setups.cgroup.other');
	}
}

/**
 * What `--sdnotify` did for this conmon, when it matters: the container chose `conmon`, or a unit
 * runs it (podman only notifies under systemd, with $NOTIFY_SOCKET set). `ignore` says nothing.
 */
export function explainSdNotify(container: { sdNotifyMode: string | undefined; systemdUnit: string | undefined }, conmonPid: number): ConmonFact | undefined {
	const mode = container.sdNotifyMode;
	if (mode === 'conmon') return { label: t('setups.sdnotify.label'), value: mode, meaning: t('setups.sdnotify.conmon', { pid: conmonPid }) };
	if (mode === 'container' && container.systemdUnit !== undefined) {
		return { label: t('setups.sdnotify.label'), value: mode, meaning: t('setups.sdnotify.container', { pid: conmonPid }) };
	}
	return undefined;
}
