#!/usr/bin/env bash
# Two builds side by side on the national store, in one run: each command run by
# the earlier build, then by this one, alternated, RUNS times (3); the best wall
# time and the best CPU time (user + system) of each, and peak memory. Then each
# metric query of the quarter, its own CPU time inside the command
# (PANELBOARD_BENCH_TIMES=1), best of RUNS; then whether the two builds' outputs are
# the same, byte for byte (each panel's quarter, --by day, the chase list and the 40
# quarters). Called by metrics.sh when PB_BEFORE is set:
#
#   PB_BEFORE=/path/to/old/panelboard DB=/path/to/store.sqlite bash Benchmarks/metrics.sh
#   DB_BEFORE=...  the earlier build's own copy of the store, when this build has
#                  migrated its copy (default: the same store, read only)
#   LONG_RUNS=1    the 40 quarters once per build instead of RUNS times
#   PERIOD=FY2024Q4 AS_OF=2025-03-31  the quarter measured
set -euo pipefail
: "${PB:?}" "${PB_BEFORE:?}" "${DB:?}"
DB_BEFORE=${DB_BEFORE:-$DB}
RUNS=${RUNS:-3}
LONG_RUNS=${LONG_RUNS:-$RUNS}
PERIOD=${PERIOD:-FY2024Q4}
AS_OF=${AS_OF:-2025-03-31}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# best LABEL RUNS ARGS...: one table row, "before | after", each "wall / CPU / peak".
best() {
  local label=$1 runs=$2; shift 2
  local i side
  for i in $(seq 1 "$runs"); do
    for side in before after; do
      local pb=$PB db=$DB
      [ "$side" = before ] && { pb=$PB_BEFORE; db=$DB_BEFORE; }
      /usr/bin/time -o "$tmp/t" -f "%e %U %S %M" "$pb" "$@" --db "$db" >/dev/null 2>&1
      echo "$side $(cat "$tmp/t")" >> "$tmp/$label"
    done
  done
  local cells=()
  for side in before after; do
    cells+=("$(awk -v s="$side" '$1 == s { w = $2; c = $3 + $4; m = $5
        if (bw == "" || w < bw) bw = w; if (bc == "" || c < bc) bc = c; if (m > bm) bm = m }
      END { printf "%.2f s / %.2f s / %d MB", bw, bc, bm / 1024 }' "$tmp/$label")")
  done
  echo "| $label | ${cells[0]} | ${cells[1]} |"
}

# Each query's CPU seconds inside the command, best of RUNS per build.
per_query() {
  local i side
  for i in $(seq 1 "$RUNS"); do
    for side in before after; do
      local pb=$PB db=$DB
      [ "$side" = before ] && { pb=$PB_BEFORE; db=$DB_BEFORE; }
      # Builds before the CPU column print the wall time only; a query run twice in
      # one command is added up.
      PANELBOARD_BENCH_TIMES=1 "$pb" metrics --panel MARAC --period "$PERIOD" --as-of "$AS_OF" --db "$db" --format json 2>&1 >/dev/null \
        | awk -F'\t' -v s="$side" -v run="$i" '$1 == "bench-time" { t[$2] += ($4 == "" ? $3 : $4) }
            END { for (q in t) print s "\t" run "\t" q "\t" t[q] }'
    done
  done > "$tmp/queries"
  awk -F'\t' '{ k = $1 "\t" $3; if (!(k in b) || $4 < b[k]) b[k] = $4; q[$3] = 1 }
    END { for (n in q) printf "| %s | %.3f | %.3f |\n", n, b["before\t" n], b["after\t" n] }' "$tmp/queries" \
    | sort -t'|' -k3 -rn
}

same() { # LABEL ARGS...: whether both builds print the same bytes
  local label=$1; shift
  "$PB_BEFORE" "$@" --db "$DB_BEFORE" > "$tmp/before.out"
  "$PB" "$@" --db "$DB" > "$tmp/after.out"
  if cmp -s "$tmp/before.out" "$tmp/after.out"; then echo "- $label: identical ($(wc -c < "$tmp/after.out") bytes)"
  else echo "- $label: DIFFERENT"; fi
}

started=$(date -u '+%Y-%m-%d %H:%M')
load_before=$(uptime | sed 's/.*load average: //')
rows=(
  "$(best "metrics --panel MARAC, one quarter, every family" "$RUNS" metrics --panel MARAC --period "$PERIOD" --as-of "$AS_OF" --format json)"
  "$(best "metrics --panel DRAMM, one quarter" "$RUNS" metrics --panel DRAMM --period "$PERIOD" --as-of "$AS_OF" --format json)"
  "$(best "metrics --panel DAPP, one quarter" "$RUNS" metrics --panel DAPP --period "$PERIOD" --as-of "$AS_OF" --format json)"
  "$(best "actions --overdue (every panel)" "$RUNS" actions --overdue --as-of "$AS_OF" --format csv)"
  "$(best "metrics --panel MARAC --by quarter, 40 quarters, one command" "$LONG_RUNS" metrics --panel MARAC --from 2015-04-01 --to 2025-03-31 --by quarter --as-of "$AS_OF" --format json)"
)
queries=$(per_query)
load_after=$(uptime | sed 's/.*load average: //')

cat <<TABLE
Side by side, $started UTC to $(date -u '+%H:%M'), $(nproc) cores, load average $load_before at the start and $load_after at the end; $PERIOD as of $AS_OF.
Before: \`$PB_BEFORE\` on \`$DB_BEFORE\`; after: \`$PB\` ($(git rev-parse --short HEAD)) on \`$DB\`. Best of $RUNS (the 40 quarters: $LONG_RUNS), the two builds alternated.

| command | before: wall / CPU / peak | after: wall / CPU / peak |
|---|---:|---:|
$(printf '%s\n' "${rows[@]}")

Each query of the MARAC quarter, CPU seconds of its own thread inside the command, best of $RUNS:

| query | before | after |
|---|---:|---:|
$queries

Outputs compared byte for byte:
$(same "MARAC quarter, JSON" metrics --panel MARAC --period "$PERIOD" --as-of "$AS_OF" --format json)
$(same "DRAMM quarter, JSON" metrics --panel DRAMM --period "$PERIOD" --as-of "$AS_OF" --format json)
$(same "DAPP quarter, JSON" metrics --panel DAPP --period "$PERIOD" --as-of "$AS_OF" --format json)
$(same "MARAC quarter --by day, JSON" metrics --panel MARAC --period "$PERIOD" --by day --as-of "$AS_OF" --format json)
$(same "DRAMM quarter --by day, JSON" metrics --panel DRAMM --period "$PERIOD" --by day --as-of "$AS_OF" --format json)
$(same "actions --overdue, CSV" actions --overdue --as-of "$AS_OF" --format csv)
$(same "MARAC, 40 quarters (--by quarter), JSON" metrics --panel MARAC --from 2015-04-01 --to 2025-03-31 --by quarter --as-of "$AS_OF" --format json)
TABLE
