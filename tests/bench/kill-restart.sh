#!/usr/bin/env bash
# Soak: CYCLES (default 100) times, press the kiosk's button, kill -9 the kiosk process at a random moment 0–MAX_KILL_MS
# (default 300) ms later (broker up), start it again on the same database and cancel the resumed call; then count
# what the desk saw. It runs KioskKilledTests' loop with KIOSK_KILL_CYCLES and prints the test's counts:
#   sent       presses that got a 204 (each made a new request id)
#   delivered  of those, requests the desk received
#   duplicates requests an agent would see that no press made (a request delivered under a second id)
# Delivery takes a few ms on loopback, so with 0–300 ms almost every kill lands after delivery (the call still open);
# MAX_KILL_MS=5 puts kills inside the delivery: some before the desk has the request, some after the broker has it
# but before the outbox marked it delivered.
# Needs Debian's mosquitto (tests/run.sh installs it).
# Usage: tests/bench/kill-restart.sh [CYCLES] [MAX_KILL_MS]
set -euo pipefail
cd "$(dirname "$0")/../.."
cycles=${1:-100}
max_kill_ms=${2:-300}
report=$(mktemp)
trap 'rm -f "$report"' EXIT

dotnet build tests/KioskAssist.Tests -c Release -v quiet -nologo >/dev/null
status=0
KIOSK_KILL_CYCLES=$cycles KIOSK_KILL_MAX_MS=$max_kill_ms KIOSK_KILL_REPORT=$report \
  dotnet test --project tests/KioskAssist.Tests -c Release --no-build -- \
  --filter-method "*Kill_9_at_a_random_moment_after_each_press_delivers_every_request_exactly_once" || status=$?

if [ ! -s "$report" ]; then
  echo "kill-restart: the test wrote no counts (it failed before the end; see above)"
  exit 1
fi
value() { sed -n "s/^$1=//p" "$report"; }
echo "kill -9 restarts: $(value cycles), each $(value kill_window_ms) ms after the press (seed $(value seed), $(value seconds) s)"
echo "sent:                       $(value sent)"
echo "delivered:                  $(value delivered)"
echo "duplicates shown to agents: $(value duplicates_shown_to_agents)"
echo "killed before the desk had the request: $(value killed_before_the_desk_had_it)"
echo "request payloads the desk received: $(value request_deliveries) (open-state redeliveries it dropped by revision: $(value open_state_redeliveries))"
exit "$status"
