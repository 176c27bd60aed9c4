#!/usr/bin/env bash
# Prepare the Debian 13 (trixie) chroot in which the end-to-end tests run podman 5.x
# (see test/helpers/podman5Chroot.ts and PODMAN-NOTES §7):
#   1. debootstrap (installed with apt-get when missing and we are root);
#   2. `debootstrap --variant=minbase --include=podman,conmon,runc,catatonit,nodejs,procps,busybox-static
#      trixie DIR MIRROR`, MIRROR being the Debian mirror apt already uses (/etc/apt/sources.list*).
#
# Cached: the chroot is built into a temporary directory, stamped when debootstrap succeeded,
# and only then renamed to its final name, so a half-built chroot is never used. A second run
# prints the cached chroot at once. Concurrent runs wait for each other (flock).
# The last line printed on stdout is always the chroot's path; everything else goes to stderr.
#
# Environment:
#   CONMON_TUI_CACHE   directory of the chroot (default: ${XDG_CACHE_HOME:-$HOME/.cache}/conmon-tui)
#   DEBIAN_MIRROR      the mirror to use instead of the one apt is configured with
set -euo pipefail

log() { printf 'prepare-podman5-chroot: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

SUITE=trixie
INCLUDE=podman,conmon,runc,catatonit,nodejs,procps,busybox-static

cache_dir=${CONMON_TUI_CACHE:-${XDG_CACHE_HOME:-${HOME:?HOME is not set: set CONMON_TUI_CACHE}/.cache}/conmon-tui}
chroot_dir=$cache_dir/podman5-$SUITE
stamp=$chroot_dir/.conmon-tui-complete

if [[ -f $stamp ]]; then
	printf '%s\n' "$chroot_dir"
	exit 0
fi
((EUID == 0)) || die "building the podman 5 chroot needs root (debootstrap, chroot, mounts)"

# The first Debian archive apt knows (deb822 "URIs:" or one-line "deb URL SUITE"), not the security one.
apt_mirror() {
	local files=(/etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources)
	sed -e 's/#.*//' "${files[@]}" 2>/dev/null |
		grep -oE '^[[:space:]]*(URIs:|deb)[[:space:]]+(\[[^]]*\][[:space:]]+)?https?://[^[:space:]]+/debian/?([[:space:]]|$)' |
		grep -oE 'https?://[^[:space:]]+' | head -n 1 | grep .
}

mkdir -p "$cache_dir"
exec 9>"$cache_dir/.podman5-$SUITE.lock"
flock 9
# Someone else may have finished it while we waited.
if [[ -f $stamp ]]; then
	printf '%s\n' "$chroot_dir"
	exit 0
fi

if ! command -v debootstrap >/dev/null 2>&1; then
	command -v apt-get >/dev/null 2>&1 || die "debootstrap is missing, and there is no apt-get to install it with (Debian/Ubuntu only)"
	log "installing debootstrap with apt-get"
	apt-get update >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap >&2
fi

mirror=${DEBIAN_MIRROR:-$(apt_mirror || true)}
[[ -n $mirror ]] || die "cannot find a Debian mirror in /etc/apt/sources.list*: set DEBIAN_MIRROR"

# A chroot left by an interrupted build (a stamp is missing) is never used: start again.
rm -rf --one-file-system "$chroot_dir"
stage=$(mktemp -d "$cache_dir/.podman5-$SUITE.XXXXXX")
cleanup() { if [[ -n ${stage:-} ]]; then rm -rf --one-file-system "$stage"; fi; }
trap cleanup EXIT

log "building the podman 5 chroot ($SUITE from $mirror) in $stage"
if ! debootstrap --variant=minbase --include="$INCLUDE" "$SUITE" "$stage" "$mirror" >&2; then
	# The half-built chroot is removed on exit: its log's end goes to stderr first.
	tail -n 5 "$stage/debootstrap/debootstrap.log" >&2 2>/dev/null || true
	die "debootstrap $SUITE from $mirror failed"
fi
# Nothing downloaded is needed any more.
rm -rf "$stage"/var/cache/apt/archives/*.deb
for binary in usr/bin/podman usr/bin/node usr/sbin/runc bin/busybox; do
	[[ -x $stage/$binary ]] || die "the chroot has no /$binary after debootstrap"
done
# mktemp made it 0700: it is the chroot's /, which every user in it must be able to enter.
chmod 0755 "$stage"
date -u +%FT%TZ >"$stage/.conmon-tui-complete"
mv "$stage" "$chroot_dir"
stage=
printf '%s\n' "$chroot_dir"
