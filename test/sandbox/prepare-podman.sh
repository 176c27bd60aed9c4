#!/usr/bin/env bash
# Prepare everything the podman end-to-end tests need:
#   1. the Debian packages podman, runc, busybox-static and uidmap (installed with
#      apt-get when something is missing and we are root; otherwise: message + exit 1);
#   2. a rootfs tarball holding the static busybox, from which the tests `podman import`
#      their image (no registry is reachable from the machines this runs on).
#
# Idempotent and quiet when everything is already there. Safe to run concurrently: the
# tarball is written to a temporary file next to its final name and then renamed.
# The last line printed on stdout is always the tarball's path; everything else goes to
# stderr.
#
# Environment:
#   CONMON_TUI_CACHE   directory of the tarball
#                      (default: ${XDG_CACHE_HOME:-$HOME/.cache}/conmon-tui)
set -euo pipefail

log() { printf 'prepare-podman: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

BUSYBOX=/bin/busybox
# catatonit: podman 4.3 builds a pod's infra image (localhost/podman-pause:<version>) from it on the first `pod create`.
PACKAGES=(podman runc busybox-static uidmap catatonit)

busybox_is_static() {
	[[ -x $BUSYBOX ]] || return 1
	if command -v ldd >/dev/null 2>&1; then
		# ldd fails with "not a dynamic executable" on a static binary.
		! ldd "$BUSYBOX" >/dev/null 2>&1
	elif command -v dpkg-query >/dev/null 2>&1; then
		dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed'
	else
		return 0
	fi
}

missing=()
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v runc >/dev/null 2>&1 || [[ -x /usr/sbin/runc ]] || missing+=(runc)
busybox_is_static || missing+=("busybox-static ($BUSYBOX, statically linked)")
command -v newuidmap >/dev/null 2>&1 || [[ -x /usr/bin/newuidmap ]] || missing+=("uidmap (newuidmap)")
command -v catatonit >/dev/null 2>&1 || [[ -x /usr/libexec/podman/catatonit ]] || missing+=(catatonit)

if ((${#missing[@]} > 0)); then
	if ((EUID != 0)); then
		die "missing: ${missing[*]}. Install them as root, e.g.: sudo apt-get install -y ${PACKAGES[*]}"
	fi
	if ! command -v apt-get >/dev/null 2>&1; then
		die "missing: ${missing[*]}, and there is no apt-get to install ${PACKAGES[*]} with (Debian/Ubuntu only)"
	fi
	log "missing: ${missing[*]}; installing ${PACKAGES[*]} with apt-get"
	apt-get update >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y "${PACKAGES[@]}" >&2
	busybox_is_static || die "$BUSYBOX is still missing or not statically linked after installing busybox-static"
fi

cache_dir=${CONMON_TUI_CACHE:-${XDG_CACHE_HOME:-${HOME:?HOME is not set: set CONMON_TUI_CACHE}/.cache}/conmon-tui}
tarball=$cache_dir/busybox-rootfs.tar

if [[ -s $tarball ]]; then
	printf '%s\n' "$tarball"
	exit 0
fi

mkdir -p "$cache_dir"
stage=$(mktemp -d "$cache_dir/.rootfs.XXXXXX")
tmp_tar=$(mktemp "$cache_dir/.busybox-rootfs.tar.XXXXXX")
cleanup() { rm -rf "$stage" "$tmp_tar"; }
trap cleanup EXIT

log "building $tarball"
root=$stage/rootfs
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,var/tmp,run,proc,sys,dev,tmp}
chmod 1777 "$root/tmp" "$root/var/tmp"
chmod 0700 "$root/root"
cp "$BUSYBOX" "$root/bin/busybox"
chmod 0755 "$root/bin/busybox"

# A link for every applet this busybox knows, plus the ones the tests rely on.
applets=$("$BUSYBOX" --list)
for required in sh sleep true false echo cat ps top kill yes env ls; do
	grep -qx -- "$required" <<<"$applets" || die "$BUSYBOX has no '$required' applet"
done
while IFS= read -r applet; do
	[[ -n $applet && $applet != busybox && $applet != */* ]] || continue
	ln -s busybox "$root/bin/$applet"
done <<<"$applets"

cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat >"$root/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
EOF
chmod 0644 "$root/etc/passwd" "$root/etc/group"

tar --create --file "$tmp_tar" --directory "$root" \
	--sort=name --owner=0 --group=0 --numeric-owner --mtime='2024-01-01 00:00:00Z' .
chmod 0644 "$tmp_tar"
mv -f "$tmp_tar" "$tarball"

printf '%s\n' "$tarball"
