import type { lessonPodEn } from './lessonPod.en.js';
import type { MessagesLike } from './messages.js';

export const lessonPodJa: MessagesLike<typeof lessonPodEn> = {
	'lesson.pod.title': 'Pod: コンテナごとに conmon、infra にも',
	'lesson.pod.summary':
		'Pod の infra コンテナは専用の conmon の下で共有の名前空間を保持します。メンバーにもそれぞれ conmon があり、pod stop で全部終了し、pod start で新しく起動します',
	'lesson.pod.create.title': 'Pod を作成する',
	'lesson.pod.create.explain':
		'podman pod create は Pod とその infra コンテナを作ります。infra の役目は、Pod のコンテナが共有する名前空間を保持することだけです。infra は作成されただけで、まだ何も動いていないので conmon はありません。',
	'lesson.pod.create.expect': 'Pod の infra コンテナが作成済みで、conmon がないこと',
	'lesson.pod.seen.noPod': 'このレッスンの Pod はまだ podman の一覧にありません',
	'lesson.pod.create.met': 'Pod {pod} を作成しました。infra コンテナ {infra} の状態は {state} で、conmon はまだありません',
	'lesson.pod.run.title': 'Pod の中でコンテナを実行する',
	'lesson.pod.run.explain':
		'podman run --pod はまず infra コンテナを起動します。infra には専用の conmon があり、その子の /catatonit -P は Pod の名前空間を保持するだけです。続いてコンテナが専用の conmon とともに起動します。コンテナ 2 つに conmon 2 つです。',
	'lesson.pod.run.expect': 'infra の conmon とその下の /catatonit -P、そしてコンテナ自身の conmon',
	'lesson.pod.seen.noInfra': 'infra コンテナの conmon と /catatonit -P はまだ見えません',
	'lesson.pod.run.met': 'infra {infra}: conmon {infraConmon} → {infraChild}。コンテナ: conmon {conmon} → {child}',
	'lesson.pod.stop.title': 'Pod を停止する',
	'lesson.pod.stop.explain':
		'podman pod stop は infra も含め、Pod のすべてのコンテナを停止します。-t {seconds}: SIGTERM のハンドラを持たない PID 1 の sleep は SIGTERM では終了しないので、podman は既定の 10 秒ではなく {seconds} 秒後に SIGKILL を送ります。各 conmon は自分のコンテナの後に終了します。',
	'lesson.pod.stop.expect': 'Pod の conmon がすべて終了すること',
	'lesson.pod.seen.noConmons': 'podman pod stop の実行時に Pod の conmon は動いていませんでした',
	'lesson.pod.seen.conmonsRun': 'conmon {pids} はまだ動いています',
	'lesson.pod.stop.met': 'podman pod stop で {count} 個のコンテナが停止し、conmon {pids} も終了しました',
	'lesson.pod.start.title': 'Pod をもう一度起動する',
	'lesson.pod.start.explain':
		'podman pod start は Pod のすべてのコンテナを、infra から順に再び起動します。どのコンテナにも新しい conmon が付きます。前の PID と比べてください。',
	'lesson.pod.start.expect': 'Pod のすべてのコンテナに新しい conmon があること',
	'lesson.pod.seen.newConmons': '{total} 個中 {count} 個のコンテナに新しい conmon があります',
	'lesson.pod.start.met': '新しい conmon が {count} 個: {pids} (前: {before})',
	'lesson.pod.cleanup.title': '後片付け',
	'lesson.pod.cleanup.explain':
		'podman pod rm -f は Pod をすべてのコンテナごと削除します。infra コンテナは Pod と一緒でなければ削除できないため、podman rm では削除できません。',
	'lesson.pod.cleanup.expect': 'Pod のコンテナが podman の一覧から消えること',
	'lesson.pod.cleanup.met': 'Pod {pod} をコンテナごと削除しました。conmon {pids} も一緒に消えました',
} as const;
