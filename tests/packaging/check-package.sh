#!/usr/bin/env bash
# ctest "packaging": what `cmake --install` lays out and the .deb CPack makes of it.
#   check-package.sh <build-dir>
# Installs into a temporary prefix and checks the layout, validates the desktop entry and the
# AppStream metainfo (desktop-file-validate, appstreamcli --no-net), then builds the .deb and
# checks its contents (dpkg-deb -c) and dependencies (dpkg-deb -f).
set -euo pipefail
build=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

cmake --install "$build" --prefix "$tmp/usr" >/dev/null
app=io.github.penpal.Penpal
for f in bin/penpal share/applications/$app.desktop share/metainfo/$app.metainfo.xml \
    share/icons/hicolor/scalable/apps/penpal.svg share/icons/hicolor/48x48/apps/penpal.png \
    share/icons/hicolor/256x256/apps/penpal.png; do
    [ -e "$tmp/usr/$f" ] || fail "install lacks $f"
done
[ -x "$tmp/usr/bin/penpal" ] || fail "bin/penpal is not executable"
# Only the app: no test programs, libraries or headers.
extra=$(cd "$tmp/usr" && find . -type f | grep -v -E '^\./(bin/penpal|share/(applications|metainfo|icons)/)' || true)
[ -z "$extra" ] || fail "install has unexpected files: $extra"

desktop-file-validate "$tmp/usr/share/applications/$app.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$tmp/usr/share/metainfo/$app.metainfo.xml" || fail "appstreamcli validate"
echo "install layout and validators: ok"

(cd "$tmp" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/deb" >/dev/null) || fail "cpack"
deb=$(ls "$tmp"/deb/penpal_*.deb 2>/dev/null | head -n1)
[ -n "$deb" ] || fail "cpack made no .deb"
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/penpal ./usr/share/applications/$app.desktop ./usr/share/metainfo/$app.metainfo.xml \
    ./usr/share/icons/hicolor/scalable/apps/penpal.svg ./usr/share/icons/hicolor/128x128/apps/penpal.png; do
    grep -q " $f\$" <<<"$contents" || fail ".deb lacks $f"
done
depends=$(dpkg-deb -f "$deb" Depends)
for d in libqt6widgets6 libqt6network6 libqt6sql6 libqt6sql6-sqlite qt6-qpa-plugins libqt6keychain1 \
    libhunspell libcld2 libzip4 libsqlite3; do
    grep -q "$d" <<<"$depends" || fail ".deb Depends lacks $d: $depends"
done
[ "$(dpkg-deb -f "$deb" Package)" = penpal ] || fail "package name"
[ "$(dpkg-deb -f "$deb" Architecture)" = "$(dpkg --print-architecture)" ] || fail "architecture"
echo ".deb $(basename "$deb"): ok"
echo "Depends: $depends"
