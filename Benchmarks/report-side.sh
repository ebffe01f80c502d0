#!/usr/bin/env bash
# The board report, two builds side by side on the national store, in one run:
# a MARAC's page alone and with its CSV and spreadsheet packs, and a DAPP's and a
# DRAMM's page, each run by the
# earlier build and then by this one, alternated, RUNS times (3): the best wall
# time, the best user CPU time and the highest peak resident memory of each. Then
# each query inside the report, its own thread's CPU seconds
# (PANELBOARD_BENCH_TIMES=1; a query run several times in one report is added up,
# the number of runs beside it),
# best of RUNS; then the two builds' packs compared byte for byte (the page, every
# file of the CSV pack, every part of the spreadsheet unzipped), but for the time
# they were generated. Called by metrics.sh when PB_BEFORE is set, after
# metrics-side.sh:
#
#   PB_BEFORE=/path/to/old/panelboard DB=/path/to/store.sqlite bash Benchmarks/metrics.sh
#   REPORT_PERIOD=2024Q3 REPORT_AS_OF=2024-10-01  the quarter of the report
#   REPORT_AREA=Northdale                           the area of the one-area packs
#   DB_BEFORE=...   the earlier build's own copy of the store (default: the same)
set -euo pipefail
: "${PB:?}" "${PB_BEFORE:?}" "${DB:?}"
DB_BEFORE=${DB_BEFORE:-$DB}
# A build copied elsewhere does not find the templates beside it: both builds
# render with this checkout's.
export PANELBOARD_REPORTS=${PANELBOARD_REPORTS:-$(cd "$(dirname "$0")/.." && pwd)/Reports}
RUNS=${RUNS:-3}
PERIOD=${REPORT_PERIOD:-2024Q3}
AS_OF=${REPORT_AS_OF:-2024-10-01}
AREA=${REPORT_AREA:-Northdale}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() { # SIDE ARGS...: the side's build on its store
  local side=$1; shift
  if [ "$side" = before ]; then "$PB_BEFORE" "$@" --db "$DB_BEFORE"; else "$PB" "$@" --db "$DB"; fi
}

# best LABEL PANEL PACKS: one table row, "before | after", each "wall / user CPU / peak".
best() {
  local label=$1 panel=$2 packs=$3 i side
  for i in $(seq 1 "$RUNS"); do
    for side in before after; do
      rm -rf "$tmp/out"; mkdir -p "$tmp/out"
      local extra=()
      [ "$packs" = yes ] && extra=(--csv "$tmp/out/csv" --xlsx "$tmp/out/report.xlsx")
      /usr/bin/time -o "$tmp/t" -f "%e %U %M" bash -c '"$@" >/dev/null 2>&1' _ \
        run_side "$side" report --panel "$panel" --period "$PERIOD" --as-of "$AS_OF" --out "$tmp/out/report.html" "${extra[@]}"
      echo "$side $(cat "$tmp/t")" >> "$tmp/$label"
    done
  done
  local cells=()
  for side in before after; do
    cells+=("$(awk -v s="$side" '$1 == s { w = $2; c = $3; m = $4
        if (bw == "" || w < bw) bw = w; if (bc == "" || c < bc) bc = c; if (m > bm) bm = m }
      END { printf "%.2f s / %.2f s / %d MB", bw, bc, bm / 1024 }' "$tmp/$label")")
  done
  echo "| $label | ${cells[0]} | ${cells[1]} |"
}
# GNU time times a child process: the side's build, started by name.
run_side() { run "$@"; }
export -f run run_side
export PB PB_BEFORE DB DB_BEFORE

per_query() {
  local i side
  for i in $(seq 1 "$RUNS"); do
    for side in before after; do
      PANELBOARD_BENCH_TIMES=1 run "$side" report --panel MARAC --period "$PERIOD" --as-of "$AS_OF" --out "$tmp/q.html" 2>&1 >/dev/null \
        | awk -F'\t' -v s="$side" -v run="$i" '$1 == "bench-time" && $2 !~ /^dashboard/ { t[$2] += $4; n[$2]++; all += $4; runs++ }
            END { for (q in t) print s "\t" run "\t" q "\t" t[q] "\t" n[q]; print s "\t" run "\tevery query\t" all "\t" runs }'
    done
  done > "$tmp/queries"
  awk -F'\t' '{ k = $1 "\t" $3; if (!(k in b) || $4 < b[k]) { b[k] = $4; c[k] = $5 }; q[$3] = 1 }
    function cell(k) { return (k in b) ? sprintf("%.3f (%d)", b[k], c[k]) : "" }
    END { for (n in q) printf "| %s | %s | %s |\n", n, cell("before\t" n), cell("after\t" n) }' "$tmp/queries" \
    | sort -t'|' -k3 -rn
}

# same LABEL ARGS...: whether both builds write the same pack, but for the time.
same() {
  local label=$1 side d; shift
  for side in before after; do
    d="$tmp/$side"; rm -rf "$d"; mkdir -p "$d/x"
    run "$side" report "$@" --as-of "$AS_OF" --out "$d/report.html" --csv "$d/csv" --xlsx "$d/report.xlsx" >/dev/null
    (cd "$d/x" && unzip -qo ../report.xlsx) && rm "$d/report.xlsx"
    sed -i -E 's/Generated [0-9-]+ [0-9:]+ UTC/Generated TIME/' "$d/report.html"
    sed -i -E 's/^generated_at,.*/generated_at,TIME/' "$d/csv/about.csv"
    grep -rlE '20[0-9]{2}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}' "$d/x" | xargs -r sed -i -E 's/20[0-9]{2}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}Z?( UTC)?/TIME/g'
  done
  if diff -r "$tmp/before" "$tmp/after" >/dev/null; then
    echo "- $label: identical (the page, $(ls "$tmp/after/csv" | wc -l) CSV files, $(find "$tmp/after/x" -type f | wc -l) parts of the spreadsheet)"
  else echo "- $label: DIFFERENT"; fi
}

started=$(date -u '+%Y-%m-%d %H:%M')
load_before=$(uptime | sed 's/.*load average: //')
rows=(
  "$(best "MARAC report --out (the page)" MARAC no)"
  "$(best "MARAC report --out --csv --xlsx (with both packs)" MARAC yes)"
  "$(best "DAPP report --out (the page)" DAPP no)"
  "$(best "DRAMM report --out (the page)" DRAMM no)"
)
queries=$(per_query)
load_after=$(uptime | sed 's/.*load average: //')

cat <<TABLE
The board report side by side, $started UTC to $(date -u '+%H:%M'), $(nproc) cores, load average $load_before at the start and $load_after at the end; MARAC $PERIOD as of $AS_OF.
Before: \`$PB_BEFORE\` on \`$DB_BEFORE\`; after: \`$PB\` ($(git rev-parse --short HEAD)) on \`$DB\`. Best of $RUNS, the two builds alternated.

| command | before: wall / user CPU / peak | after: wall / user CPU / peak |
|---|---:|---:|
$(printf '%s\n' "${rows[@]}")

Each query of the report, CPU seconds of its own thread (how many times it ran), best of $RUNS:

| query | before | after |
|---|---:|---:|
$queries

The packs compared byte for byte, but for the time they were generated:
$(same "MARAC $PERIOD" --panel MARAC --period "$PERIOD")
$(same "DRAMM $PERIOD" --panel DRAMM --period "$PERIOD")
$(same "DAPP $PERIOD" --panel DAPP --period "$PERIOD")
$(same "MARAC $PERIOD, --area $AREA" --panel MARAC --period "$PERIOD" --area "$AREA")
TABLE
