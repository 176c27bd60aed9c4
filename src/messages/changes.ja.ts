import type { changesEn } from './changes.en.js';
import type { MessagesLike } from './messages.js';

export const changesJa: MessagesLike<typeof changesEn> = {
	'changes.badge.new': '★ 新規',
	'changes.badge.exited': '✝ 終了・コード不明',
	'changes.badge.exitedCode': '✝ 終了・コード {code}',
	'changes.badge.exitedAt': '✝ {time} に終了・コード不明',
	'changes.badge.execExitedAt': '✝ {time} に終了',
	'changes.badge.exitedAtCode': '✝ {time} に終了・コード {code}',
	'changes.history.last': 'conmon なし · 直前: {pid} は {time} に終了・コード不明 (Enter: 履歴)',
	'changes.history.lastCode': 'conmon なし · 直前: {pid} は {time} に終了・コード {code} (Enter: 履歴)',
	'changes.frozen.marker': '❄ 画面固定中 {time}',
	'changes.frozen.resume': 'Space で解除',
	'changes.frozen.waiting': '未表示の変化 {count} 件',
	'changes.key.freeze': '画面を固定する・固定を解除する (固定中もデータは集め続ける)',
	'changes.key.freezeFooter': 'Space 画面固定',
};
