import type { cliEn } from './cli.en.js';
import type { MessagesLike } from './messages.js';

export const cliJa: MessagesLike<typeof cliEn> = {
	'cli.usage': `使い方: conmon-tui [オプション]
        conmon-tui lesson [NAME] [オプション]

podman のコンテナをリアルタイムに表示します。コンテナごとの conmon とプロセスを
実際の PID とともに示し、キーで podman を実行できます。conmon が現れては終了し、
コンテナを起動するたびに新しい conmon が現れる様子を観察できます (再起動ポリシーが
あるときは、podman の後始末がコンテナを起動します)。

オプション:
  --image IMG      実行キー (r) で使うイメージ           既定: {image}
  --command CMD    実行キーで使うコマンド。シェルと同じように単語に分けるが、
                   シェルを通して実行はしない            既定: {command}
  --once           現在のツリーをテキストで出力して終了
  --json           --once と併用: JSON で出力
  --timeout SEC    podman のコマンドを SEC 秒で打ち切る  既定: {timeout}
  --log FILE       イベントログの各行を JSON Lines として FILE に追記
  --all-users      他ユーザーの rootless の conmon もユーザー別に表示 (root のとき)
  --lang en|ja     画面とレッスンの言語                  既定: LC_ALL、LC_MESSAGES、LANG から
  --record FILE    セッションの記録 (手順・コマンド・PID) を Markdown で FILE に書く
  --connection NAME  この接続 (podman system connection list) の podman を表示。
                   その /proc は ssh で読む。既定: podman と同じ選び方 (CONTAINER_CONNECTION、
                   CONTAINER_HOST、macOS/Windows では podman machine)。複数指定すると
                   ホストごとに見出しの下にツリーを表示し、キーは選択行のホストに対して働く
  --yes            x k R p d の前に確認しない (通常、このセッションが起動していないコンテナでは確認する)
  --read-only      見るだけ: コマンドを実行するキーをすべて無効にする (レッスンも使えない)
  --help           このヘルプを表示
  --version        バージョンを表示

レッスン (学ぶ順): {lessons} (NAME なし: メニュー)

キー (? でも表示します):
{keys}
  x k R p d は、このセッションが起動していないコンテナでは先に y/n を確認します。

NO_COLOR が設定されている (空でない) と色を使いません。選択行には ▶ が付きます。`,
	'cli.installHint':
		'インストールしてから conmon-tui をもう一度実行してください: Debian/Ubuntu は `sudo apt-get install podman`、' +
		'Fedora は `sudo dnf install podman`、Arch は `sudo pacman -S podman`。詳しくは https://podman.io/docs/installation',
	'cli.unreadableVersion': 'podman のバージョンを "{output}" から読み取れませんでした',
	'cli.podmanTooOld': 'podman {version} は古すぎます: conmon-tui には podman {major}.0 以降が必要です。{hint}',
	'cli.podmanMissing': 'conmon-tui には podman が必要ですが、{reason}。{hint}',
	'cli.podmanBroken': 'この環境では podman が動きません: {message}',
	'cli.needsTerminal': 'リアルタイム表示には端末 (stdin と stdout) が必要です。パイプやスクリプトでは --once か --once --json を使ってください',
	'cli.unknownLesson': 'レッスン "{name}" はありません。レッスンは {lessons} です',
	'cli.fileUnwritable': '{flag} {path}: 書き込めません: {message}',
	'cli.fileSymlink': '{flag} {path}: シンボリックリンクです。リンク経由では書き込みません (実際のファイルのパスを指定してください)',
	'cli.crashed': '予期しないエラーで終了しました: {message}',
	'cli.unexpected': '予期しないエラー: {message}',
	'cli.leftRunning': '{command} はまだ実行中です。このまま最後まで実行されます',
};
