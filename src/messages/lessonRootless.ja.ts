import type { lessonRootlessEn } from './lessonRootless.en.js';
import type { MessagesLike } from './messages.js';

export const lessonRootlessJa: MessagesLike<typeof lessonRootlessEn> = {
	'lesson.rootless.title': 'ルートレス: 一般ユーザーの podman',
	'lesson.rootless.summary':
		'pause プロセス catatonit -P がユーザー名前空間を保持します。conmon はホストではあなたの UID、内側では root です。pause プロセスはコンテナがなくなっても残ります',
	'lesson.rootless.asRoot':
		'ルートレスのレッスンには一般ユーザーが実行する podman が必要ですが、conmon-tui は root で動いています。そのユーザーで起動してください (sudo -u USER conmon-tui lesson rootless、またはそのユーザーのシェルから)。',
	'lesson.rootless.run.title': '自分のユーザーでコンテナを実行する',
	'lesson.rootless.run.explain':
		'root ではないので、podman はルートレスで動きます。そのユーザーが最初に実行した podman コマンドが、ユーザー名前空間を保持する pause プロセスを起動しています。podman コマンドは毎回この名前空間に入り、conmon とコンテナもその中で動きます。',
	'lesson.rootless.pause.title': 'pause プロセス',
	'lesson.rootless.pause.explain':
		'ここでの catatonit -P はルートレス podman の pause プロセスです。どのコンテナにも属さず、ユーザー名前空間を保持し続けるだけです。そのため、このユーザーの podman コマンドはすべて同じ名前空間に入ります。',
	'lesson.rootless.pause.expect': 'コンテナの conmon と並んで、あなたの pause プロセス catatonit -P があること',
	'lesson.rootless.seen.noPause': 'あなたの pause プロセス (catatonit -P) はまだ見えません',
	'lesson.rootless.pause.met': 'pause プロセス catatonit -P {pause}: UID {uid}、親は PID {ppid}。conmon {conmon} と並んで動いています',
	'lesson.rootless.uid.title': 'conmon の UID: 外側と内側',
	'lesson.rootless.uid.explain':
		'/proc/PID/status はホストから見た conmon の UID、つまりあなたの UID を示します。/proc/PID/uid_map は名前空間の UID をホストの UID に対応付けます。内側ではあなたの UID は 0 です。コンテナの root もあなたであり、ホスト上ではあなた以上の権限を持ちません。',
	'lesson.rootless.uid.expect': 'conmon がホストではあなたの UID、ユーザー名前空間では UID 0 で動いていること',
	'lesson.rootless.seen.noFacts': 'conmon {conmon} またはその子の UID を /proc から読めません',
	'lesson.rootless.seen.noUserns': 'conmon {conmon} は専用のユーザー名前空間に入っていません (uid_map: {map})',
	'lesson.rootless.uid.met':
		'conmon {conmon}: ホストでは UID {host}、内側では {inside} (uid_map: {map})。{child}: ホストでは UID {childHost}、内側では {childInside}',
	'lesson.rootless.stays.title': 'pause プロセスは残る',
	'lesson.rootless.stays.explain':
		'コンテナはなくなり、conmon も一緒に終了しましたが、pause プロセスは残ります。このユーザーの次の podman コマンドのために、ユーザー名前空間を保持し続けます。',
	'lesson.rootless.stays.expect': 'レッスンのコンテナが残っておらず、同じ pause プロセスがまだ動いていること',
	'lesson.rootless.seen.containersLeft': 'レッスンのコンテナが {count} 個まだ一覧にあります',
	'lesson.rootless.seen.pauseGone': 'pause プロセス {pause} はなくなりました',
	'lesson.rootless.stays.met': 'レッスンのコンテナは残っていません。pause プロセス {pause} はまだ動いていて、ユーザー名前空間を保持しています',
} as const;
