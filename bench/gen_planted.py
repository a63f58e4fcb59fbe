#!/usr/bin/env python3
"""Generate N catalogue items as CSV with planted personal data, for bench/import-planted.sh.

Usage: gen_planted.py N OUT.csv PLANTED.txt [SEED]

The rows are bench/gen_items.py's. Every 10th row gets a resident ID number in its body, written
as people type it (one run, grouped by spaces or dashes, a 15-digit old number, or with a wrong
check character); every 40th row gets an attachment (a .txt file next to OUT.csv) holding a
spaced ID number and a name. PLANTED.txt lists, one per line, `source_id<TAB>value` for every
planted value, so the script can check that none of them is public after the import.
"""
import csv
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_items import records  # noqa: E402

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
REGIONS = ["110105", "500233", "510104", "440106", "320102", "330106"]


def resident_id(rng, wrong=False):
    first17 = rng.choice(REGIONS) + f"{rng.randrange(1940, 2005)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}{rng.randrange(0, 1000):03d}"
    check = CHECK[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]
    if wrong:
        check = rng.choice([c for c in CHECK if c != check])
    return first17 + check


def typed(rng, i):
    """A planted value as someone would type it, by row."""
    form = (i // 10) % 5
    n = resident_id(rng, wrong=(form == 4))
    if form == 1:
        return f"{n[:6]} {n[6:14]} {n[14:]}"
    if form == 2:
        return f"{n[:6]}-{n[6:10]}-{n[10:14]}-{n[14:]}"
    if form == 3:
        old = n[:6] + n[8:14] + n[14:17]  # 15 digits: YYMMDD, no check character
        return old
    return n


def main():
    n, out, planted_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 20261203)
    folder = os.path.dirname(os.path.abspath(out))
    files = os.path.join(folder, "attachments")
    os.makedirs(files, exist_ok=True)
    columns = ["source_id", "title", "summary", "body", "category", "subject", "issuer", "doc_number",
               "written", "formed", "published", "keywords", "validity", "kind", "attachments"]
    with open(out, "w", encoding="utf-8", newline="") as f, open(planted_path, "w", encoding="utf-8") as planted:
        w = csv.DictWriter(f, fieldnames=columns)
        w.writeheader()
        for i, rec in enumerate(records(n, rng), start=1):
            rec["keywords"] = ";".join(rec["keywords"])
            rec["attachments"] = ""
            if i % 10 == 0:
                value = typed(rng, i)
                rec["body"] += f"\n\n申请人张某某，身份证号{value}，已按规定发放。"
                planted.write(f"{rec['source_id']}\t{value}\n")
            if i % 40 == 5:
                value = resident_id(rng)
                spaced = f"{value[:6]} {value[6:14]} {value[14:]}"
                name = f"attachments/{rec['source_id']}.txt"
                with open(os.path.join(folder, name), "w", encoding="utf-8") as a:
                    a.write(f"附件：救助对象名单\n李某某 身份证号码：{spaced}\n")
                rec["attachments"] = name
                planted.write(f"{rec['source_id']}\t{spaced}\n")
            w.writerow(rec)


if __name__ == "__main__":
    main()
