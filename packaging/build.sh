#!/usr/bin/env bash
# Build the frozen one-folder bundle, its .tar.gz and the Linux .deb, then print their sizes.
# Usage: bash packaging/build.sh        (from anywhere; outputs land in packaging/dist/)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build="$here/build"
dist="$here/dist"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/pyproject.toml")
arch=$(dpkg --print-architecture 2>/dev/null || uname -m)

mkdir -p "$build" "$dist"
if [ ! -x "$build/venv/bin/pyinstaller" ]; then
  python3 -m venv "$build/venv"
fi
# A regular (non-editable) install, so PyInstaller sees the package as users get it.
"$build/venv/bin/pip" install -q -c "$root/constraints.txt" "$root[packaging]"

t0=$(date +%s.%N)
"$build/venv/bin/pyinstaller" --noconfirm --log-level WARN \
  --distpath "$dist" --workpath "$build/work" "$here/assets_desktop.spec"
t1=$(date +%s.%N)

tarball="$dist/assets-desktop-$version-linux-$arch.tar.gz"
tar -C "$dist" -czf "$tarball" assets-desktop
deb=$(bash "$here/linux/make_deb.sh" "$dist/assets-desktop" "$version" "$arch" "$dist")

printf 'build: pyinstaller %s s\n' "$(python3 -c "print(round($t1 - $t0, 1))")"
printf 'bundle: %s MB (%s)\n' "$(du -sm "$dist/assets-desktop" | cut -f1)" "$dist/assets-desktop"
printf 'tar.gz: %s MB (%s)\n' "$(du -m "$tarball" | cut -f1)" "$tarball"
printf 'deb: %s MB (%s)\n' "$(du -m "$deb" | cut -f1)" "$deb"
