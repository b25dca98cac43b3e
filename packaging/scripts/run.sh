#!/usr/bin/env bash
# Installs dependencies, builds Penpal in Release and launches it. Extra arguments go to the
# app (e.g. --data-dir DIR).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# ccache hits across clones and build directories (paths under the tree are made relative).
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$root}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
bash "$root/packaging/scripts/deps.sh"
build="$root/build-release"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPENPAL_BUILD_TESTS=OFF -DPENPAL_BUILD_BENCH=OFF
cmake --build "$build" --target penpal -j"$(nproc)"
exec "$build/penpal" "$@"
