import type { MessagesLike } from './messages.js';
import type { rootlessEn } from './rootless.en.js';

export const rootlessJa: MessagesLike<typeof rootlessEn> = {
	'rootless.purpose.pause':
		'rootless の pause プロセス: このユーザーの rootless コンテナとその conmon が入るユーザー名前空間を保持する。それらがなくなっても残る',
	'rootless.purpose.pauseOf':
		'ユーザー {user} の rootless の pause プロセス: {user} の rootless コンテナとその conmon が入るユーザー名前空間を保持する。それらがなくなっても残る',
	'rootless.purpose.slirp4netns': 'この rootless コンテナのユーザーモードネットワーク (podman 4)',
	'rootless.purpose.pasta': 'この rootless コンテナのユーザーモードネットワーク (podman 5)',
	'rootless.purpose.rootlessport': '公開したポートをこの rootless コンテナへ転送する',
};
