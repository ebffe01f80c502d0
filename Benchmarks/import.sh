#!/usr/bin/env bash
# Import benchmark: `panelboard import` of a generated referrals export against
# sqlite3's own `.import --csv` of the same file into an untyped table, in one run
# on this machine, with peak memory. Release build.
#
#   bash Benchmarks/import.sh            # 1,000,000 referrals
#   ROWS=100000 bash Benchmarks/import.sh
#
# Figures go to standard output as a Markdown table; record them in RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
DATA=Benchmarks/data
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

bundle="$DATA/bundle-$ROWS"
if [ ! -f "$bundle/referrals.csv" ]; then
  echo "generating $ROWS referrals ..." >&2
  "$PB" generate --out "$bundle" --referrals "$ROWS" --seed 1 >&2
fi
# The referrals file alone, as a bundle of one file.
only="$DATA/referrals-only-$ROWS"
mkdir -p "$only"
cp "$bundle/referrals.csv" "$only/referrals.csv"
[ -f "$bundle/agency-mapping.csv" ] && cp "$bundle/agency-mapping.csv" "$only/"
file="$only/referrals.csv"
bytes=$(stat -c %s "$file")
as_of=2030-01-01

# Runs a command under /usr/bin/time; prints "seconds peak_kb".
measure() {
  local log; log=$(mktemp)
  /usr/bin/time -o "$log" -f "%e %M" "$@" >/dev/null 2>&1
  cat "$log"; rm -f "$log"
}

db="$DATA/bench.sqlite"; raw="$DATA/sqlite3.sqlite"
rm -f "$db" "$db"-wal "$db"-shm "$raw"
read -r pb_s pb_kb < <(measure "$PB" import "$only" --db "$db" --as-of $as_of)
read -r re_s re_kb < <(measure "$PB" import "$only" --db "$db" --as-of $as_of)
read -r sq_s sq_kb < <(measure sqlite3 "$raw" ".import --csv $file t")
stored=$(sqlite3 "$db" "SELECT count(*) FROM referrals")
loaded=$(sqlite3 "$raw" "SELECT count(*) FROM t")
rm -f "$db" "$db"-wal "$db"-shm "$raw"

ratio=$(python3 -c "print(f'{$pb_s / $sq_s:.2f}')")
reratio=$(python3 -c "print(f'{$re_s / $sq_s:.2f}')")
cat <<TABLE
Import of $ROWS referrals ($(python3 -c "print(f'{$bytes/1e6:.0f}')") MB), $(date -u +%Y-%m-%d), $(nproc) cores, $(git rev-parse --short HEAD)

| what | seconds | peak memory | rows | ratio to sqlite3 |
|---|---:|---:|---:|---:|
| panelboard import (first, validated, typed, keyed upsert) | $pb_s | $((pb_kb / 1024)) MB | $stored | $ratio |
| panelboard import (again, every row unchanged) | $re_s | $((re_kb / 1024)) MB | $stored | $reratio |
| sqlite3 .import --csv (untyped table, no checks) | $sq_s | $((sq_kb / 1024)) MB | $loaded | 1.00 |
TABLE
