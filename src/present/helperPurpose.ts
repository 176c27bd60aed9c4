import { t } from '../messages/i18n.js';
import type { RootlessHelper } from '../proc/rootlessHelpers.js';
import { safeText } from './safeText.js';

/** One line a person can read about what a rootless helper is for, in the current language; another user's pause process names that user. */
export function helperPurpose(helper: Pick<RootlessHelper, 'kind' | 'owner'>): string {
	if (helper.kind === 'pause' && helper.owner !== undefined) return t('rootless.purpose.pauseOf', { user: safeText(helper.owner) });
	return t(`rootless.purpose.${helper.kind}`);
}
