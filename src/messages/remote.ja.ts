import type { MessagesLike } from './messages.js';
import type { remoteEn } from './remote.en.js';

/** 遠隔の podman（`--connection`）: ヘッダー、ssh 越しの /proc、失敗の知らせ。 */
export const remoteJa: MessagesLike<typeof remoteEn> = {
	'far.stale': '{time} から更新なし',
	'far.procUnknown': '/proc 不明',
	'far.back': '遠隔側が再び応答しました。ツリーは最新です',
	'far.procUnreadable': '遠隔側の /proc を読めません。podman の情報だけを表示し、conmon の PID とプロセスは不明とします',
	'far.notSsh': '{uri} は ssh の接続ではありません。このホストの /proc は読めないため、podman の情報だけを表示します',
	'far.podmanFailed': '遠隔の podman（{label}）が応答しません。手で試すには: {command} — podman の応答: {message}',
	'far.failure.unreachable': '遠隔側に接続できません（{detail}）。手で試すには: {command}',
	'far.failure.refused-key': '遠隔側が ssh 鍵を拒否しました（{detail}）。手で試すには: {command}',
	'far.failure.unknown-host-key': '遠隔ホストの鍵が未登録か、変わっています（{detail}）。確かめてから登録するには: {command}',
	'far.failure.dropped': '遠隔側への ssh が切れました（{detail}）。再接続します。手で試すには: {command}',
	'far.failure.timeout': '遠隔側が応答しません（{detail}）。再接続します。手で試すには: {command}',
	'far.failure.no-ssh': 'ssh を実行できません（{detail}）。OpenSSH クライアントを入れてから試してください: {command}',
	'status.killRemote': 'PID {pid} は遠隔ホストのプロセスです。conmon-tui が kill するのはこのマシンのプロセスだけです。何も kill していません',
	'cli.connection.unknownName': '{from} の "{name}" は podman の接続にありません（{known}）。podman system connection list で確かめてください',
	'cli.connection.noConnections':
		'{from} の "{name}": この podman には接続がありません（podman system connection add NAME ssh://USER@HOST/run/podman/podman.sock で作れます）',
	'cli.connection.noDefault':
		'この podman は遠隔クライアントで、既定の接続がありません。podman machine を用意してください（podman machine init、podman machine start）',
	'cli.connection.badList': 'podman system connection list の出力が JSON ではありません',
	'cli.connection.listFailed': 'podman の接続一覧を取得できません: {message}',
	'lesson.farHost.readsConmonsMachine':
		'{name} レッスンは遠隔ホストでは実行できません。確認のために conmon が動くマシン上のファイルやソケットを読みますが、遠隔ホストの読み取りはそれらを読みません。そのマシン上で実行してください: conmon-tui lesson {name}',
	'lesson.farHost.killsConmon':
		'{name} レッスンは遠隔ホストでは実行できません。conmon を kill -9 で止めますが、kill が届くのはこのマシンのプロセスだけです。conmon が動くマシン上で実行してください: conmon-tui lesson {name}',
	'lesson.farHost.followsLocalPodman':
		'{name} レッスンは遠隔ホストでは実行できません。コマンドを実行した podman プロセスを追いかけますが、それはこのマシン上のリモートクライアントで、conmon を起動するのは遠隔ホストの podman サービスです。そのマシン上で実行してください: conmon-tui lesson {name}',
	'lesson.farHost.execExitDelayed':
		'{name} レッスンは遠隔ホストでは実行できません。遠隔ホストでは podman exec が podman サービスの API を通り、API は exec セッションの conmon に後始末の前に exit_command_delay（既定で 300 秒、遠隔ホストの containers.conf）待つよう指示します。そのため conmon はコマンドの終了後も数分残り、「コマンドと一緒に終了する」という確認が成り立ちません。conmon が動くマシン上で実行してください: conmon-tui lesson {name}',
	'lesson.rootless.farAsRoot':
		'rootless レッスンには一般ユーザーが実行する podman が必要ですが、この接続は遠隔ホストに root でログインしています。遠隔ホストの一般ユーザーの接続を使ってください: podman system connection add NAME ssh://USER@HOST/run/user/UID/podman/podman.sock',
};
