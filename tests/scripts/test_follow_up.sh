#!/usr/bin/env bash
# The partnership's follow-up from the outside: a simulated winter recorded, taken into an
# event log through the hub's checks and fusion, reported, every CSV read back by Python's
# csv module and checked against plain SQL; then three months purged and the same report
# made again, file for file the same, while the purged rows are gone.
#   tests/scripts/test_follow_up.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1 build=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/platslage-follow-up.XXXXXX")
trap 'rm -rf "$work"' EXIT
sim=$build/sensors/platslage-sim hub=$build/hub/platslage-hub report=$build/tools/platslage-report

echo "recording a winter"
t0=$(date +%s%N)
"$sim" --maps "$src/maps" --record-period 2026-11-01..2027-04-30 --seed 7 --log-level warn > "$work/winter.jsonl"
t1=$(date +%s%N)
echo "importing $(wc -l < "$work/winter.jsonl") lines"
"$hub" --db "$work/winter.db" --maps "$src/maps" --import "$work/winter.jsonl" --log-level warn
t2=$(date +%s%N)
"$report" --db "$work/winter.db" --maps "$src/maps" --from 2026-11 --to 2027-04 --station centralen --out "$work/before"
t3=$(date +%s%N)
echo "timings: record $(( (t1 - t0) / 1000000 )) ms, import $(( (t2 - t1) / 1000000 )) ms, report $(( (t3 - t2) / 1000000 )) ms"
python3 "$src/tests/scripts/check_report.py" "$work/winter.db" "$work/before" centralen 2026-11 2027-04

echo "purging November to January"
"$hub" --db "$work/winter.db" --maps "$src/maps" --purge-before 2027-02-01 --log-level warn
"$report" --db "$work/winter.db" --maps "$src/maps" --from 2026-11 --to 2027-04 --station centralen --out "$work/after"
for f in "$work"/before/*.csv "$work"/before/*.png; do
  cmp "$f" "$work/after/$(basename "$f")" || { echo "FAIL: $(basename "$f") changed after the purge"; exit 1; }
done
echo "ok   every CSV and chart is the same after the purge"
python3 "$src/tests/scripts/check_report.py" "$work/winter.db" "$work/after" centralen 2026-11 2027-04 --purged-before 2027-02-01
