import type { explainEn } from './explain.en.js';
import type { MessagesLike } from './messages.js';

export const explainJa: MessagesLike<typeof explainEn> = {
	'explain.container.label': 'コンテナ',
	'explain.container.meaning': 'この conmon が監視するコンテナ (-c)',
	'explain.execSession.label': 'exec セッション',
	'explain.execSession.meaning': '`podman exec` のセッション: この conmon はコンテナ内でコマンドを 1 つ実行する (-e, -u)',
	'explain.nameAtStart.label': '起動時の名前',
	'explain.nameAtStart.meaning': '起動したときのコンテナ名 (-n)。あとで名前を変えてもこれは変わらない',
	'explain.apiVersion.label': 'API バージョン',
	'explain.apiVersion.meaning':
		'conmon が同期パイプで podman に送るメッセージ (コンテナの PID、exec の終了コード) のバージョン。podman は 1 を指定する (--api-version)',
	'explain.runtime.label': 'ランタイム',
	'explain.runtime.meaning':
		'OCI ランタイム。conmon がその create を実行し (exec セッションでは exec、チェックポイントからは restore)、そのあと podman 自身が start を実行する (-r)',
	'explain.bundle.label': 'バンドル',
	'explain.bundle.meaning': 'OCI バンドル: ランタイムに渡す config.json とルートファイルシステム (-b)',
	'explain.containerPidfile.label': 'コンテナの pidfile',
	'explain.containerPidfile.meaning': 'ランタイムがコンテナのホスト側 PID を書き込む場所 (-p)',
	'explain.conmonPidfile.label': 'conmon の pidfile',
	'explain.conmonPidfile.meaning':
		'ダブルフォークの証拠: podman が起動したランチャーの conmon がこの conmon を fork し、その PID をここに書いて終了した。podman はこれを ConmonPid として読む (--conmon-pidfile)',
	'explain.exitDir.label': '終了ディレクトリ',
	'explain.exitDir.meaning': 'コンテナが終了すると、conmon はここにコンテナ ID を名前にしたファイルを作って終了コードを書き、podman がそれを読む (--exit-dir)',
	'explain.log.label': 'ログ',
	'explain.log.k8sFile': 'conmon はコンテナの stdout と stderr をこのファイルに書き (k8s-file ドライバー)、`podman logs` はそれを読む (-l k8s-file:PATH)',
	'explain.log.journald':
		'conmon はコンテナの stdout と stderr を、コンテナの ID と名前をフィールドに付けてジャーナルに書き、`podman logs` はそこから読む (-l journald)',
	'explain.log.none': 'conmon はログを残さない。`podman logs` で読めるものはない (-l none)',
	'explain.log.passthrough':
		'conmon は何も集めない。コンテナは podman の起動時の stdout と stderr に直接書く。ファイルはなく、`podman logs` で読めるものもない (-l passthrough)',
	'explain.log.unknown': 'conmon-tui の知らないログドライバー。conmon 自身が扱えるのは k8s-file、journald、none、passthrough (-l)',
	'explain.exitCommand.label': '終了時コマンド',
	'explain.exitCommand.meaning':
		'コンテナの終了後に conmon が実行し、自分が終了する前にその完了を待つコマンド: podman container cleanup (アンマウント、ネットワークの破棄、ランタイムの delete、--rm、そして新しい conmon を起動する再起動ポリシー)',
	'explain.parent.adoptedByInit':
		'{who}: podman が最初の conmon を起動し、それがこの conmon を fork して、その PID を conmon の pidfile に書き、すぐに終了した。孤児になったこの conmon を PID 1 が引き取った。podman は親ではない。-d なら podman はもう終了しており、アタッチ中の podman (run -it、start -a、attach) も conmon のアタッチソケットのクライアントにすぎない。',
	'explain.parent.firstConmon': '{who}: 最初の conmon で、まもなく終了する。そのあと、この conmon は PID 1 かサブリーパーに引き取られる。',
	'explain.parent.subreaper': '{who}: サブリーパー (PR_SET_CHILD_SUBREAPER、例: systemd --user)。配下の孤児を PID 1 の代わりに引き取る。podman ではない。',
	'anomaly.staleConmonPid': 'podman の ConmonPid {pid} は古い情報: /proc にその conmon はない',
	'anomaly.staleConmonPidLive': 'podman の ConmonPid {pid} は古い情報: /proc にその conmon はない (動いているのは {live})',
	'anomaly.noConmon': 'podman では {state} だが、このコンテナを監視する conmon がいない',
	'anomaly.noConmonPid':
		'podman では {state} だが、監視する conmon がいない: PID {pid} が conmon なしで動いている (podman rm -f で復旧できる。失敗したらもう一度)',
	'anomaly.twoConmons': 'メインの conmon が同時に {count} 個: {pids} (どれも exec セッションのものではなく、podman の後始末を実行中のものもない)',
};
