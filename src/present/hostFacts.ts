import { t } from '../messages/i18n.js';
import { safeText } from './safeText.js';

/**
 * The host facts `?` shows: podman's version and its events backend with what it means
 * (`podman 4.3.1 · events backend: file (podman info: host.eventLogger) — podman events tails a file…`).
 */
export function hostFactsLine(version: string | undefined, backend: string | undefined): string | undefined {
	if (version === undefined) return undefined;
	if (backend === undefined) return t('setups.events.unknown', { version: safeText(version) });
	const head = t('setups.events.backend', { version: safeText(version), backend: safeText(backend) });
	const meaning = backend === 'file' || backend === 'journald' || backend === 'none' ? ` — ${t(`setups.events.${backend}`)}` : '';
	return `${head}${meaning}`;
}
