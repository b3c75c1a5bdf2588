#pragma once
// Nagle's algorithm off on this process's TCP connections to one port.
//
// Why: Paho C 1.3 has no option to set TCP_NODELAY (eclipse-paho/paho.mqtt.c issue 530).
// Without it, a small message written right after another on the same connection (the
// hub's receipt right after its PUBACK of the report the receipt answers) is held back until
// the broker acknowledges the first at the TCP level, which Linux delays by up to 40 ms.
// The broker side is set with `set_tcp_nodelay true` in mosquitto.conf.
#include <string>

namespace platslage {

// The broker's TCP port in a Paho server URI ("tcp://127.0.0.1:1883"); MQTT's defaults
// (1883, or 8883 for ssl:// and mqtts://) when it names none; -1 when it cannot be read.
int broker_port(const std::string& uri);

// Sets TCP_NODELAY on every connected TCP socket of this process whose peer port is `port`
// (found through /proc/self/fd). Returns how many it set; 0 if none, or /proc is missing.
int disable_nagle_towards(int port);

} // namespace platslage
