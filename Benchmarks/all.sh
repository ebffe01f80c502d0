#!/usr/bin/env bash
# Every figure of record in one command: the import at three sizes (for how its
# time grows and that its memory does not) and the metrics over the national store.
# Long: about fifteen minutes on two cores the first time, most of it generating
# and importing the national store (cached in Benchmarks/data/ after that).
#
#   bash Benchmarks/all.sh > Benchmarks/latest.md
set -euo pipefail
cd "$(dirname "$0")/.."
for rows in ${SIZES:-100000 1000000 4000000}; do
  ROWS=$rows bash Benchmarks/import.sh
  echo
done
bash Benchmarks/metrics.sh
