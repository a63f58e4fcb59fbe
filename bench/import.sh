#!/usr/bin/env bash
# bench/import.sh — bulk-import throughput of `gongkai import items`.
#
# What it measures
#   1. Creates a fresh data directory (SQLite + search index) and adds one agency
#      (浩县人民政府, 11500233000000001L).
#   2. Generates N catalogue items as JSONL with realistic Chinese titles/bodies
#      (bench/gen_items.py, deterministic).
#   3. Times `gongkai import items`: reports the figure the command prints itself
#      ("imported N items … in Xs (Y items/s)", which covers the database import only)
#      and the wall time of the whole command (reading the file + import + bringing
#      the search index up to date), plus peak RSS.
#   4. Re-runs the same import and checks it reports `imported 0 items` and
#      `N already present` (idempotence).
#   5. Imports a copy with 3 malformed lines appended and checks that stderr names
#      each of their line numbers (`第<line>行 <field>：…`).
#   Exit status is non-zero if any check fails.
#
# How to run
#   cargo build --release -p gongkai            # or CARGO_TARGET_DIR=/work/target-bench …
#   N=100000 bench/import.sh
#
# Environment variables
#   N        number of items to generate (default 100000)
#   BIN      gongkai binary (default ${CARGO_TARGET_DIR:-/work/target-bench}/release/gongkai)
#   WORK     scratch folder (default /tmp/gongkai-bench); the data dir is $WORK/data and is
#            DELETED and recreated on every run; bench/portal.sh reuses it.
#   GONGKAI_LOG  log filter for the gongkai commands (default warn)
set -euo pipefail

N=${N:-100000}
BIN=${BIN:-${CARGO_TARGET_DIR:-/work/target-bench}/release/gongkai}
WORK=${WORK:-/tmp/gongkai-bench}
DATA=$WORK/data
CODE=11500233000000001L
HERE=$(cd "$(dirname "$0")" && pwd)
export GONGKAI_LOG=${GONGKAI_LOG:-warn}
# Make sure no ambient configuration points the commands elsewhere.
unset GONGKAI_DATA GONGKAI_DATABASE_URL GONGKAI_CONFIG GONGKAI_BLOB_URL || true

[[ -x $BIN ]] || { echo "no gongkai binary at $BIN (build it, or set BIN)" >&2; exit 1; }
mkdir -p "$WORK"
rm -rf "$DATA"
mkdir -p "$DATA"
fails=0
check() { # check DESCRIPTION COMMAND...
    if "${@:2}"; then echo "  ok: $1"; else echo "  FAIL: $1"; fails=$((fails + 1)); fi
}
now() { date +%s.%N; }

echo "== machine: $(nproc) cores, $(free -h | awk '/^Mem:/{print $2}') RAM; binary $BIN"
echo "== fresh data dir $DATA"
"$BIN" --data "$DATA" agency add --name 浩县人民政府 --code "$CODE"

ITEMS=$WORK/items-$N.jsonl
echo "== generating $N items into $ITEMS"
t0=$(now)
python3 "$HERE/gen_items.py" "$N" "$ITEMS"
echo "   $(wc -l <"$ITEMS") lines, $(du -h "$ITEMS" | cut -f1), $(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}')s"

run_import() { # run_import LABEL FILE -> $WORK/LABEL.{out,err,time}
    local label=$1 file=$2 t0 t1 rc=0
    t0=$(now)
    /usr/bin/time -f '%M' -o "$WORK/$label.rss" "$BIN" --data "$DATA" import items --agency "$CODE" "$file" \
        >"$WORK/$label.out" 2>"$WORK/$label.err" || rc=$?
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}' >"$WORK/$label.time"
    echo "   exit $rc; stdout: $(cat "$WORK/$label.out")"
    echo "   whole command: $(cat "$WORK/$label.time")s wall, peak RSS $(( $(tail -1 "$WORK/$label.rss") / 1024 )) MB"
    return 0
}

echo "== first import ($N items)"
run_import import1 "$ITEMS"
line=$(cat "$WORK/import1.out")
imp_secs=$(sed -nE 's/.* in ([0-9.]+)s \(([0-9]+) items\/s\).*/\1/p' <<<"$line")
imp_rate=$(sed -nE 's/.* in ([0-9.]+)s \(([0-9]+) items\/s\).*/\2/p' <<<"$line")
total=$(cat "$WORK/import1.time")
check "first import reports imported $N items" grep -q "imported $N items" "$WORK/import1.out"
check "first import reports 0 already present, 0 error lines" grep -q "(0 already present, 0 lines with errors)" "$WORK/import1.out"
check "first import printed nothing on stderr" test ! -s "$WORK/import1.err"
if [[ -n $imp_secs ]]; then
    echo "   import (as printed): ${imp_secs}s, ${imp_rate} items/s"
    echo "   whole command incl. file read + search indexing: ${total}s => $(awk -v n="$N" -v t="$total" 'BEGIN{printf "%.0f", n/t}') items/s end to end"
    echo "   time outside the printed import (read file, open db, index): $(awk -v a="$total" -v b="$imp_secs" 'BEGIN{printf "%.1f", a-b}')s"
fi
echo "   database: $(du -sh "$DATA" | cut -f1) total; $(ls "$DATA" | tr '\n' ' ')"

echo "== re-run of the same import"
run_import import2 "$ITEMS"
check "re-run imports 0 items" grep -q "imported 0 items" "$WORK/import2.out"
check "re-run reports $N already present" grep -q "($N already present, 0 lines with errors)" "$WORK/import2.out"

echo "== import of a copy with 3 malformed lines appended (lines $((N + 1))..$((N + 3)))"
BAD=$WORK/items-$N-bad.jsonl
cp "$ITEMS" "$BAD"
cat >>"$BAD" <<'EOF'
{"source_id":"bad-1","title":"浩县人民政府关于截断的通知","category":"art20.1",
{"source_id":"bad-2","category":"art20.1","published":"2024-03-01"}
{"source_id":"bad-3","title":"浩县人民政府关于日期错误的通知","category":"art20.1","published":"2024-13-45"}
EOF
run_import import3 "$BAD"
echo "   stderr:"; sed 's/^/     /' "$WORK/import3.err"
check "bad copy imports 0 items, $N already present, 3 error lines" \
    grep -q "imported 0 items into .* ($N already present, 3 lines with errors)" "$WORK/import3.out"
for l in $((N + 1)) $((N + 2)) $((N + 3)); do
    check "stderr names line $l" grep -q "^第${l}行 " "$WORK/import3.err"
done
check "stderr names field title for the missing title (line $((N + 2)))" grep -q "^第$((N + 2))行 title：" "$WORK/import3.err"
check "stderr names field published for the bad date (line $((N + 3)))" grep -q "^第$((N + 3))行 published：" "$WORK/import3.err"

echo "== summary"
echo "   N=$N  import ${imp_rate:-?} items/s (${imp_secs:-?}s as printed)  whole command ${total}s"
echo "   re-run: $(cat "$WORK/import2.out")"
if ((fails)); then echo "   $fails check(s) FAILED"; exit 1; fi
echo "   all checks passed; data dir kept at $DATA for bench/portal.sh"
