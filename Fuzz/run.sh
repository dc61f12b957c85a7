#!/usr/bin/env bash
# Builds the fuzz targets (libFuzzer + AddressSanitizer) and runs one of them.
#
#   Fuzz/run.sh TARGET SECONDS     fuzz TARGET for SECONDS (corpus kept in Fuzz/corpus/TARGET)
#   Fuzz/run.sh TARGET FILE...     replay inputs once (a reproducer from Fuzz/artifacts/TARGET)
#   Fuzz/run.sh build              only build
#
# TARGET: xml-tender, xml-bid, xml-return, areas-csv, rules, generated-schemes. Seeds come from
# fixtures/ and the bundled schemes (generated-schemes needs none: any bytes make a scheme). A
# crash, timeout (-timeout=5 s), leak or out-of-memory writes its input to
# Fuzz/artifacts/TARGET/; turn it into a regression test (docs/robustness.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
binary="$here/.build/release/cbscore-fuzz"

build() {
    # CBSCORE_FUZZ_NO_BUILD=1 reuses the last build (runs chained while the sources change).
    [ "${CBSCORE_FUZZ_NO_BUILD:-}" = 1 ] && [ -x "$binary" ] && return 0
    # SwiftPM's --sanitize fuzzer links libFuzzer but leaves the code without coverage
    # counters; -sanitize-coverage adds them (edges, 8-bit counters, comparisons).
    swift build -c release --package-path "$here" --scratch-path "$here/.build" \
        --sanitize fuzzer --sanitize address \
        -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp 1>&2
}

seed() {
    local target="$1" corpus="$2"
    mkdir -p "$corpus"
    local files=()
    case "$target" in
        xml-tender) files=("$root"/fixtures/gcr-2026-014/tender.xml "$root"/fixtures/invalid/*.xml) ;;
        xml-bid) files=("$root"/fixtures/gcr-2026-014/bids/*.xml "$root"/fixtures/batches/*.xml "$root"/fixtures/envelopes/*/*.xml "$root"/fixtures/invalid/*.xml) ;;
        xml-return) files=("$root"/fixtures/returns/*.xml "$root"/fixtures/elements/*.xml "$root"/fixtures/invalid/*.xml) ;;
        areas-csv) files=("$root"/fixtures/areas/*.csv) ;;
        rules) files=("$root"/Sources/Scoring/Rules/*.cbs "$here"/seeds/rules/*) ;;
        generated-schemes) files=() ;;
        *) echo "unknown target $target (xml-tender, xml-bid, xml-return, areas-csv, rules, generated-schemes)" >&2; exit 2 ;;
    esac
    for f in "${files[@]}"; do
        [ -f "$f" ] && cp "$f" "$corpus/seed-$(basename "$f")"
    done
    return 0
}

[ $# -ge 1 ] || { sed -n 2,12p "$0"; exit 2; }
if [ "$1" = build ]; then build; exit 0; fi
target="$1"; shift
[ $# -ge 1 ] || { echo "give SECONDS or reproducer files" >&2; exit 2; }
build
export CBSCORE_FUZZ_TARGET="$target"
# Swift's own crash reporter hangs under ASan; libFuzzer reports instead.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1:${ASAN_OPTIONS:-}"
export LSAN_OPTIONS="suppressions=$here/lsan.supp:${LSAN_OPTIONS:-}"
dict=()
case "$target" in xml-*) dict=(-dict="$here/dictionaries/xml.dict") ;; rules) dict=(-dict="$here/dictionaries/rules.dict") ;; esac
# generated-schemes draws every choice from the input's bytes: without length control libFuzzer
# starts at 4 bytes and a scheme needs hundreds to use every construct.
[ "$target" = generated-schemes ] && dict=(-len_control=0 -max_len=2048)

if [[ "$1" =~ ^[0-9]+$ ]]; then
    corpus="$here/corpus/$target"
    artifacts="$here/artifacts/$target"
    mkdir -p "$artifacts"
    seed "$target" "$corpus"
    exec "$binary" "$corpus" "${dict[@]}" -max_total_time="$1" -timeout=5 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/"
else
    exec "$binary" -timeout=5 -rss_limit_mb=2048 "$@"
fi
