# Loopback ports for the scripts (sourced, not run): is one taken, and a free one.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Chosen below Linux's ephemeral range (32768 and up), so an outgoing connection elsewhere on
# the machine cannot take the port between choosing it and binding it.
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 12000))
    port_open "$p" || { echo "$p"; return; }
  done
}
