#!/usr/bin/env bash
# Import benchmark: `panelboard import` of a generated referrals export against
# sqlite3 doing the same work, in one run on this machine, with peak memory.
# Release build. Each command runs RUNS times (default 3), alternated; the table
# gives the best time and the highest peak memory.
#
#   bash Benchmarks/import.sh                      # 1,000,000 referrals, random-order person refs
#   ROWS=100000 ORDER=ordered bash Benchmarks/import.sh
#
# The sqlite3 side is scripted from the store's own schema (the `referrals` table
# and its indexes as the store that panelboard just wrote has them), so it follows
# any index added or dropped:
#   - plain: `.import --csv` into an untyped table, no key, no index;
#   - same work: `.import` into a scratch table, `INSERT ... SELECT` into the typed,
#     keyed `referrals` table, then `CREATE INDEX` for each of its indexes (`OR
#     IGNORE`: the rows whose untranslated dates fail its CHECKs are left out, as
#     the table's row count shows).
# Then a quarter's 30,000 referrals into the store of the rest of the file (the
# incremental case: row by row, no index rebuild). PB_BEFORE=/path/to/panelboard
# adds an earlier build's first import and quarter, alternated in the same runs.
# Wall time, user CPU (the steadier figure on a shared machine) and peak memory.
#
# Figures go to standard output as a Markdown table; record them in RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
ORDER=${ORDER:-random}
RUNS=${RUNS:-3}
QUARTER=${QUARTER:-30000}
# Only referrals.csv is imported: from 4,000,000 rows the bundle is generated with
# no actions (`--actions-per-referral 0`), as the 4M figures of record were (its
# referrals are other rows than with actions: the generator draws both from one
# random stream). IMPORT_ACTIONS=N sets it for any size.
if [ -z "${IMPORT_ACTIONS+set}" ] && [ "$ROWS" -ge 4000000 ]; then IMPORT_ACTIONS=0; fi
IMPORT_ACTIONS=${IMPORT_ACTIONS:-}
# DATA: where the generated files and scratch stores go (big at 4,000,000 rows).
DATA=${DATA:-Benchmarks/data}
mkdir -p "$DATA"

need=()
command -v sqlite3 >/dev/null || need+=(sqlite3)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
bash scripts/install-deps.sh
swift build -c release --product panelboard >&2
PB=.build/release/panelboard

bundle="$DATA/bundle-$ROWS-$ORDER${IMPORT_ACTIONS:+-actions-$IMPORT_ACTIONS}"
if [ ! -f "$bundle/referrals.csv" ]; then
  echo "generating $ROWS referrals ($ORDER person refs) ..." >&2
  rm -rf "$bundle"
  "$PB" generate --out "$bundle" --referrals "$ROWS" --seed 1 --id-order "$ORDER" \
    ${IMPORT_ACTIONS:+--actions-per-referral "$IMPORT_ACTIONS"} >&2
fi
# The referrals file alone, as a bundle of one file; and split into the store's
# earlier rows and a last quarter's.
only="$DATA/referrals-only-$ROWS-$ORDER"; early="$DATA/referrals-early-$ROWS-$ORDER"; late="$DATA/referrals-late-$ROWS-$ORDER"
mkdir -p "$only" "$early" "$late"
file="$only/referrals.csv"
if [ ! -f "$file" ] || [ "$bundle/referrals.csv" -nt "$file" ]; then
  cp "$bundle/referrals.csv" "$file"
  lines=$(wc -l < "$file")
  head -n $((lines - QUARTER)) "$file" > "$early/referrals.csv"
  { head -n 1 "$file"; tail -n "$QUARTER" "$file"; } > "$late/referrals.csv"
fi
for d in "$only" "$early" "$late"; do cp "$bundle/agency-mapping.csv" "$d/"; done
bytes=$(stat -c %s "$file")
as_of=2030-01-01

# Runs a command under /usr/bin/time; prints "seconds user_cpu_seconds peak_kb".
measure() {
  local log; log=$(mktemp)
  /usr/bin/time -o "$log" -f "%e %U %M" "$@" >/dev/null 2>&1 || { cat "$log" >&2; rm -f "$log"; return 1; }
  tail -n 1 "$log"; rm -f "$log"
}
# Keeps the best time, the best user CPU and the highest memory of each label.
declare -A best cpu mem
less() { python3 -c "import sys; sys.exit(0 if $1 < $2 else 1)"; }
keep() {
  local label=$1 s=$2 u=$3 kb=$4
  if [ -z "${best[$label]:-}" ] || less "$s" "${best[$label]}"; then best[$label]=$s; fi
  if [ -z "${cpu[$label]:-}" ] || less "$u" "${cpu[$label]}"; then cpu[$label]=$u; fi
  if [ -z "${mem[$label]:-}" ] || [ "$kb" -gt "${mem[$label]}" ]; then mem[$label]=$kb; fi
}
clean() { for f in "$@"; do rm -rf "$f" "$f"-wal "$f"-shm "$f"-journal "$f"-sort; done; }

db="$DATA/bench.sqlite"; raw="$DATA/sqlite3.sqlite"; same="$DATA/sqlite3-same.sqlite"; inc="$DATA/bench-inc.sqlite"
script="$DATA/same-work.sql"
for run in $(seq "$RUNS"); do
  clean "$db" "$raw" "$same" "$inc"
  read -r s u kb < <(measure "$PB" import "$only" --db "$db" --as-of $as_of); keep first "$s" "$u" "$kb"
  read -r s u kb < <(measure "$PB" import "$only" --db "$db" --as-of $as_of); keep again "$s" "$u" "$kb"
  read -r s u kb < <(measure sqlite3 "$raw" ".import --csv $file t"); keep plain "$s" "$u" "$kb"

  # sqlite3 doing the same work, from the schema panelboard's store has.
  columns=$(head -n 1 "$file" | tr -d '\r')
  table_columns=$(sqlite3 "$db" "SELECT group_concat(name, ',') FROM pragma_table_info('referrals')")
  shared=$(python3 -c "
h = '$columns'.split(','); t = set('$table_columns'.split(','))
print(', '.join(c for c in h if c in t))")
  {
    sqlite3 "$db" "SELECT sql || ';' FROM sqlite_master WHERE name = 'referrals'"
    echo ".import --csv $file scratch"
    echo "INSERT OR IGNORE INTO referrals ($shared) SELECT $shared FROM scratch;"
    echo "DROP TABLE scratch;"
    sqlite3 "$db" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'referrals' AND sql IS NOT NULL"
  } > "$script"
  read -r s u kb < <(measure sqlite3 "$same" ".read $script"); keep same "$s" "$u" "$kb"

  read -r s u kb < <(measure "$PB" import "$early" --db "$inc" --as-of $as_of); keep early "$s" "$u" "$kb"
  read -r s u kb < <(measure "$PB" import "$late" --db "$inc" --as-of $as_of); keep late "$s" "$u" "$kb"
  if [ -n "${PB_BEFORE:-}" ]; then
    # An earlier build, alternated with this one in the same run.
    clean "$db" "$inc"
    read -r s u kb < <(measure "$PB_BEFORE" import "$only" --db "$db" --as-of $as_of); keep bfirst "$s" "$u" "$kb"
    read -r s u kb < <(measure "$PB_BEFORE" import "$early" --db "$inc" --as-of $as_of); keep bearly "$s" "$u" "$kb"
    read -r s u kb < <(measure "$PB_BEFORE" import "$late" --db "$inc" --as-of $as_of); keep blate "$s" "$u" "$kb"
  fi
done
stored=$(sqlite3 "$db" "SELECT count(*) FROM referrals")
load=$(cut -d' ' -f1-3 /proc/loadavg)
loaded=$(sqlite3 "$raw" "SELECT count(*) FROM t")
same_rows=$(sqlite3 "$same" "SELECT count(*) FROM referrals")
early_rows=$(( $(wc -l < "$early/referrals.csv") - 1 ))
inc_rows=$(sqlite3 "$inc" "SELECT count(*) FROM referrals")
clean "$db" "$raw" "$same" "$inc"

r() { python3 -c "print(f'{$1 / $2:.2f}')"; }
mb() { echo $(( $1 / 1024 )); }
cat <<TABLE
Import of $ROWS referrals ($(python3 -c "print(f'{$bytes/1e6:.0f}')") MB, $ORDER person refs${IMPORT_ACTIONS:+, generated with --actions-per-referral $IMPORT_ACTIONS}), $(date -u +%Y-%m-%d), $(nproc) cores, $(git rev-parse --short HEAD), best of $RUNS, load average at the end $load

| what | seconds | user CPU s | peak memory | rows | ratio to sqlite3 same work | ratio to sqlite3 .import |
|---|---:|---:|---:|---:|---:|---:|
| panelboard import (first, validated, typed, keyed upsert) | ${best[first]} | ${cpu[first]} | $(mb ${mem[first]}) MB | $stored | $(r ${best[first]} ${best[same]}) | $(r ${best[first]} ${best[plain]}) |
| panelboard import (again, every row unchanged) | ${best[again]} | ${cpu[again]} | $(mb ${mem[again]}) MB | $stored | $(r ${best[again]} ${best[same]}) | $(r ${best[again]} ${best[plain]}) |
| sqlite3 same work (.import to scratch, INSERT ... SELECT into the typed, keyed table, CREATE INDEX) | ${best[same]} | ${cpu[same]} | $(mb ${mem[same]}) MB | $same_rows | 1.00 | $(r ${best[same]} ${best[plain]}) |
| sqlite3 .import --csv (untyped table, no key, no index) | ${best[plain]} | ${cpu[plain]} | $(mb ${mem[plain]}) MB | $loaded | $(r ${best[plain]} ${best[same]}) | 1.00 |
| panelboard import of the first $early_rows rows into an empty store | ${best[early]} | ${cpu[early]} | $(mb ${mem[early]}) MB | $early_rows | | |
| panelboard import of the last $QUARTER rows into that store | ${best[late]} | ${cpu[late]} | $(mb ${mem[late]}) MB | $inc_rows in all | | |
TABLE
if [ -n "${PB_BEFORE:-}" ]; then
  cat <<TABLE
| before ($PB_BEFORE): first import | ${best[bfirst]} | ${cpu[bfirst]} | $(mb ${mem[bfirst]}) MB | | $(r ${best[bfirst]} ${best[same]}) | $(r ${best[bfirst]} ${best[plain]}) |
| before: the first $early_rows rows into an empty store | ${best[bearly]} | ${cpu[bearly]} | $(mb ${mem[bearly]}) MB | | | |
| before: the last $QUARTER rows into that store | ${best[blate]} | ${cpu[blate]} | $(mb ${mem[blate]}) MB | | | |
TABLE
fi
