import type { statusEn } from './status.en.js';
import type { MessagesLike } from './messages.js';

export const statusJa: MessagesLike<typeof statusEn> = {
	'status.alreadyBusy': '{label} はすでに{busy}です。終わるまで待ってください',
	'status.progress.start': '起動中',
	'status.progress.stop': '停止中',
	'status.progress.kill': 'kill 中',
	'status.progress.restart': '再起動中',
	'status.progress.pause': '一時停止中',
	'status.progress.unpause': '再開中',
	'status.progress.remove': '削除中',
	'status.progress.run': '新しいコンテナを実行中',
	'status.removeCanceled': '削除を取り消しました',
	'status.confirmRemove': '{name} を削除しますか? y/n',
	'status.noSelection': 'コンテナが選択されていません: r で実行できます',
	'status.noMatch': '"{filter}" に一致するコンテナはありません。Escape でフィルターを解除',
	'status.streamLost': 'podman events のストリームが途絶 ({reason})。再接続中…',
	'status.streamEnded': '終了',
	'status.streamRecovered': 'podman events のストリームが回復。状態を読み直しました',
	'status.streamStalled': '{name} の conmon が変わってから {seconds} 秒たっても podman のイベントがない: ストリームが停止',
	'status.psFailed': 'podman ps が失敗: {message}',
	'podman.eventsExited': 'podman events が終了 ({how})',
	'podman.notFound': '{program} が PATH に見つかりません',
	'podman.notExecutable': '{program} を実行できません (権限がありません)',
	'podman.timeout': 'podman が {seconds} 秒以内に応答しなかったため停止しました: {command}',
	'podman.canceled': '取り消し: {command}',
	'podman.failed': 'podman が失敗しました',
};
