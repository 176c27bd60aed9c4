import type { commonEn } from './common.en.js';
import type { MessagesLike } from './messages.js';

export const commonJa: MessagesLike<typeof commonEn> = {
	'lang.name': '日本語',
};
