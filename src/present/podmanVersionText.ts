import { t } from '../messages/i18n.js';
import type { FarSideState } from '../state/store.js';

/**
 * Which podman the tree is, for the header and the log: this machine's version; with a far podman,
 * the far service's (it runs the containers and conmon), and this machine's client too when the
 * two differ (a client newer than its service is what a learner's laptop often has) or the
 * service has not said yet (`?`). Undefined when no version is known at all.
 */
export function podmanVersionText(client: string | undefined, far: FarSideState | undefined): string | undefined {
	if (!far) return client;
	const server = far.serverVersion;
	if (client === undefined || server === client) return server;
	return t('header.podmanVersion.remote', { server: server ?? '?', client });
}
