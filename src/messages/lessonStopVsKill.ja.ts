import type { lessonStopVsKillEn } from './lessonStopVsKill.en.js';
import type { MessagesLike } from './messages.js';

export const lessonStopVsKillJa: MessagesLike<typeof lessonStopVsKillEn> = {
	'lesson.stopVsKill.title': 'stop と kill: まず SIGTERM、タイムアウト後に SIGKILL',
	'lesson.stopVsKill.summary':
		'PID 1 の sleep に podman stop -t 3 を実行します。SIGTERM では終わらず、3 秒後の SIGKILL で 137 になります。--init を付けるとすぐに 143 で終了します',
	'lesson.stopVsKill.run.title': 'sleep をコンテナの PID 1 として実行する',
	'lesson.stopVsKill.run.explain': 'コンテナのコマンド sleep infinity がコンテナの PID 1 です。ホスト上では conmon がその親です。',
	'lesson.stopVsKill.look.title': 'PID 1 は SIGTERM を処理するか?',
	'lesson.stopVsKill.look.explain':
		'podman stop はまず SIGTERM を送ります。sleep はこのシグナルのハンドラを設定しません。カーネルは、ハンドラのないシグナルを PID 名前空間の最初のプロセスには届けません (名前空間の外からは SIGKILL と SIGSTOP だけが届きます)。ハンドラの一覧は /proc/PID/status の SigCgt で確認できます。',
	'lesson.stopVsKill.look.expect': 'sleep がコンテナ内で PID 1 であり、SIGTERM のハンドラを持たないこと',
	'lesson.stopVsKill.seen.inside': '{child} はコンテナ内で PID {inside} です',
	'lesson.stopVsKill.seen.noMasks': '{child} のシグナルハンドラを読み取れません',
	'lesson.stopVsKill.seen.caught': '{child} は SIGTERM のハンドラを持っています。podman stop ですぐに終了します',
	'lesson.stopVsKill.look.met': '{child} はコンテナ内で PID 1 で、SigCgt に SIGTERM のハンドラはありません。SIGTERM では終了しません',
	'lesson.stopVsKill.stop.title': 'podman stop -t {seconds}',
	'lesson.stopVsKill.stop.explain':
		'podman stop は SIGTERM を送って待ち、それでも終わらなければ SIGKILL を送ります。デフォルトの待ち時間は 10 秒です。ここでは待ち時間を短くするため -t {seconds} を付けます。コンテナは終了コード 137 = 128 + 9 (SIGKILL) で終了します。',
	'lesson.stopVsKill.stop.expect': 'コンテナが約 {seconds} 秒後に終了コード 137 (128 + 9: SIGKILL) で終了し、conmon も終了すること',
	'lesson.stopVsKill.seen.code': 'conmon {conmon} は終了しましたが、コンテナの終了コードは {code} です',
	'lesson.stopVsKill.stop.met':
		'SIGTERM は効かず、{seconds} 秒後に終了コード {code} = 128 + 9 (SIGKILL) で終了しました。conmon {conmon} はコンテナの終了コードを終了ファイルに書いて終了しました',
	'lesson.stopVsKill.runInit.title': '--init を付けてもう一度実行する',
	'lesson.stopVsKill.runInit.explain':
		'--init を付けると、podman の init である catatonit (/run/podman-init) がコンテナの PID 1 になり、sleep はその子になります。catatonit は SIGTERM を受け取って sleep に転送します。PID 1 ではない sleep は SIGTERM で終了します。',
	'lesson.stopVsKill.stopInit.title': 'もう一度 podman stop -t {seconds}',
	'lesson.stopVsKill.stopInit.explain':
		'同じコマンドです。今度は SIGTERM が sleep に届くので、SIGKILL を待たずにすぐ終了コード 143 = 128 + 15 (SIGTERM) で終了します。',
	'lesson.stopVsKill.stopInit.expect': 'コンテナがすぐに終了コード 143 (128 + 15: SIGTERM) で終了し、conmon も終了すること',
	'lesson.stopVsKill.stopInit.met':
		'SIGKILL を待たず、{seconds} 秒で終了コード {code} = 128 + 15 (SIGTERM) で終了しました。conmon {conmon} はコンテナの終了コードを終了ファイルに書いて終了しました',
};
