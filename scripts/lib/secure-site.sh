# A demo site's security material (sourced, not run; docs/security.md). On first use it makes,
# in DATA: the CA and the broker's certificate (certs/), the broker's dynamic security config
# with its admin (mosquitto/dynamic-security.json, secrets/admin.password), the hub's keys
# (keys/hub.secret, keys/admitted/) and key cards for the console and the simulator
# (clients/). Later runs find them and change nothing. Every secret is 0600 and named only by
# file: none is ever on a command line.
#
#   site_prepare DATA ADMIN_BIN     before the broker starts
#   site_enrol DATA ADMIN_BIN PORT  once the broker runs: the hub's and the simulator's users
site_prepare() {
  local data=$1 admin=$2 root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  (umask 077; mkdir -p "$data/secrets" "$data/keys/admitted" "$data/clients" "$data/mosquitto")
  "$root/scripts/make-certs" "$data/certs" localhost 127.0.0.1
  if [ ! -f "$data/mosquitto/dynamic-security.json" ]; then
    # A new broker config knows none of the old passwords: make them again.
    rm -f "$data/secrets/"*.password
    "$admin" broker-init --config "$data/mosquitto/dynamic-security.json" \
      --admin-password-file "$data/secrets/admin.password" >/dev/null
  fi
  [ -f "$data/keys/hub.secret" ] || "$admin" key --name hub --role hub --out "$data/keys" >/dev/null
  [ -f "$data/clients/kc-1.secret" ] ||
    "$admin" key --name kc-1 --role coordinator --out "$data/clients" --admit "$data/keys/admitted" >/dev/null
  [ -f "$data/clients/sim.secret" ] ||
    "$admin" key --name sim --role sensor --out "$data/clients" --admit "$data/keys/admitted" >/dev/null
}

site_enrol() {
  local data=$1 admin=$2 port=$3 who
  for who in hub:hub sim:simulator; do
    local id=${who%%:*} kind=${who##*:}
    [ -f "$data/secrets/$id.password" ] && continue
    "$admin" enrol --kind "$kind" --id "$id" --password-out "$data/secrets/$id.password" \
      --mqtt "tcp://127.0.0.1:$port" --admin-password-file "$data/secrets/admin.password" >/dev/null
  done
}
