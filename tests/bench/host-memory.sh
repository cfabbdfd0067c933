#!/usr/bin/env bash
# Benchmark: the kiosk's resident memory when idle and after QUESTIONS questions (default 10,000) asked through
# its HTTP API on loopback, as the touchscreen page asks them (POST /api/ask; POST /api/reset after every 5, as
# when a shopper walks away). Questions are the test set's (models/checkout/data/test.csv), in order, repeated.
# Simulated hardware, embedded broker, a fresh database each run. Prints each run and the medians.
# Usage: tests/bench/host-memory.sh [RUNS] [QUESTIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
questions=${2:-10000}
port=5183
dotnet build firmware-host -c Release -v quiet -nologo >/dev/null
binary=firmware-host/bin/Release/net10.0/kioskassist
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One curl process for every request: its connection is kept alive, so the figures are the kiosk's, not curl's start-up.
# Rows whose text has no comma (no CSV quoting); escaped for JSON, then for curl's config quoting.
awk -F, -v n="$questions" -v port="$port" '
  BEGIN { k = 0 }
  NR > 1 && NF == 3 { gsub(/\\/, "\\\\", $1); gsub(/"/, "\\\"", $1); text[k] = $1; lang[k++] = $3 }
  function request(path, body) {
    if (started++) print "next"
    printf "url = \"http://127.0.0.1:%s%s\"\nheader = \"Content-Type: application/json\"\n", port, path
    printf "data = \"%s\"\noutput = \"/dev/null\"\nwrite-out = \"%%{http_code}\\n\"\n", body
  }
  END {
    for (i = 0; i < n; i++) {
      q = text[i % k]; gsub(/\\/, "\\\\", q); gsub(/"/, "\\\"", q)
      request("/api/ask", "{\\\"text\\\":\\\"" q "\\\",\\\"language\\\":\\\"" lang[i % k] "\\\"}")
      if ((i + 1) % 5 == 0) request("/api/reset", "{}")
    }
  }' models/checkout/data/test.csv > "$work/requests.curl"

kb() { awk -v f="$1:" '$1 == f {print $2}' "/proc/$2/status"; }
mb() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
idle=(); after=(); peak=(); rate=()
for run in $(seq "$runs"); do
  data=$(mktemp -d)
  "$binary" --Screen:Port=$port --Hardware:Mode=Simulated --Broker:Port=$((port + 1)) --Storage:Database="$data/kiosk.db" \
    --Logging:LogLevel:Default=Warning >/dev/null 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "kiosk exited before it was ready"; exit 1; }
    sleep 0.05
  done
  sleep 10 # idle: nothing asked, page not open
  idle_kb=$(kb VmRSS "$pid"); idle_peak_kb=$(kb VmHWM "$pid") # the peak so far: start-up and model load
  start=$(date +%s%N)
  codes=$(curl -s --config "$work/requests.curl" | sort | uniq -c | tr -s ' ' | tr '\n' ' ')
  seconds=$(awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN {printf "%.1f", ns / 1e9}')
  sleep 5 # let the last responses and timers settle
  after_kb=$(kb VmRSS "$pid"); peak_kb=$(kb VmHWM "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
  per_second=$(awk -v n="$questions" -v s="$seconds" 'BEGIN {printf "%.0f", n / s}')
  echo "run $run: idle RSS $(mb "$idle_kb") MB, peak so far (VmHWM) $(mb "$idle_peak_kb") MB; after $questions questions RSS $(mb "$after_kb") MB, peak (VmHWM) $(mb "$peak_kb") MB; asked in ${seconds} s (${per_second}/s, one at a time); HTTP status counts: ${codes}"
  idle+=("$(mb "$idle_kb")"); after+=("$(mb "$after_kb")"); peak+=("$(mb "$peak_kb")"); rate+=("$per_second")
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
range() { printf '%s\n' "$@" | sort -n | awk 'NR == 1 {lo = $1} {hi = $1} END {print lo "–" hi}'; }
echo "median over $runs runs (range): idle RSS $(median "${idle[@]}") MB ($(range "${idle[@]}")); after $questions questions RSS $(median "${after[@]}") MB ($(range "${after[@]}")), peak $(median "${peak[@]}") MB ($(range "${peak[@]}")); $(median "${rate[@]}") questions/s ($(range "${rate[@]}")); load average $(cut -d' ' -f1-3 /proc/loadavg)"
