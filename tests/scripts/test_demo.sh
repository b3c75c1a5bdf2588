#!/usr/bin/env bash
# scripts/demo as a newcomer runs it: headless for a set time, and stopped with Ctrl-C.
# Each run gets free loopback ports and its own data folder; afterwards no process that
# belongs to it may be left, and its ports must be closed again.
#   tests/scripts/test_demo.sh SOURCE_DIR BUILD_DIR
set -uo pipefail
src=$1
export PLATSLAGE_BUILD_DIR=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/platslage-demo-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

source "$src/scripts/lib/ports.sh"
use_free_ports() {
  local a b c d e
  while :; do # five different ones: each is chosen alone
    a=$(free_port) b=$(free_port) c=$(free_port) d=$(free_port) e=$(free_port)
    [ "$(printf '%s\n' "$a" "$b" "$c" "$d" "$e" | sort -u | wc -l)" = 5 ] && break
  done
  PLATSLAGE_DEMO_MQTT_PORT=$a
  PLATSLAGE_DEMO_MQTTS_PORT=$e
  PLATSLAGE_INGEST=tcp://127.0.0.1:$b
  PLATSLAGE_PUB=tcp://127.0.0.1:$c
  PLATSLAGE_ROUTER=tcp://127.0.0.1:$d
  export PLATSLAGE_DEMO_MQTT_PORT PLATSLAGE_DEMO_MQTTS_PORT PLATSLAGE_INGEST PLATSLAGE_PUB PLATSLAGE_ROUTER
}
# Processes whose command line names this run's data folder (the hub, the simulator, the
# broker's config, the log tee). Looked at, never signalled by name.
left_behind() {
  local dir=$1 n=0 f
  for f in /proc/[0-9]*/cmdline; do
    { tr '\0' ' ' < "$f"; } 2>/dev/null | grep -q -- "$dir" && { n=$((n + 1)); { tr '\0' ' ' < "$f"; } 2>/dev/null; echo; }
  done
  return $((n > 0 ? 0 : 1))
}
# Processes end a moment after their parent returns: give them up to three seconds.
nothing_left() {
  local dir=$1
  for _ in $(seq 30); do left_behind "$dir" >/dev/null || return 0; sleep 0.1; done
  left_behind "$dir"
  return 1
}
all_ports_closed() {
  port_open "$PLATSLAGE_DEMO_MQTT_PORT" && return 1
  port_open "$PLATSLAGE_DEMO_MQTTS_PORT" && return 1
  port_open "${PLATSLAGE_ROUTER##*:}" && return 1
  port_open "${PLATSLAGE_PUB##*:}" && return 1
  return 0
}

echo "== a headless run with a duration ends by itself, leaving the database"
use_free_ports
out="$work/timed.out"
"$src/scripts/demo" --no-build --headless --duration 12 --data "$work/timed" > "$out" 2>&1
rc=$?
cat "$out"
[ "$rc" = 0 ] || fail "demo --duration exited $rc"
[ "$(grep -c 'status:' "$out")" -ge 2 ] || fail "fewer than two status lines"
grep -q 'status: events_in=[1-9]' "$out" || fail "no events reached the hub"
grep -q 'rejected=0' "$out" || fail "the simulators' messages were refused"
events=$(sqlite3 "$work/timed/platslage.db" "SELECT count(*) FROM events" 2>/dev/null || echo 0)
[ "$events" -gt 0 ] || fail "the database holds no events"
reports=$(sqlite3 "$work/timed/platslage.db" "SELECT count(*) FROM guard_reports" 2>/dev/null || echo 0)
echo "events: $events, guard reports: $reports"
# Secured: the hub logged in over TLS with CURVE on, and every secret is its owner's alone.
grep -q 'security: CURVE on' "$work/timed/hub.log" || fail "the hub did not run with CURVE"
grep -q 'mqtt: connected to ssl://localhost' "$work/timed/hub.log" || fail "the hub did not reach the broker over TLS"
grep -qi 'insecure' "$work/timed/hub.log" && fail "the hub ran insecure"
for f in "$work/timed/platslage.db" "$work/timed/secrets/"*.password "$work/timed/keys/hub.secret" "$work/timed/clients/"*.secret \
         "$work/timed/certs/ca.key" "$work/timed/mosquitto/dynamic-security.json"; do
  [ "$(stat -c %a "$f")" = 600 ] || fail "$f is not 0600"
done
for f in "$work/timed/secrets/"*.password; do
  grep -qF "$(cat "$f")" "$work/timed/hub.log" "$work/timed/sim.log" && fail "a password is in a log"
done
nothing_left "$work/timed" || fail "processes left running after the timed demo"
all_ports_closed || fail "a port is still open after the timed demo"

echo "== Ctrl-C stops everything the demo started"
use_free_ports
set -m # the demo gets its own process group, as in a terminal, so SIGINT reaches it and its children
"$src/scripts/demo" --no-build --headless --data "$work/interrupted" > "$work/interrupted.out" 2>&1 &
demo=$!
set +m
for _ in $(seq 150); do grep -q 'events_in=[1-9]' "$work/interrupted.out" 2>/dev/null && break; sleep 0.1; done
grep -q 'demo: running' "$work/interrupted.out" || fail "the demo did not come up"
kill -INT -- "-$demo" # what Ctrl-C does: SIGINT to the foreground process group
wait "$demo"
rc=$?
cat "$work/interrupted.out"
[ "$rc" = 130 ] || fail "demo after Ctrl-C exited $rc, expected 130"
nothing_left "$work/interrupted" || fail "processes left running after Ctrl-C"
all_ports_closed || fail "a port is still open after Ctrl-C"

[ "$failures" = 0 ] && echo "demo: all checks passed"
exit $((failures > 0))
