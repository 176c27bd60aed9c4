/** What each rootless helper process beside conmon is for. */
export const rootlessEn = {
	'rootless.purpose.pause':
		"rootless pause process: holds the user namespace that this user's rootless containers and their conmons join; it stays after they are gone",
	'rootless.purpose.pauseOf':
		"user {user}'s rootless pause process: holds the user namespace that {user}'s rootless containers and their conmons join; it stays after they are gone",
	'rootless.purpose.slirp4netns': 'user-mode network for this rootless container (podman 4)',
	'rootless.purpose.pasta': 'user-mode network for this rootless container (podman 5)',
	'rootless.purpose.rootlessport': 'forwards published ports into this rootless container',
} as const;
