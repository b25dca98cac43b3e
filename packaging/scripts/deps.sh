#!/usr/bin/env bash
# Installs what Penpal needs from Debian 12's own packages. Idempotent: when everything is
# already installed it changes nothing and needs no network. Uses sudo only when not root.
#   deps.sh          build + run dependencies
#   deps.sh --tests  also what the test suite needs (a Secret Service, D-Bus)
set -euo pipefail

packages=(
    build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libgl-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qtkeychain-qt6-dev libsecret-1-0 qt6-translations-l10n
    libsqlite3-dev libzip-dev libcld2-dev
    libhunspell-dev hunspell-en-us
)
if [ "${1:-}" = "--tests" ]; then
    packages+=(gnome-keyring dbus dbus-bin dbus-daemon libsecret-tools fonts-dejavu-core poppler-utils
        hunspell-de-de desktop-file-utils appstream)
fi

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}"
