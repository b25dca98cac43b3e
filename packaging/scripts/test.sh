#!/usr/bin/env bash
# Installs dependencies, builds Penpal with warnings as errors and runs the whole test suite
# through ctest on the offscreen platform. Keychain tests start their own private D-Bus
# session with an unlocked gnome-keyring (tests/support/with-keyring.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# ccache hits across clones and build directories (paths under the tree are made relative).
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$root}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
bash "$root/packaging/scripts/deps.sh" --tests
build="${PENPAL_BUILD_DIR:-$root/build-tests}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPENPAL_WERROR=ON
cmake --build "$build" -j"$(nproc)"
cd "$build"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j"$(nproc)" "$@"
