#!/usr/bin/env bash
# Metrics benchmark: a national-scale store (about a million referrals and ten
# million actions over ten years), then the time to compute one quarter's full set
# of figures, all 40 quarters (one command, and 40 runs of one), and the board
# report. Release build.
#
#   bash Benchmarks/metrics.sh
#   ROWS=100000 ACTIONS=10 bash Benchmarks/metrics.sh     # smaller, for a quick look
#   ORDER=ordered bash Benchmarks/metrics.sh               # person refs numbered in order
#   DB=/path/to/national.sqlite bash Benchmarks/metrics.sh  # a store built already (read only)
#   PB_BEFORE=/path/to/old/panelboard DB=... bash Benchmarks/metrics.sh  # two builds side by side
# Person refs are in random order by default (the figure of record): `generate
# --id-order random`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
ACTIONS=${ACTIONS:-10}
ORDER=${ORDER:-random}
DATA=Benchmarks/data
mkdir -p "$DATA"
[ -x /usr/bin/time ] || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq time >/dev/null; }
bash scripts/install-deps.sh
# PB=/path/to/panelboard measures another binary on the same store (before and after).
if [ -z "${PB:-}" ]; then swift build -c release --product panelboard >&2; PB=.build/release/panelboard; fi

bundle="$DATA/national-$ROWS-$ACTIONS-$ORDER"
db=${DB:-"$DATA/national-$ROWS-$ACTIONS-$ORDER.sqlite"}
imported="(store already built; delete $db to measure its import)"
if [ ! -f "$db" ]; then
  rm -rf "$bundle"
  echo "generating $ROWS referrals, $ACTIONS actions each, 2015-04-01 to 2025-03-31 ..." >&2
  "$PB" generate --out "$bundle" --referrals "$ROWS" --actions-per-referral "$ACTIONS" --from 2015-04-01 --to 2025-03-31 --id-order "$ORDER" >&2
  echo "importing ..." >&2
  log=$(mktemp)
  /usr/bin/time -o "$log" -f "%e %M" "$PB" import "$bundle" --db "$db" --as-of 2025-03-31 >&2
  read -r import_s import_kb < "$log"; rm -f "$log"
  imported="$import_s s, peak $((import_kb / 1024)) MB, $(du -sm "$bundle" | cut -f1) MB of CSV in, $(du -sm "$db" | cut -f1) MB of store out"
  rm -rf "$bundle"
fi
# PB_BEFORE=/path/to/old/panelboard: the two builds side by side instead
# (Benchmarks/metrics-side.sh), then the board report (Benchmarks/report-side.sh).
if [ -n "${PB_BEFORE:-}" ]; then
  PB=$PB DB=$db bash Benchmarks/metrics-side.sh
  echo
  PB=$PB DB=$db exec bash Benchmarks/report-side.sh
fi
referrals=$(sqlite3 "$db" "SELECT count(*) FROM referrals")
actions=$(sqlite3 "$db" "SELECT count(*) FROM actions")

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); python3 -c "print(f'{$end - $start:.2f}')"; }

# Three times: the first may find the store's pages not yet in the OS cache.
quarter=$(for i in 1 2 3; do seconds "$PB" metrics --panel MARAC --period FY2024Q4 --as-of 2025-03-31 --db "$db" --format json; done | paste -sd, | sed 's/,/, /g')
quarters=()
for y in $(seq 2015 2024); do for q in 1 2 3 4; do quarters+=("FY${y}Q$q"); done; done
start=$(date +%s.%N)
for p in "${quarters[@]}"; do "$PB" metrics --panel MARAC --period "$p" --as-of 2025-03-31 --db "$db" --format json >/dev/null; done
end=$(date +%s.%N)
all=$(python3 -c "print(f'{$end - $start:.2f}')")
byq=$(seconds "$PB" metrics --panel MARAC --from 2015-04-01 --to 2025-03-31 --by quarter --as-of 2025-03-31 --db "$db" --format json)
overdue=$(for i in 1 2 3; do seconds "$PB" actions --overdue --as-of 2025-03-31 --db "$db" --format csv; done | paste -sd, | sed 's/,/, /g')
overdue_rows=$("$PB" actions --overdue --as-of 2025-03-31 --db "$db" --format csv | tail -n +2 | wc -l)
open_actions=$(sqlite3 "$db" "SELECT count(*) FROM actions WHERE status = 'open'")
report=$(for i in 1 2 3; do seconds "$PB" report --panel MARAC --period FY2024Q4 --as-of 2025-03-31 --db "$db" --out "$DATA/bench-report.html"; done | paste -sd, | sed 's/,/, /g')
# The report with its CSV and spreadsheet packs: wall, user CPU and peak resident
# memory (GNU time), best of three, and the program's own memory (RssAnon, sampled
# every 20 ms) apart from the store's pages it maps (RssFile: the OS page cache,
# counted once per connection).
report_pack() {
  local out="$DATA/bench-report-pack" log best="" anon=0 file=0 pid a f
  log=$(mktemp)
  for i in 1 2 3; do
    rm -rf "$out"; mkdir -p "$out"
    /usr/bin/time -o "$log" -f "%e %U %M" "$PB" report --panel MARAC --period FY2024Q4 --as-of 2025-03-31 --db "$db" \
      --out "$out/report.html" --csv "$out/csv" --xlsx "$out/report.xlsx" >/dev/null 2>&1 &
    local timer=$!
    while kill -0 "$timer" 2>/dev/null; do
      pid=$(pgrep -P "$timer" | head -1 || true)
      if [ -n "$pid" ]; then
        read -r a f < <(awk '/^RssAnon/{a=$2} /^RssFile/{f=$2} END{print a+0, f+0}' "/proc/$pid/status" 2>/dev/null || echo 0 0)
        [ "${a:-0}" -gt "$anon" ] && anon=$a; [ "${f:-0}" -gt "$file" ] && file=$f
      fi
      sleep 0.02
    done
    wait "$timer"
    best=$(printf '%s\n%s\n' "$best" "$(cat "$log")" | awk 'NF' | sort -n | head -1)
  done
  rm -f "$log"; rm -rf "$out"
  read -r w u m <<< "$best"
  echo "$w s wall, $u s user CPU, peak $((m / 1024)) MB resident ($((anon / 1024)) MB the program's own, $((file / 1024)) MB of the store mapped)"
}
pack=$(report_pack)
byday=$(for panel in MARAC DRAMM; do seconds "$PB" metrics --panel "$panel" --period FY2024Q4 --by day --as-of 2025-03-31 --db "$db" --format json; done | paste -sd, | sed 's/,/, /g')

# Each metric query of one quarter's figures, timed inside the command
# (PANELBOARD_BENCH_TIMES=1: query names, wall and CPU seconds on stderr, no
# figures), the CPU time of the query's thread, best of three runs; a query run
# twice in one command is added up.
per_query() {
  for i in 1 2 3; do
    PANELBOARD_BENCH_TIMES=1 "$PB" "$@" 2>&1 >/dev/null | awk -F'\t' -v run="$i" '$1 == "bench-time" { t[$2] += ($4 == "" ? $3 : $4) } END { for (q in t) print run "\t" q "\t" t[q] }'
  done | awk -F'\t' '{ if (!($2 in best) || $3 < best[$2]) best[$2] = $3 } END { for (q in best) printf "| %s | %.3f |\n", q, best[q] }' | sort -t'|' -k3 -rn
}
families=$(per_query metrics --panel MARAC --period FY2024Q4 --as-of 2025-03-31 --db "$db" --format json)

cat <<TABLE
Metrics over a store of $referrals referrals and $actions actions ($open_actions open; $ORDER person refs), $(date -u +%Y-%m-%d), $(nproc) cores, $(git rev-parse --short HEAD)

| what | seconds | target |
|---|---:|---:|
| one quarter, every family (MARAC FY2024Q4) | $quarter | < 0.3 |
| all 40 quarters, one command (\`metrics --by quarter\` over ten years) | $byq | < 5 |
| all 40 quarters, 40 runs of the command | $all | |
| the board report for one quarter (the period in full, the trend's other seven quarters with the previous and the year before among them, the table by area, the rolling 12 months' own figures), three times | $report | < 0.5 |
| the same with its CSV and spreadsheet packs, best of 3 | $pack | < 0.5 |
| \`actions --overdue\`, the chase list of every panel ($overdue_rows rows), three times | $overdue | < 1 |
| \`metrics --by day\` for one quarter (90 days), MARAC then DRAMM | $byday | seconds |

Each query of one quarter's figures (MARAC FY2024Q4), CPU seconds of its thread inside the command, best of 3:

| query | seconds |
|---|---:|
$families

Import of the whole national bundle (every table): $imported.
TABLE
