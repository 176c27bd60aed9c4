import type { MessagesLike } from './messages.js';
import type { screenEn } from './screen.en.js';

export const screenJa: MessagesLike<typeof screenEn> = {
	'screen.tooSmall': '端末が小さすぎます ({columns}×{rows})。conmon-tui には {minColumns}×{minRows} 以上が必要です。q で終了します。',
	'header.counts': 'コンテナ {containers} · 実行中 {running} · conmon {conmons}',
	'header.stream.connecting': 'イベント: 接続中',
	'header.stream.lost': 'イベント: 途絶',
	'header.podmanVersion.remote': '{server} (クライアント {client})',
	'filter.draftHint': 'Enter で確定 · Escape で解除',
	'filter.label': 'フィルター:',
	'filter.hint': '(/ で編集 · Escape で解除)',
	'eventLog.title': 'イベント',
};
