#!/usr/bin/env bash
# Smoke-test the frozen app: the bundle offscreen and on Xvfb, the .deb's contents, and the bundle
# in a network namespace with nothing but loopback. Run after build.sh. Exits non-zero on failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dist="$here/dist"
app="$dist/assets-desktop/assets-desktop"
deb=$(ls "$dist"/assets-desktop_*.deb | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "--- frozen bundle, offscreen"
QT_QPA_PLATFORM=offscreen "$app" --smoke-test --data-dir "$work/offscreen"

echo "--- frozen bundle, Xvfb (xcb)"
env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1400x900x24" \
  env QT_QPA_PLATFORM=xcb "$app" --smoke-test --data-dir "$work/xcb"

echo "--- .deb: Depends resolvable, contents extracted and launched"
dpkg-deb --info "$deb" | sed -n '/Depends/p'
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get install -s -qq "$deb" >/dev/null
fi
dpkg-deb -x "$deb" "$work/deb"
test -x "$work/deb/opt/assets-desktop/assets-desktop"
test -f "$work/deb/usr/share/applications/assets-desktop.desktop"
test "$(readlink "$work/deb/usr/bin/assets-desktop")" = /opt/assets-desktop/assets-desktop
QT_QPA_PLATFORM=offscreen "$work/deb/opt/assets-desktop/assets-desktop" --smoke-test \
  --data-dir "$work/deb-data"

echo "--- no network at all (a fresh network namespace with only loopback)"
if unshare -n true 2>/dev/null; then
  unshare -n sh -c "ip link set lo up 2>/dev/null || true;
    QT_QPA_PLATFORM=offscreen '$app' --smoke-test --data-dir '$work/offline'"
else
  echo "unshare -n is not permitted here: skipped the no-network run" >&2
fi
echo "frozen smoke tests passed"
