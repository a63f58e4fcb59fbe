#!/usr/bin/env bash
# bench/import-planted.sh — a bulk import with planted ID numbers goes through the secrecy gate
# (issue 17.1): not one planted number reaches the public before a reviewer decides.
#
# What it does
#   1. A fresh data directory (SQLite) with one agency.
#   2. N rows as CSV (bench/gen_planted.py): every 10th row's body holds an ID number as people
#      type it (one run, spaced, dashed, 15-digit, wrong check character), every 40th row has a
#      .txt attachment holding a spaced ID number.
#   3. `gongkai import items --publish` (clean rows are published at once), timed, peak RSS.
#   4. Checks in the database: every planted row waits at 保密审查; no published item's title,
#      summary, body or attachment text holds a planted value; the number held equals the number
#      of planted rows; the rest is published.
#
# How to run
#   cargo build --release -p gongkai     # or any build: BIN=target/debug/gongkai
#   N=20000 bench/import-planted.sh
set -euo pipefail

N=${N:-20000}
BIN=${BIN:-${CARGO_TARGET_DIR:-/work/target-bench}/release/gongkai}
WORK=${WORK:-/tmp/gongkai-bench-planted}
CODE=11500233000000001L
HERE=$(cd "$(dirname "$0")" && pwd)
export GONGKAI_LOG=${GONGKAI_LOG:-warn}
unset GONGKAI_DATA GONGKAI_DATABASE_URL GONGKAI_CONFIG GONGKAI_BLOB_URL || true

[[ -x $BIN ]] || { echo "no gongkai binary at $BIN (build it, or set BIN)" >&2; exit 1; }
rm -rf "$WORK"
mkdir -p "$WORK/data"
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); binary $BIN"
"$BIN" --data "$WORK/data" agency add --name 浩县人民政府 --code "$CODE" >/dev/null
python3 "$HERE/gen_planted.py" "$N" "$WORK/items.csv" "$WORK/planted.txt"
echo "== $N rows, $(wc -l <"$WORK/planted.txt") planted values, $(ls "$WORK/attachments" | wc -l) attachments"
t0=$(date +%s.%N)
rc=0
/usr/bin/time -f '%M' -o "$WORK/rss" "$BIN" --data "$WORK/data" import items --agency "$CODE" --publish "$WORK/items.csv" \
    >"$WORK/out" 2>"$WORK/err" || rc=$?
t1=$(date +%s.%N)
echo "== import: exit $rc, $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')s wall, peak RSS $(( $(tail -1 "$WORK/rss") / 1024 )) MB"
grep -v '^  held:' "$WORK/out" | sed 's/^/   /'
echo "   ($(grep -c '^  held:' "$WORK/out") rows listed as held)"
[[ -s $WORK/err ]] && { echo "   stderr:"; head -5 "$WORK/err" | sed 's/^/     /'; }
python3 - "$WORK/data/gongkai.db" "$WORK/planted.txt" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
planted = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")]
status = dict(db.execute("select source_id, status from items"))
counts = {}
for s in status.values():
    counts[s] = counts.get(s, 0) + 1
print("== statuses:", counts)
fails = 0
held_rows = {sid for sid, _ in planted}
not_held = [sid for sid in held_rows if status.get(sid) != "secrecy_review"]
if not_held:
    fails += 1
    print(f"   FAIL: {len(not_held)} planted rows not at secrecy review, e.g. {not_held[:3]}")
public = db.execute(
    "select coalesce(title,'') || ' ' || coalesce(summary,'') || ' ' || body_text || ' ' || coalesce("
    " (select group_concat(extracted_text, ' ') from item_attachments a where a.item_id = items.id), '')"
    " from items where status = 'published'").fetchall()
text = "\n".join(t for (t,) in public)
leaked = [v for _, v in planted if v in text]
if leaked:
    fails += 1
    print(f"   FAIL: {len(leaked)} planted values are public, e.g. {leaked[:3]}")
raw = db.execute("select count(*) from secrecy_hits where text <> ''").fetchone()[0]
if raw:
    fails += 1
    print(f"   FAIL: {raw} secrecy hits keep their raw value")
if counts.get("secrecy_review", 0) != len(held_rows):
    fails += 1
    print(f"   FAIL: {counts.get('secrecy_review', 0)} held, {len(held_rows)} planted rows")
print(f"   {len(planted)} planted values, {len(held_rows)} rows held, {len(leaked)} public; "
      f"{counts.get('published', 0)} clean rows published; {raw} raw values stored")
sys.exit(1 if fails else 0)
PY
echo "== all checks passed"
