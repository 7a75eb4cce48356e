#!/usr/bin/env bash
# Debian's Chromium for the console's browser tests. Playwright's own browser download cannot work here (nothing but
# the package registries is reachable), so the tests launch this one through ExecutablePath (/usr/bin/chromium).
#
#   build/chromium.sh install   install chromium with apt when it is missing
#   build/chromium.sh path      print the browser's path (fails when it is missing)
set -euo pipefail

browser=${SWITCHYARD_CHROMIUM:-/usr/bin/chromium}

say() { echo "chromium: $*" >&2; }
fail() { say "$*"; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else fail "installing chromium needs root or sudo: run 'apt-get install chromium' as root"
  fi
}

install_browser() {
  [ -x "$browser" ] && return 0
  say "installing chromium with apt"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || fail "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null \
    || fail "apt-get could not install chromium"
  [ -x "$browser" ] || fail "chromium installed but $browser is missing"
}

case "${1:-}" in
  install) install_browser ;;
  path) [ -x "$browser" ] || fail "$browser is missing: run build/chromium.sh install"; echo "$browser" ;;
  *) echo "usage: build/chromium.sh install|path" >&2; exit 2 ;;
esac
