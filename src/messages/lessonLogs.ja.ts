import type { lessonLogsEn } from './lessonLogs.en.js';
import type { MessagesLike } from './messages.js';

export const lessonLogsJa: MessagesLike<typeof lessonLogsEn> = {
	'lesson.logs.title': 'ログ: conmon が書き、podman が読む',
	'lesson.logs.summary':
		'conmon はコンテナの出力を ctr.log に、終了コードを終了ファイルに書き、podman logs と podman がそれを読みます。--log-driver none では読むものが残りません',
	'lesson.logs.run.title': '出力するコンテナを実行する',
	'lesson.logs.run.explain': 'このコマンドは毎秒、次の数を 1 行ずつ標準出力に書きます。その標準出力は podman の端末ではなく、conmon が読むパイプです。',
	'lesson.logs.file.title': 'conmon が ctr.log に書く',
	'lesson.logs.file.explain':
		'conmon の -l k8s-file:PATH は、出力の各行を「時刻、ストリーム、P/F (途中か完結か)、本文」の形で書き込むファイルを指定します。次のステップで、その行と podman logs の出力を比べます (パス中の ID は 12 桁に省略)。',
	'lesson.logs.file.expect': 'conmon の -l が指すファイルにコンテナの行があること',
	'lesson.logs.seen.notFile': 'conmon {conmon} に渡されたのは -l {value} で、k8s-file ではありません',
	'lesson.logs.seen.empty': 'conmon {conmon} の ctr.log にはまだ行がありません',
	'lesson.logs.file.met': 'conmon {conmon} の書き込み先: {path}',
	'lesson.logs.read.title': 'podman logs はそのファイルを読む',
	'lesson.logs.read.explain': 'podman logs --tail 1 で最後の 1 行を podman に尋ねます。podman はそれを ctr.log から読みます。conmon には問い合わせません。',
	'lesson.logs.read.expect': 'podman logs が表示した行が ctr.log の行であること',
	'lesson.logs.seen.noPath': 'ログファイルがまだわかりません。前のステップに戻ってください',
	'lesson.logs.seen.noAnswer': 'podman からまだ応答がありません',
	'lesson.logs.seen.notInFile': '「{line}」は ctr.log の最後の行の中にありません',
	'lesson.logs.read.met': 'podman logs は「{line}」を表示しました。ctr.log では {entry} です',
	'lesson.logs.exit.title': 'kill する: 終了ファイル',
	'lesson.logs.exit.explain':
		'podman kill は SIGKILL を送ります。conmon はコンテナの終了コードを、--exit-dir の中のコンテナ ID と同じ名前のファイルに書きます。podman はそれを読み、書き込みから 0.1 秒ほどで削除します。conmon-tui はディレクトリを inotify で監視して、削除される前に読みます。',
	'lesson.logs.exit.expect': '137 が書かれた終了ファイルを podman が削除する前に読めて、podman の終了コードも同じであること',
	'lesson.logs.seen.noExitFile': '{dir} にまだ終了ファイルが見えません',
	'lesson.logs.seen.exitMismatch': '終了ファイルの内容は {content}、podman の終了コードは {code} です',
	'lesson.logs.exit.met':
		'conmon {conmon} は {dir} の終了ファイルに「{content}」と書き、podman がそれを読みました。終了コードは {code} (128 + 9: SIGKILL) です',
	'lesson.logs.runNone.title': '--log-driver none で実行する',
	'lesson.logs.runNone.explain': '同じコマンドを --log-driver none で実行します。podman は conmon に -l none を渡し、conmon はログを書きません。',
	'lesson.logs.none.title': 'podman logs: 読むものがない',
	'lesson.logs.none.explain':
		'もう一度 podman logs --tail 1 を実行します。コンテナは前と同じように出力していますが、それを保存したファイルがないので、podman は拒否します。',
	'lesson.logs.none.expect': 'conmon に -l none が渡されていて、podman logs が拒否すること',
	'lesson.logs.seen.notNone': 'conmon {conmon} に渡されたのは -l {value} です',
	'lesson.logs.seen.noneAnswered': 'podman logs の応答は「{answer}」でした',
	'lesson.logs.none.met': 'conmon {conmon} に渡されたのは -l {value} です。podman logs の応答: {answer}',
};
