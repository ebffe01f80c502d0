#!/usr/bin/env bash
# The cost of the disappeared-rows scan (issue 18, `imports --changes`): at the end
# of an import, the stored rows within the span of panels and dates the file
# covers whose keys the import did not see are noted as disappeared. Measured on a
# re-import of the same 1,000,000 generated referrals (every row unchanged, none
# disappeared: the usual monthly re-export) into the store of its first import.
#
#   bash Benchmarks/changes-scan.sh                 # 1,000,000 referrals, best of 3
#   ROWS=100000 RUNS=1 bash Benchmarks/changes-scan.sh
#
# Alternated, RUNS times each, in one run:
#   - the re-import, scan included (`panelboard import`, release build: $PB, and
#     $PB_BEFORE when set, a binary built before the scan was counted);
#   - the scan alone, both ways (row by row, as before e5c8e11, and counted, as
#     since): its statements for referrals.csv, as `ImportChanges.noteDisappeared`
#     writes them, run by sqlite3 on the same store with `import_keys` holding
#     every key the import saw (as it does when the scan runs) and the import's
#     page cache, inside a transaction that is rolled back.
# A re-import without the scan takes the re-import less the scan alone: the scan
# cannot be switched off (nothing but a purge may lose what it records). Figures
# go to standard output as a Markdown table; record them in RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
DATA=${DATA:-Benchmarks/data}
PB=${PB:-.build/release/panelboard}
mkdir -p "$DATA"
[ -x "$PB" ] || swift build -c release --product panelboard >&2

bundle="$DATA/changes-$ROWS"
if [ ! -f "$bundle/referrals.csv" ]; then
  echo "generating $ROWS referrals ..." >&2
  rm -rf "$bundle" "$bundle-all"
  "$PB" generate --out "$bundle-all" --referrals "$ROWS" --actions-per-referral 0 --seed 1 --id-order random >&2
  mkdir -p "$bundle"
  mv "$bundle-all/referrals.csv" "$bundle-all/agency-mapping.csv" "$bundle/"
  rm -rf "$bundle-all"
fi
store="$DATA/changes-$ROWS.sqlite"
# The first import, once: every run after it re-imports the same file.
[ -f "$store" ] || "$PB" import "$bundle" --db "$store" --as-of 2030-01-01 >/dev/null

keys="PRAGMA cache_size = -49152;
BEGIN;
DELETE FROM import_keys;
INSERT INTO import_keys (table_name, key, line) SELECT 'referrals', referral_id, rowid FROM referrals;"
seen="SELECT t.panel AS panel, t.referral_date AS day
    FROM import_keys k JOIN referrals t ON t.referral_id = k.key
    WHERE k.table_name = 'referrals'"
# Before e5c8e11: every stored row of the span looked up among the seen keys.
row_by_row="$keys
.timer on
WITH seen AS ($seen),
span AS (SELECT panel, min(day) AS lo, max(day) AS hi FROM seen GROUP BY panel)
INSERT INTO import_changes (import_id, table_name, key, kind, columns)
SELECT NULL, 'referrals', t.referral_id, 'disappeared', ''
FROM referrals t JOIN span ON span.panel = t.panel AND t.referral_date BETWEEN span.lo AND span.hi
WHERE NOT EXISTS (SELECT 1 FROM import_keys k WHERE k.table_name = 'referrals' AND k.key = t.referral_id);
.timer off
SELECT 'disappeared ' || count(*) FROM import_changes WHERE import_id IS NULL;
ROLLBACK;"
# Since: the span's stored rows counted against the seen rows in it, per panel;
# looked up row by row only where the counts differ (none here).
counted="$keys
.timer on
CREATE TEMP TABLE span AS SELECT panel, min(day) AS lo, max(day) AS hi, count(day) AS seen FROM ($seen) GROUP BY panel;
SELECT 'disappeared ' || count(*) FROM span
WHERE seen <> (SELECT count(*) FROM referrals t WHERE t.panel = span.panel AND t.referral_date BETWEEN span.lo AND span.hi);
.timer off
ROLLBACK;"

# The seconds of the timed statements of a sqlite3 script, added up.
scan() {
  local out; out=$(sqlite3 "$store" <<<"$1")
  grep -q '^disappeared 0$' <<<"$out" || { echo "the scan found rows that disappeared: $out" >&2; exit 1; }
  grep -o 'Run Time: real [0-9.]*' <<<"$out" | awk '{s += $4} END {printf "%.3f", s}'
}
reimport() {
  local t; t=$( { /usr/bin/time -f "%e %U" "$1" import "$bundle" --db "$store" --as-of 2030-01-01 >/dev/null; } 2>&1 | tail -n 1)
  echo "${t% *}"
}
declare -A best
keep() { if [ -z "${best[$1]:-}" ] || awk "BEGIN{exit !($2 < ${best[$1]})}"; then best[$1]=$2; fi; }
for run in $(seq 1 "$RUNS"); do
  if [ -n "${PB_BEFORE:-}" ]; then keep before "$(reimport "$PB_BEFORE")"; fi
  keep now "$(reimport "$PB")"
  keep row_by_row "$(scan "$row_by_row")"
  keep counted "$(scan "$counted")"
  echo "run $run: ${best[*]}" >&2
done
echo "| what ($ROWS referrals, best of $RUNS) | seconds |"
echo "|---|---|"
if [ -n "${PB_BEFORE:-}" ]; then echo "| re-import, scan row by row (\`$PB_BEFORE\`) | ${best[before]} |"; fi
echo "| re-import, scan counted (\`$PB\`) | ${best[now]} |"
echo "| the scan alone, row by row (sqlite3) | ${best[row_by_row]} |"
echo "| the scan alone, counted (sqlite3) | ${best[counted]} |"
