// A program linked as platslage-counters is: with Debian's cpp-httplib, which starts OpenSSL
// as it is loaded, and the MQTT session every program uses, which must have asked OpenSSL
// before that not to clean up at exit (adapters/mqtt_session.cpp). Had OpenSSL's cleanup run
// at exit, Paho's sending thread could take a lock it had freed. Exits 3 when the cleanup runs,
// 0 when it does not; run by tests/integration/test_09_counters.cpp.
#include "mqtt_session.hpp"

#include <httplib.h>
#include <openssl/crypto.h>
#include <unistd.h>

namespace {
void cleanup_ran() { ::_exit(3); }
} // namespace

int main() {
    httplib::Client camera("http://127.0.0.1:9"); // cpp-httplib in use, as in the adapter; never asked
    platslage::MqttSessionOptions options;
    options.uri = "tcp://127.0.0.1:9";
    options.client_id = "openssl-exit-check";
    platslage::MqttSession session(options, [](mqtt::const_message_ptr) {});
    OPENSSL_atexit(&cleanup_ran); // called by OpenSSL's cleanup, were it to run
    return 0;
}
