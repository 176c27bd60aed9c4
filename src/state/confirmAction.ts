import { type MessageKey, t } from '../messages/i18n.js';
import { type Container, type ContainerAction, shortId } from '../model/container.js';
import type { Pod } from '../model/pod.js';
import { safeText } from '../present/safeText.js';
import type { AppState } from './store.js';

/**
 * The questions, per action. Stop, kill, restart, pause and remove end or interrupt someone's
 * work (`k` is also "up" to everyone used to vim, k9s or lazydocker); start and unpause only
 * bring a container back, so they never ask.
 */
const QUESTION: Readonly<Partial<Record<ContainerAction, MessageKey>>> = {
	stop: 'status.confirm.stop',
	kill: 'status.confirm.kill',
	restart: 'status.confirm.restart',
	pause: 'status.confirm.pause',
	remove: 'status.confirm.remove',
};

/**
 * Whether `action` on `container` asks y/n first: a destructive action on a container this
 * session did not start, unless `--yes` turned the questions off.
 */
export function asksFirst(state: Pick<AppState, 'askFirst' | 'startedHere'>, action: ContainerAction, container: Pick<Container, 'id'>): boolean {
	return state.askFirst && QUESTION[action] !== undefined && !state.startedHere[container.id];
}

/** `kill web (bbd78c2c3402)? y/n`: the name and the short ID, since two containers can look alike. */
export function confirmQuestion(action: ContainerAction, container: Pick<Container, 'id' | 'name'>): string {
	return t(QUESTION[action] ?? 'status.confirm.remove', { name: safeText(container.name), id: shortId(container.id) });
}

/** `stop pod web (2f1801335338)? y/n`: the question for a key on a pod's row. */
export function podConfirmQuestion(action: ContainerAction, pod: Pick<Pod, 'id' | 'name'>): string {
	return confirmQuestion(action, { id: pod.id, name: t('status.podName', { name: pod.name }) });
}

/** What the status line says when the answer was not y. */
export function confirmCanceled(action: ContainerAction): string {
	return t('status.confirmCanceled', { action });
}
