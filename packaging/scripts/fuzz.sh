#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang, ASan + UBSan) and runs each one for a while.
#   fuzz.sh [seconds-per-target]    default 20; fails on the first crash, leak or broken invariant
# Environment: PENPAL_FUZZ_BUILD_DIR (default <repo>/build-fuzz), PENPAL_FUZZ_JOBS (build
# parallelism, default nproc). New inputs the fuzzer finds go to <build>/corpus/<name>, crash
# reproducers to <build>/artifacts/; re-run one with <build>/tests/fuzz/fuzz_<name> <file>.
# Seeds: tests/fuzz/corpus/<name>/ plus the directories listed in tests/fuzz/corpus/<name>.seeds
# (default tests/fixtures/sse).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds="${1:-20}"
build="${PENPAL_FUZZ_BUILD_DIR:-$root/build-fuzz}"
jobs="${PENPAL_FUZZ_JOBS:-$(nproc)}"

if ! command -v clang++ >/dev/null; then
    echo "fuzz.sh: clang++ not found (Debian: apt install clang libclang-rt-14-dev)" >&2
    exit 1
fi

CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DPENPAL_FUZZ=ON -DPENPAL_WERROR=ON >/dev/null
cmake --build "$build" -j"$jobs"

mkdir -p "$build/artifacts"
shopt -s nullglob
targets=("$build"/tests/fuzz/fuzz_*)
if [ ${#targets[@]} -eq 0 ]; then
    echo "fuzz.sh: no fuzz targets were built" >&2
    exit 1
fi

status=0
for target in "${targets[@]}"; do
    [ -x "$target" ] || continue
    name=$(basename "$target")
    name=${name#fuzz_}
    seeds=()
    [ -d "$root/tests/fuzz/corpus/$name" ] && seeds+=("$root/tests/fuzz/corpus/$name")
    if [ -f "$root/tests/fuzz/corpus/$name.seeds" ]; then
        while IFS= read -r dir; do
            [ -n "$dir" ] && [ "${dir:0:1}" != "#" ] && seeds+=("$root/$dir")
        done <"$root/tests/fuzz/corpus/$name.seeds"
    else
        seeds+=("$root/tests/fixtures/sse")
    fi
    # The first directory collects what this run finds; the checked-in seeds stay untouched.
    corpus="$build/corpus/$name"
    mkdir -p "$corpus"
    echo "== fuzz_$name for ${seconds}s"
    # Qt prints a warning for some malformed inputs; only libFuzzer's own summary matters here.
    if ! QT_LOGGING_RULES="*=false" "$target" "$corpus" "${seeds[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$build/artifacts/$name-" 2>"$build/fuzz_$name.log"; then
        tail -n 60 "$build/fuzz_$name.log" >&2
        echo "fuzz.sh: fuzz_$name failed; reproducer in $build/artifacts/" >&2
        status=1
        continue
    fi
    grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb)" "$build/fuzz_$name.log" || true
done
exit $status
