#!/usr/bin/env bash
# Runs every KioskAssist test: unit, integration (real ONNX model, real files, real Mosquitto) and browser (Debian's Chromium).
# Installs the Debian packages the tests need when they are missing, so it works on a fresh machine.
# Results: tests/results/*.xunit (xUnit XML); the last line printed is "tests: N passed, N failed".
# tests/run.sh --fast runs the unit tests alone (Category=Unit).
set -uo pipefail
cd "$(dirname "$0")/.."

# --fast: the unit tests alone (no broker, browser, model host or hardware), for a quick check while editing.
filter=()
if [ "${1:-}" = "--fast" ]; then
  shift
  filter=(--filter-trait "Category=Unit")
fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages the tests need: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || { echo "Could not install ${missing[*]}"; exit 1; }
fi

rm -rf tests/results
dotnet test KioskAssist.sln -c Release --report-xunit --results-directory tests/results "${filter[@]}" "$@"
status=$?

# Count from the reports the runner wrote, not from its console text.
passed=0; failed=0
for report in tests/results/*.xunit; do
  [ -f "$report" ] || continue
  for attribute in $(grep -o '<assembly [^>]*>' "$report" | tr ' ' '\n' | grep -E '^(passed|failed)="[0-9]+"$'); do
    count=${attribute#*=\"}; count=${count%\"}
    case "$attribute" in passed=*) passed=$((passed + count)) ;; failed=*) failed=$((failed + count)) ;; esac
  done
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or the runner itself failed: never report that as green
fi
# Name each failed test and the start of its message, so a red CI run says what broke (perl is in Debian's base).
perl -0777 -ne 'while (/<test [^>]*?name="([^"]*)"[^>]*?result="Fail".*?<message><!\[CDATA\[(.*?)\]\]>/sg) {
  my ($name, $message) = ($1, $2); my @lines = (split /\n/, $message)[0 .. 5];
  print "FAILED: $name\n", map { defined $_ ? "    $_\n" : "" } @lines }' tests/results/*.xunit 2>/dev/null
# The fault suite's counts (tests/KioskAssist.Tests/Faults/README.md), as the tests printed them.
grep -ho 'fault [^<]*: sent [^<]*' tests/results/*.xunit 2>/dev/null
echo "tests: ${passed} passed, ${failed} failed"
exit "$status"
