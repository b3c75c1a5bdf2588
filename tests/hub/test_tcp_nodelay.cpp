// Nagle's algorithm off towards the broker only: real loopback connections, one to the
// broker's port and one elsewhere, and the socket option read back from each.
#include "tcp_nodelay.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <initializer_list>

namespace {

// A listening socket on a free loopback port, and a client connected to it.
struct Connection {
    int listener = -1, client = -1, accepted = -1, port = 0;
    Connection() {
        listener = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(listen(listener, 1) == 0);
        socklen_t len = sizeof a;
        getsockname(listener, reinterpret_cast<sockaddr*>(&a), &len);
        port = ntohs(a.sin_port);
        client = socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(connect(client, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        accepted = accept(listener, nullptr, nullptr);
    }
    ~Connection() {
        for (int fd : {client, accepted, listener})
            if (fd >= 0) close(fd);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
};

int nodelay(int fd) {
    int on = -1;
    socklen_t len = sizeof on;
    getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, &len);
    return on;
}

} // namespace

TEST_CASE("Nagle's algorithm goes off on the connections to the broker's port, and only there") {
    Connection broker, other;
    REQUIRE(nodelay(broker.client) == 0); // Linux's default: Nagle on
    CHECK(platslage::disable_nagle_towards(broker.port) == 1);
    CHECK(nodelay(broker.client) == 1);
    CHECK(nodelay(other.client) == 0);
    CHECK(nodelay(broker.accepted) == 0); // its peer is the client's own port
    CHECK(platslage::disable_nagle_towards(1) == 0);
}

TEST_CASE("the broker's port is read from a Paho server URI, with MQTT's defaults") {
    using platslage::broker_port;
    CHECK(broker_port("tcp://127.0.0.1:21883") == 21883);
    CHECK(broker_port("tcp://broker.example:1884") == 1884);
    CHECK(broker_port("tcp://[::1]:1885") == 1885);
    CHECK(broker_port("tcp://localhost") == 1883);
    CHECK(broker_port("tcp://[::1]") == 1883);
    CHECK(broker_port("ssl://broker.example") == 8883);
    CHECK(broker_port("tcp://localhost:http") == -1);
    CHECK(broker_port("tcp://localhost:70000") == -1);
}
