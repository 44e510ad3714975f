#!/usr/bin/env bash
# Runs one of the README's two commands the way a new machine would: in a
# clean Debian 12 root made here from Debian's packages, holding exactly what
# a new machine of this project's kind has (scripts/fresh-machine/
# debian12-packages.txt, from the workplace's list of a new machine's
# packages: its only fonts are DejaVu) plus the machine's Rust toolchain
# (rustup's, bind-mounted read-only, with an empty cargo home) and Node
# (bind-mounted), on a clean clone of this repository's HEAD. Nothing this
# machine installed by hand (packages, fonts, tauri-driver, cargo-deny,
# node_modules, target/) is inside.
#
#   scripts/fresh-machine.sh              # bash scripts/test.sh (the test command)
#   scripts/fresh-machine.sh run-app      # bash scripts/run-app.sh, a screenshot after 20 s
#   scripts/fresh-machine.sh prepare      # only make the pristine root
#   FRESH_ROOT=/var/tmp/x scripts/fresh-machine.sh
#
# Run as root. The root is made once (about 6 minutes) and kept as a
# pristine copy; each run starts from a fresh copy of it. The test command
# then builds everything from nothing: about 45-60 minutes on 2 cores.
# The run's output goes to $FRESH_ROOT/run.log; exit status is the command's.
set -euo pipefail

ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FRESH=${FRESH_ROOT:-/var/tmp/trellis-fresh}
PRISTINE=$FRESH/pristine
SYSROOT=$FRESH/root
MIRROR=http://deb.debian.org/debian
what=${1:-test}

say() { printf 'fresh: %s\n' "$*"; }
die() {
  printf 'fresh: error: %s\n' "$*" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || die "run as root (it makes a Debian root with debootstrap and chroots into it)"
command -v debootstrap >/dev/null || {
  say "installing debootstrap"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
}
RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup}
[ -d "$RUSTUP_HOME/toolchains" ] || die "no rustup toolchains at $RUSTUP_HOME"
NODE=$(command -v node) || die "node is missing"
NODE_MODULES=$(dirname "$(dirname "$NODE")")/lib/node_modules
[ -d "$NODE_MODULES/npm" ] || die "npm is not at $NODE_MODULES/npm"

mounts=()
unmount_all() {
  local i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[$i]}" 2>/dev/null || true; done
  mounts=()
}
trap unmount_all EXIT
bind() { # bind SRC DEST [ro]
  mkdir -p "$2"
  [ -f "$1" ] && { rmdir "$2" 2>/dev/null || true; touch "$2"; }
  mount --bind "$1" "$2"
  mounts+=("$2")
  [ "${3:-}" = ro ] && mount -o remount,bind,ro "$2"
  return 0
}
system_mounts() {
  local r=$1
  mount -t proc proc "$r/proc" && mounts+=("$r/proc")
  mount --rbind /sys "$r/sys" && mount --make-rslave "$r/sys" && mounts+=("$r/sys")
  mount --rbind /dev "$r/dev" && mount --make-rslave "$r/dev" && mounts+=("$r/dev")
  cp /etc/resolv.conf "$r/etc/resolv.conf"
}

make_pristine() {
  say "making a Debian 12 root in $PRISTINE (debootstrap, then a new machine's packages)"
  rm -rf "$PRISTINE.tmp"
  debootstrap --variant=minbase bookworm "$PRISTINE.tmp" "$MIRROR" >"$FRESH/debootstrap.log" 2>&1 \
    || die "debootstrap failed: see $FRESH/debootstrap.log"
  # The same suites as a new machine: bookworm, its updates and security.
  rm -f "$PRISTINE.tmp/etc/apt/sources.list"
  cat >"$PRISTINE.tmp/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  system_mounts "$PRISTINE.tmp"
  cp "$ROOT_DIR/scripts/fresh-machine/debian12-packages.txt" "$PRISTINE.tmp/tmp/packages.txt"
  # Every package a new machine has that Debian offers (nodejs comes from
  # elsewhere on a new machine: it is bind-mounted below).
  chroot "$PRISTINE.tmp" /bin/bash -ec '
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-cache pkgnames | sort -u > /tmp/available.txt
    comm -12 <(sort -u /tmp/packages.txt) /tmp/available.txt | grep -vx nodejs > /tmp/install.txt
    echo "fresh: installing $(wc -l < /tmp/install.txt) of $(wc -l < /tmp/packages.txt) packages"
    xargs -a /tmp/install.txt apt-get install -y -qq --no-install-recommends >/dev/null
    apt-get clean
    rm -f /tmp/*.txt
  ' >>"$FRESH/debootstrap.log" 2>&1 || die "installing the packages failed: see $FRESH/debootstrap.log"
  unmount_all
  mv "$PRISTINE.tmp" "$PRISTINE"
}

mkdir -p "$FRESH"
[ -d "$PRISTINE" ] || make_pristine
if [ "$what" = prepare ]; then
  say "the pristine root is ready: $PRISTINE"
  exit 0
fi

say "copying the pristine root to $SYSROOT"
unmount_all
rm -rf "$SYSROOT"
cp -a "$PRISTINE" "$SYSROOT"

say "cloning $(git -C "$ROOT_DIR" rev-parse --short HEAD) into it"
git clone -q --no-hardlinks "$ROOT_DIR" "$SYSROOT/root/trellis"

# The machine's toolchains: rustup's toolchains read-only and a cargo home
# holding only rustup's proxies (no tauri-driver, no cargo-deny); node and npm.
mkdir -p "$SYSROOT/root/.cargo/bin"
for tool in cargo cargo-clippy cargo-fmt clippy-driver rustc rustdoc rustfmt rustup; do
  [ -e "$HOME/.cargo/bin/$tool" ] && cp "$HOME/.cargo/bin/$tool" "$SYSROOT/root/.cargo/bin/$tool"
done
system_mounts "$SYSROOT"
bind "$RUSTUP_HOME" "$SYSROOT/root/.rustup" ro
bind "$NODE" "$SYSROOT/usr/bin/node" ro
bind "$NODE_MODULES" "$SYSROOT/usr/lib/node_modules" ro
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$SYSROOT/usr/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$SYSROOT/usr/bin/npx"
[ -f "$HOME/.npmrc" ] && cp "$HOME/.npmrc" "$SYSROOT/root/.npmrc"
# The workplace's network: every machine of this kind trusts its egress CA and
# names the bundle in its environment; so does the fresh root.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$SYSROOT/usr/local/share/ca-certificates/"
  chroot "$SYSROOT" update-ca-certificates >/dev/null 2>&1
fi
ca_env=()
for v in SSL_CERT_FILE SSL_CERT_DIR CURL_CA_BUNDLE NODE_EXTRA_CA_CERTS GIT_SSL_CAINFO; do
  [ -n "${!v:-}" ] && ca_env+=("$v=${!v}")
done

case $what in
  test) command='bash scripts/test.sh' ;;
  run-app)
    # The app on the virtual display run-app.sh makes itself; once its
    # window has had time to draw, a screenshot from that display, then quit.
    command='bash scripts/run-app.sh --data-dir /root/trellis-data & runner=$!
      for i in $(seq 1 1800); do pid=$(pgrep -x trellis-desktop || true); [ -n "$pid" ] && break; sleep 1; done
      [ -n "$pid" ] || { echo "the app never started"; exit 1; }
      sleep 20
      display=$(tr "\0" "\n" < /proc/$pid/environ | sed -n "s/^DISPLAY=//p")
      import -display "$display" -window root /root/run-app.png
      kill -TERM "$pid"; wait "$runner" || true'
    ;;
  *) die "unknown command '$what' (test or run-app)" ;;
esac

say "running '$command' in the fresh root (log: $FRESH/run.log)"
fc=$(chroot "$SYSROOT" fc-list : family | sort -u | paste -sd, -)
say "fonts in the fresh root: $fc"
start=$SECONDS
status=0
chroot "$SYSROOT" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 "${ca_env[@]}" \
  PATH=/root/.cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  /bin/bash -c "cd /root/trellis && $command" >"$FRESH/run.log" 2>&1 || status=$?
say "finished with exit status $status after $(((SECONDS - start) / 60)) min $(((SECONDS - start) % 60)) s"
tail -5 "$FRESH/run.log"
[ -f "$SYSROOT/root/run-app.png" ] && cp "$SYSROOT/root/run-app.png" "$FRESH/run-app.png" && say "screenshot: $FRESH/run-app.png"
exit "$status"
