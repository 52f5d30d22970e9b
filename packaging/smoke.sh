#!/usr/bin/env bash
# Smoke-test the frozen app: the bundle offscreen and on Xvfb, the .deb's contents, the bundle in a
# network namespace with nothing but loopback (keyring library), and with no keyring at all
# (passphrase library, passphrase from a file). Run after build.sh. Exits non-zero on failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dist="$here/dist"
app="$dist/assets-desktop/assets-desktop"
deb=$(ls "$dist"/assets-desktop_*.deb | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASSETS_DESKTOP_CONFIG_DIR="$work/config"  # never the user's settings
# Where no keyring works (CI, a container), a library in --data-dir needs a passphrase.
printf 'frozen smoke test passphrase\n' > "$work/passphrase"
chmod 600 "$work/passphrase"
phrase=(--passphrase-file "$work/passphrase")

echo "--- frozen bundle, offscreen"
QT_QPA_PLATFORM=offscreen "$app" --smoke-test --data-dir "$work/offscreen" "${phrase[@]}"

echo "--- frozen bundle, Xvfb (xcb)"
env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1400x900x24" \
  env QT_QPA_PLATFORM=xcb "$app" --smoke-test --data-dir "$work/xcb" "${phrase[@]}"

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
  --data-dir "$work/deb-data" "${phrase[@]}"

echo "--- no network at all: create a report, then reopen it from the library offline"
# A fresh network namespace has nothing but loopback. The library key lives in the keyring, so the
# offline reopen needs a real Secret Service (gnome-keyring on a private D-Bus session).
if unshare -n true 2>/dev/null && command -v dbus-run-session >/dev/null \
    && command -v gnome-keyring-daemon >/dev/null; then
  unshare -n dbus-run-session -- sh -ec "
    ip link set lo up 2>/dev/null || true
    printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    export QT_QPA_PLATFORM=offscreen
    unset PYTHON_KEYRING_BACKEND
    '$app' --smoke-test --data-dir '$work/offline'
    '$app' --smoke-test --offline --data-dir '$work/offline'" 2>&1 | grep -v 'fd limit'
else
  echo "unshare -n, dbus-run-session or gnome-keyring-daemon is missing: skipped the offline run" >&2
  exit 1
fi
echo "--- no keyring at all: a passphrase library (passphrase from a file), reopened offline"
# The keyring library fail backend, as on a fresh machine with no Secret Service: the library key
# is wrapped by the passphrase and the secrets are sealed in the library.
no_keyring() {
  local status=0
  env -u DBUS_SESSION_BUS_ADDRESS PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring \
    QT_QPA_PLATFORM=offscreen "$app" --smoke-test --data-dir "$work/no-keyring" "$@" \
    >"$work/no-keyring.log" 2>&1 || status=$?
  grep -v 'fd limit\|Keyring unusable' "$work/no-keyring.log" || true
  return "$status"
}
status=0
no_keyring >/dev/null || status=$?
if [ "$status" != 2 ]; then
  echo "without a keyring or a passphrase the smoke test should stop with exit 2 (got $status)" >&2
  exit 1
fi
no_keyring --passphrase-file "$work/passphrase"
no_keyring --offline --passphrase-file "$work/passphrase"
echo "frozen smoke tests passed"
