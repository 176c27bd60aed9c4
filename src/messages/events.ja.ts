import type { eventsEn } from './events.en.js';
import type { MessagesLike } from './messages.js';

export const eventsJa: MessagesLike<typeof eventsEn> = {
	'events.created': 'コンテナ {who} を作成',
	'events.started': 'コンテナ {who} が起動',
	'events.died': 'コンテナ {who} が終了 (終了コード {code})',
	'events.removed': 'コンテナ {who} を削除',
	'events.execStarted': '{who} で exec セッションが開始',
	'events.execEnded': '{who} の exec セッションが終了',
	'events.paused': 'コンテナ {who} を一時停止',
	'events.unpaused': 'コンテナ {who} を再開',
	'events.renamed': 'コンテナ {id} の名前を {name} に変更',
	'events.pod.created': 'ポッド {who} を作成',
	'events.pod.started': 'ポッド {who} が起動',
	'events.pod.stopped': 'ポッド {who} を停止中',
	'events.pod.killed': 'ポッド {who} を kill',
	'events.pod.removed': 'ポッド {who} を削除',
	'events.pod.paused': 'ポッド {who} を一時停止',
	'events.pod.unpaused': 'ポッド {who} を再開',
	'events.conmonAppeared': 'conmon {pid} が出現 ({who})',
	'events.conmonExited': 'conmon {pid} が終了 ({who}、終了コードはまだ不明)',
	'events.conmonExitedCode': 'conmon {pid} が終了 ({who}、コンテナの終了コード {code})',
	'events.execConmonAppeared': 'exec の conmon {pid} が出現 ({who}、セッション {session})',
	'events.execConmonExited': 'exec の conmon {pid} が終了 ({who})',
	'events.watching': 'podman {version} を監視中: コンテナ {containers} 個、動いている conmon {conmons} 個',
	'events.watchingWithOthers':
		'podman {version} を監視中: コンテナ {containers} 個、動いている conmon {conmons} 個 (ほかに、この podman が一覧にないコンテナの conmon {others} 個)',
	'events.streamLost': 'podman events のストリームが途絶: {reason}。再接続中',
	'events.streamRecovered': 'podman events のストリームが回復',
};
