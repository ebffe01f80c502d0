#!/usr/bin/env bash
# Every figure of record in one command: the import at three sizes (for how its
# time grows and that its memory does not) and the metrics over the national store.
# Long: about half an hour on two cores, most of it generating data the first time.
#
#   bash Benchmarks/all.sh > Benchmarks/latest.md
set -euo pipefail
cd "$(dirname "$0")/.."
for rows in ${SIZES:-100000 1000000 4000000}; do
  ROWS=$rows bash Benchmarks/import.sh
  echo
done
bash Benchmarks/metrics.sh
