#!/usr/bin/env bash
# Every figure of record in one command: the import at three sizes (for how its
# time grows and that its memory does not), with person refs in random order (the
# figure of record) and, at 1,000,000 rows, in order too; then the metrics over the
# national store.
# Long: about fifteen minutes on two cores the first time, most of it generating
# and importing the national store (cached in Benchmarks/data/ after that).
#
#   bash Benchmarks/all.sh > Benchmarks/latest.md
set -euo pipefail
cd "$(dirname "$0")/.."
# The 4,000,000-row file is generated without actions and imported once
# (LARGE_RUNS), as its figures of record were; DATA=/somewhere/big keeps its 650 MB
# and its stores out of the worktree.
for rows in ${SIZES:-100000 1000000 4000000}; do
  runs=${RUNS:-3}; [ "$rows" -ge 4000000 ] && runs=${LARGE_RUNS:-1}
  ROWS=$rows ORDER=random RUNS=$runs bash Benchmarks/import.sh
  echo
done
ROWS=${ORDERED_ROWS:-1000000} ORDER=ordered bash Benchmarks/import.sh
echo
bash Benchmarks/metrics.sh
