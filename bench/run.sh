#!/usr/bin/env bash
# Runs the benchmarks and prints each figure as a ratio against its anchor, measured in the same run.
#   bench/run.sh                              all load benchmarks (P1 P2 P5 memory P6 search), 10 s phases, 60 s memory run, then P3
#   bench/run.sh search --seconds 18          the newsroom search over 10,000 stories of 20 versions, 3 s per kind of query
#   bench/run.sh p1 p5 --seconds 20           only those, with longer phases
#   bench/run.sh --memory-seconds 300         the full five-minute memory run
#   bench/run.sh logs --seconds 30            log volume of 16 editors racing on one story, and of bad requests
#   bench/run.sh desk --seconds 8             the desk's history and comparison pages of a 1,000-version story
# Needs the PostgreSQL 15 server programs and pgbench (Debian: apt-get install postgresql). Loopback only;
# every phase stops by itself. The PostgreSQL it starts (fsync on) and its data are removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pgbench >/dev/null; then
  echo "pgbench is not installed (Debian/Ubuntu: apt-get install postgresql)" >&2
  exit 2
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build -c Release bench/Revisions.Load -v quiet -nologo
dotnet bench/Revisions.Load/bin/Release/net10.0/Revisions.Load.dll "$@"
# P3: the structured diff against a raw DiffPlex word diff (Stopwatch look; see README for the BenchmarkDotNet run),
# with the full set or when named.
names=$(printf '%s\n' "$@" | grep -v -e '^--' -e '^[0-9]' || true)
if [ -z "$names" ] || grep -qx p3 <<<"$names"; then
  dotnet run -c Release --project bench/Revisions.Benchmarks -- --quick
fi
