import type { MessagesLike } from './messages.js';
import type { setupsEn } from './setups.en.js';

export const setupsJa: MessagesLike<typeof setupsEn> = {
	'setups.unit.tree': 'ユニット {unit}',
	'setups.unit.details': 'systemd ユニット {unit} (ラベル PODMAN_SYSTEMD_UNIT。Quadlet や podman generate systemd が書くユニットが設定する)',
	'setups.cgroup.label': 'cgroup',
	'setups.cgroup.conmonScope':
		'podman が conmon を専用の systemd スコープ (libpod-conmon-<id>.scope) に入れた。systemd からはどのサービスユニットとも別のものに見える',
	'setups.cgroup.unit':
		'conmon は {unit} 自身の cgroup で動いている。podman が conmon 用の cgroup を作らなかった (--cgroups=no-conmon か split、または podman 自身がユニット内で動いた) ため、systemd は conmon を {unit} のプロセスの 1 つとして扱う',
	'setups.cgroup.cgroupfs': 'podman (cgroupfs マネージャー) が conmon をコンテナとは別の <cgroup 親>/conmon に移した。systemd は関わらない',
	'setups.cgroup.other': 'podman が conmon 用に作った cgroup ではない。起動した podman がいた cgroup にそのまま残っている',
	'setups.sdnotify.label': 'sd-notify',
	'setups.sdnotify.conmon':
		'--sdnotify=conmon: Type=notify のユニットでは、コンテナの起動後に podman が systemd へ MAINPID={pid} (この conmon) と READY=1 を送る。systemd は conmon をユニットのメインプロセスとして見張るので、ユニットは conmon が生きている間だけ続き、conmon が終了すると Restart= が働く',
	'setups.sdnotify.container':
		'--sdnotify=container: Type=notify のユニットでは、podman が systemd へ MAINPID={pid} (この conmon) を送る。READY=1 はランタイムが渡すソケット経由でコンテナ自身が送る',
	'setups.init.tree': 'init (catatonit) が PID 1: ゾンビを回収し、下のコマンドにシグナルを中継する',
	'setups.init.details': '--init: podman が /run/podman-init としてマウントした catatonit が PID 1。コマンドはその子',
	'setups.removed.tree': '{name}  {id}  {image}  {time} に削除: --rm のため、conmon が実行した終了コマンド (podman container cleanup --rm) が削除した',
	'setups.removed.conmon': '。最後の conmon {pid} は {exit}',
	'setups.removed.gone': 'このコンテナは削除されました ({time})。--rm 付きのため、コンテナ終了時に conmon が実行する cleanup が削除しました。',
	'setups.events.backend': 'podman {version} · イベントのバックエンド: {backend} (podman info: host.eventLogger)',
	'setups.events.unknown': 'podman {version} · イベントのバックエンド: まだ不明 (podman info の応答待ち)',
	'setups.events.file':
		'podman はイベントをファイル (events_logfile_path) に書く。conmon-tui はそのファイルを自分で追いかけ (inotify)、できないときは podman events を使う',
	'setups.events.journald': 'podman events はジャーナル (SYSLOG_IDENTIFIER=podman) を読む。ストリームはその末尾から始まる',
	'setups.events.none': 'イベントは無効: podman events は何も報告しない。conmon-tui は podman への問い合わせ (ps、inspect) と /proc だけで追う',
	'setups.events.noneLog': 'podman のイベントのバックエンドが none: イベントは来ません。conmon-tui は podman への問い合わせと /proc で追います',
	'setups.pod.title': 'Pod {name}',
	'setups.pod.infra': 'infra コンテナ {id} ({name}): Pod が共有する名前空間を保持: {namespaces}',
	'setups.pod.infraShares': 'infra コンテナ {id} ({name}): Pod が共有する名前空間を保持',
	'setups.pod.noInfra': 'infra コンテナなし: 各コンテナが自分の名前空間を持つ',
	'setups.pod.members': 'コンテナ {count} 個、それぞれに conmon が 1 つ:',
	'setups.pod.member': '{name}  {id}  {state}  conmon {conmon}',
	'setups.pod.memberInfra': '{name}  {id}  {state}  conmon {conmon}  (infra)',
	'setups.pod.closeHint': 'Enter か Escape: ツリーに戻る · キーは Pod 全体に働く (podman pod …)',
} as const;
