#!/usr/bin/env bash
# Wrap a one-folder bundle into a .deb: /opt/assets-desktop, a command on the PATH, a desktop entry,
# an icon, and Depends: derived from the system libraries the bundled binaries link against.
# Usage: make_deb.sh BUNDLE_DIR VERSION ARCH OUT_DIR   (prints the .deb path)
set -euo pipefail
bundle=$1 version=$2 arch=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/icons/hicolor/256x256/apps" "$root/DEBIAN"
cp -a "$bundle" "$root/opt/assets-desktop"
ln -s /opt/assets-desktop/assets-desktop "$root/usr/bin/assets-desktop"
cp "$here/assets-desktop.desktop" "$root/usr/share/applications/"
cp "$here/../../resources/icon.png" "$root/usr/share/icons/hicolor/256x256/apps/assets-desktop.png"

# Depends: every system library (not shipped in the bundle) that a bundled ELF file needs,
# mapped to its Debian package.
bundled=$(find "$root/opt/assets-desktop" -name '*.so*' -printf '%f\n' | sort -u)
depends=$(
  { find "$root/opt/assets-desktop" -type f \( -name '*.so*' -o -perm -u+x \) -print0 |
      xargs -0 file | awk -F: '/ELF/ {print $1}' |
      xargs -r ldd 2>/dev/null | awk '/=> \// {print $1, $3}' | sort -u || true; } |
    while read -r soname path; do
      grep -qxF "$soname" <<<"$bundled" && continue
      # merged /usr: dpkg may know the file under /lib or under /usr/lib
      dpkg -S "$path" 2>/dev/null || dpkg -S "$(realpath "$path")" 2>/dev/null || true
    done | cut -d: -f1 | sort -u | paste -sd, | sed 's/,/, /g'
)
cat > "$root/DEBIAN/control" <<CONTROL
Package: assets-desktop
Version: $version
Section: office
Priority: optional
Architecture: $arch
Maintainer: Assets Desktop team <team@assets-desktop.invalid>
Depends: ${depends:-libc6}
Description: Underwriter's workbench for Plaid Asset Reports
 Review Plaid Asset Reports offline: accounts, balance charts, transactions,
 underwriting flags and the report PDF, kept in an encrypted local library.
 Includes a local Plaid-compatible Assets sandbox.
CONTROL
deb="$out/assets-desktop_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zzstd --build "$root" "$deb" >/dev/null
echo "$deb"
