#pragma once
// Nagle's algorithm off on this process's TCP connections to one port.
//
// Why: Paho C 1.3 has no option to set TCP_NODELAY (eclipse-paho/paho.mqtt.c issue 530).
// Without it, a small message written right after another on the same connection (the
// hub's receipt right after its PUBACK of the report the receipt answers) is held back until
// the broker acknowledges the first at the TCP level, which Linux delays by up to 40 ms.
// The broker side is set with `set_tcp_nodelay true` in mosquitto.conf.
namespace platslage {

// Sets TCP_NODELAY on every connected TCP socket of this process whose peer port is `port`
// (found through /proc/self/fd). Returns how many it set; 0 if none, or /proc is missing.
int disable_nagle_towards(int port);

} // namespace platslage
