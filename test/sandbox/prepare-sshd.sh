#!/usr/bin/env bash
# Prepare what the remote end-to-end tests need beyond prepare-podman.sh: Debian's
# openssh-server (sshd, for the far side) and openssh-client (ssh, ssh-keygen, for conmon-tui
# and the test). Installed with apt-get when missing and we are root; otherwise a message and
# exit 1. Idempotent and quiet when everything is there. Prints the sshd path on its last line.
set -euo pipefail

log() { printf 'prepare-sshd: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

sshd_path() { command -v sshd 2>/dev/null || { [[ -x /usr/sbin/sshd ]] && echo /usr/sbin/sshd; }; }

if [[ -z $(sshd_path) ]] || ! command -v ssh >/dev/null 2>&1 || ! command -v ssh-keygen >/dev/null 2>&1; then
	((EUID == 0)) || die "missing sshd/ssh. Install them as root, e.g.: sudo apt-get install -y openssh-server openssh-client"
	command -v apt-get >/dev/null 2>&1 || die "missing sshd/ssh, and there is no apt-get (Debian/Ubuntu only)"
	log "installing openssh-server openssh-client with apt-get"
	# Another engineer's apt-get may hold the lock: wait for it rather than fail.
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends openssh-server openssh-client >&2 ||
		{ apt-get -o DPkg::Lock::Timeout=300 update >&2 && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends openssh-server openssh-client >&2; }
fi
path=$(sshd_path)
[[ -n $path ]] || die "sshd is still missing after installing openssh-server"
printf '%s\n' "$path"
