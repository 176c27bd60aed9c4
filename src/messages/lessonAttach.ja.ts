import type { lessonAttachEn } from './lessonAttach.en.js';
import type { MessagesLike } from './messages.js';

export const lessonAttachJa: MessagesLike<typeof lessonAttachEn> = {
	'lesson.attach.title': 'attach: podman は conmon のソケットのクライアント',
	'lesson.attach.summary':
		'podman attach は conmon の attach ソケットにつながったまま動き続けますが、conmon の親ではありません。podman attach が終了しても conmon とコンテナは動き続けます',
	'lesson.attach.run.title': '-d でコンテナを実行する',
	'lesson.attach.run.explain':
		'このコマンドは毎秒、次の数を 1 行ずつ出力します。-d を付けると、podman run はコンテナを起動したところで終了します。conmon は残り、PID 1 またはサブリーパーに引き取られます。',
	'lesson.attach.attach.title': 'コンテナに attach する',
	'lesson.attach.attach.explain':
		'podman attach --no-stdin --sig-proxy=false を起動します。この podman は終了せず、conmon の attach ソケットにつながってコンテナの出力を受け取ります。conmon の /proc/PID/fd を inode で /proc/PID/net/unix と突き合わせると、ソケットと接続が見えます。n を押すとこの podman を終了します。',
	'lesson.attach.attach.expect': 'podman attach が動いていて conmon の attach ソケットにつながっており、conmon の親は podman ではないこと',
	'lesson.attach.seen.noAttach': 'podman attach は動いていません',
	'lesson.attach.seen.noSocket': 'conmon {conmon} に attach ソケットがありません',
	'lesson.attach.seen.noConnection': 'conmon {conmon} は {path} で待ち受けていますが、まだ接続はありません',
	'lesson.attach.seen.parentIsPodman': 'conmon {conmon} の親は podman {podman} です',
	'lesson.attach.attach.met': 'podman attach {podman} が接続中です (conmon {conmon} の fd {fd}、{path})。conmon の親は podman ではなく {ppid} ({parent}) です',
	'lesson.attach.detach.title': 'attach が終わった',
	'lesson.attach.detach.explain':
		'n を押したので podman attach は終了しました。podman attach はクライアントにすぎないので、conmon とコンテナは動き続け、attach ソケットは次の接続を待ちます。',
	'lesson.attach.detach.expect': 'podman attach が終了し、同じ conmon とコンテナが動き続けていること',
	'lesson.attach.seen.neverAttached': 'podman attach を起動していません。b を押してから a を押してください',
	'lesson.attach.seen.stillAttached': 'podman attach (PID {podman}) はまだ動いています',
	'lesson.attach.seen.otherConmon': 'conmon {conmon} は podman が attach した conmon ではありません',
	'lesson.attach.seen.stillConnected': 'conmon {conmon} の attach ソケットにまだ接続があります',
	'lesson.attach.detach.met':
		'podman attach (PID {podman}) は終了しました。conmon {conmon} は動き続けていて、{child} の親のままです。attach ソケットへの接続はありません',
};
