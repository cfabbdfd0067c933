#!/usr/bin/env bash
# Benchmark: kiosk start to ready (first 200 from /health) and resident memory when idle
# (simulated hardware, embedded broker, a fresh database each run).
# Runs the Release build RUNS times (default 5) and prints each run and the medians.
# Usage: tests/bench/host-start.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
port=5181
dotnet build firmware-host -c Release -v quiet -nologo >/dev/null
binary=firmware-host/bin/Release/net10.0/kioskassist

ready=(); rss=()
for run in $(seq "$runs"); do
  start=$(date +%s%N)
  data=$(mktemp -d)
  "$binary" --Screen:Port=$port --Hardware:Mode=Simulated --Broker:Port=$((port + 1)) --Storage:Database="$data/kiosk.db" \
    --Logging:LogLevel:Default=Warning >/dev/null 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "kiosk exited before it was ready"; exit 1; }
    sleep 0.02
  done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 10 # idle: nothing asked, page not open
  rss_mb=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
  echo "run $run: ready in ${ready_ms} ms, idle RSS ${rss_mb} MB"
  ready+=("$ready_ms"); rss+=("$rss_mb")
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "median over $runs runs: ready $(median "${ready[@]}") ms, idle RSS $(median "${rss[@]}") MB"
