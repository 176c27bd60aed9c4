import { t } from '../messages/i18n.js';
import type { RootlessHelperKind } from '../proc/rootlessHelpers.js';

/** One line a person can read about what a rootless helper is for, in the current language. */
export function helperPurpose(kind: RootlessHelperKind): string {
	return t(`rootless.purpose.${kind}`);
}
