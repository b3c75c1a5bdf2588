// Issue 13's "done when", against the real broker and hub: who gets in, and only where they belong.
#include "system_under_test.hpp"

#include "curve_keys.hpp"
#include "hub_requests.hpp"
#include "zmq_frames.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <fstream>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

namespace {

// Connects a plain Paho client with `options`; true when the broker took it.
bool broker_takes(const std::string& url, const std::string& id, mqtt::connect_options options) {
    mqtt::async_client client(url, id, static_cast<mqtt::iclient_persistence*>(nullptr));
    options.set_connect_timeout(3);
    try {
        client.connect(options)->wait_for(5s);
    } catch (const mqtt::exception&) {
        return false;
    }
    bool in = client.is_connected();
    if (in) client.disconnect()->wait_for(2s);
    return in;
}

// A device's own login, for a device enrolled in the test.
mqtt::connect_options device_login(const std::string& user, const std::string& password,
                                   const std::filesystem::path& ca = TestSite::get().ca_file) {
    return mqtt::connect_options_builder()
        .clean_session(true)
        .user_name(user)
        .password(password)
        .ssl(mqtt::ssl_options_builder().trust_store(ca.string()).enable_server_cert_auth(true).verify(true).finalize())
        .finalize();
}

// A handheld enrolled as itself, receipts collected.
class OwnHandheld final : public virtual mqtt::callback {
public:
    OwnHandheld(const Broker& broker, const std::string& id, const std::string& password)
        : id_(id), client_(broker.url(), "own-" + id, static_cast<mqtt::iclient_persistence*>(nullptr)) {
        client_.set_callback(*this);
        client_.connect(device_login(id, password))->wait();
        client_.subscribe("platslage/v1/centralen/guard/" + id + "/receipt", 1)->wait();
    }
    ~OwnHandheld() override {
        try {
            if (client_.is_connected()) client_.disconnect()->wait_for(2s);
        } catch (const mqtt::exception&) {
        }
    }
    void publish(const std::string& topic, const std::string& payload) {
        client_.publish(topic, payload.data(), payload.size(), 1, false)->wait_for(5s);
    }
    std::vector<std::string> heard() {
        std::lock_guard lock(mutex_);
        return heard_;
    }
    bool connected() { return client_.is_connected(); }

private:
    void message_arrived(mqtt::const_message_ptr m) override {
        std::lock_guard lock(mutex_);
        heard_.push_back(m->to_string());
    }
    std::string id_;
    mqtt::async_client client_;
    std::mutex mutex_;
    std::vector<std::string> heard_;
};

std::string enrol_guard(const Broker& broker, const std::string& id) {
    auto password = new_broker_password();
    broker.admin().enrol({DeviceKind::guard, id, "centralen", {}}, password);
    return password;
}

} // namespace

TEST_CASE("the broker lets in only its own users, over TLS, with the certificate of its own CA") {
    TempDir dir("platslage-it17a");
    Broker broker(dir.path());
    const auto& site = TestSite::get();
    // The simulator's user, rightly logged in, is taken over TLS and on the loopback listener.
    CHECK(broker_takes(broker.url(), "right", connect_options_for(broker.url(), "sim")));
    CHECK(broker_takes(broker.loopback_url(), "right-plain", connect_options_for(broker.loopback_url(), "sim")));
    // Nobody anonymous, on either listener.
    auto anonymous = mqtt::connect_options_builder()
                         .clean_session(true)
                         .ssl(mqtt::ssl_options_builder().trust_store(site.ca_file.string()).verify(true).finalize())
                         .finalize();
    CHECK_FALSE(broker_takes(broker.url(), "anonymous", anonymous));
    CHECK_FALSE(broker_takes(broker.loopback_url(), "anonymous-plain", mqtt::connect_options_builder().clean_session(true).finalize()));
    // A wrong password.
    CHECK_FALSE(broker_takes(broker.url(), "wrong", device_login("sim", "not-the-password")));
    // Plain MQTT to the network listener.
    CHECK_FALSE(broker_takes("tcp://127.0.0.1:" + std::to_string(broker.tls_port()), "no-tls",
                             mqtt::connect_options_builder().clean_session(true).user_name("sim").password(site.password("sim")).finalize()));
    // A client that trusts another CA does not trust this broker.
    auto other = dir.path() / "other-ca";
    REQUIRE(run_command({PLATSLAGE_MAKE_CERTS, other.string()}, 30s) == 0);
    CHECK_FALSE(broker_takes(broker.url(), "other-ca", device_login("sim", site.password("sim"), other / "ca.crt")));
    CHECK(broker.process().running());
}

TEST_CASE("a broker whose certificate our CA signed, but for another host name, is not trusted") {
    TempDir dir("platslage-it17f");
    const auto& site = TestSite::get();
    // The test site's own CA signs a certificate for another machine's name.
    auto elsewhere = dir.path() / "elsewhere";
    std::filesystem::create_directories(elsewhere);
    for (const char* f : {"ca.crt", "ca.key"}) std::filesystem::copy_file(site.certs / f, elsewhere / f);
    REQUIRE(run_command({PLATSLAGE_MAKE_CERTS, elsewhere.string(), "broker.elsewhere.example"}, 30s) == 0);
    Broker broker(dir.path(), {}, elsewhere);
    CHECK_FALSE(broker_takes(broker.url(), "name-checked", connect_options_for(broker.url(), "sim")));
    // Only the name is wrong: a client that did not check it would be let in.
    auto unchecked = mqtt::connect_options_builder()
                         .clean_session(true)
                         .user_name("sim")
                         .password(site.password("sim"))
                         .ssl(mqtt::ssl_options_builder().trust_store(site.ca_file.string()).enable_server_cert_auth(true).verify(false).finalize())
                         .finalize();
    CHECK(broker_takes(broker.url(), "name-not-checked", unchecked));
}

TEST_CASE("a handheld is stopped by the broker outside its own topics, and nothing of it reaches the hub") {
    TempDir dir("platslage-it17b");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    OwnHandheld a(broker, "hh-a", enrol_guard(broker, "hh-a"));
    OwnHandheld b(broker, "hh-b", enrol_guard(broker, "hh-b"));

    // A under B's id, a receipt to B, an order to a team, a notice: all dropped by the broker.
    a.publish("platslage/v1/centralen/guard/hh-b/report", report_json("forged-1", "centralen.vantytor", 1));
    a.publish("platslage/v1/centralen/guard/hh-b/receipt", R"({"id":"x","status":"stored"})");
    a.publish("platslage/v1/centralen/outreach/team-1/dispatch", R"({"dispatch":"D-000001"})");
    a.publish("platslage/v1/centralen/hub/notice/meetings", R"({"meetings":[]})");
    a.publish("platslage/v1/cityterminalen/guard/hh-a/report", report_json("astray-1", "cityterminalen.vanthall", 1));
    // Then what each may send: both are stored and receipted, so the forged ones had their chance.
    a.publish("platslage/v1/centralen/guard/hh-a/report", report_json("own-a", "centralen.vantytor", 1));
    b.publish("platslage/v1/centralen/guard/hh-b/report", report_json("own-b", "centralen.vantytor", 1));
    REQUIRE(eventually([&] { return a.heard().size() == 1 && b.heard().size() == 1; }, 5s));
    std::this_thread::sleep_for(scaled(300ms));
    CHECK(b.heard().size() == 1); // never the forged receipt
    CHECK(b.heard().front().find("own-b") != std::string::npos);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM guard_reports") == 2);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM guard_reports WHERE report_id IN ('forged-1','astray-1')") == 0);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM refusals") == 0); // the hub never saw them
}

TEST_CASE("a revoked handheld is cut off at once while the broker runs on, and cannot come back") {
    TempDir dir("platslage-it17c");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    auto password = enrol_guard(broker, "hh-lost");
    // The broker keeps only a salted hash of it.
    std::ifstream config(dir.path() / "mosquitto" / "dynamic-security.json");
    const std::string stored((std::istreambuf_iterator<char>(config)), {});
    CHECK(stored.find("\"hh-lost\"") != std::string::npos);
    CHECK(stored.find(password) == std::string::npos);
    OwnHandheld lost(broker, "hh-lost", password);
    lost.publish("platslage/v1/centralen/guard/hh-lost/report", report_json("before", "centralen.vantytor", 1));
    REQUIRE(eventually([&] { return lost.heard().size() == 1; }, 5s));
    // Enrolling the same id again is refused, and leaves the device's rights as they were.
    CHECK_THROWS_WITH(broker.admin().enrol({DeviceKind::guard, "hh-lost", "centralen", {}}, new_broker_password()),
                      doctest::Contains("enrolled already"));
    lost.publish("platslage/v1/centralen/guard/hh-lost/report", report_json("still", "centralen.vantytor", 1));
    REQUIRE(eventually([&] { return lost.heard().size() == 2; }, 5s));

    broker.admin().revoke("hh-lost");
    CHECK(eventually([&] { return !lost.connected(); }, 3s));
    CHECK(broker.process().running());
    CHECK_FALSE(broker_takes(broker.url(), "hh-lost-again", device_login("hh-lost", password)));
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM guard_reports") == 2);
    // Everyone else carries on.
    Handheld other(broker.url(), "centralen", "hh-other");
    CHECK(other.publish_report(report_json("after", "centralen.vantytor", 1)));
    CHECK(eventually([&] { return other.receipts().size() == 1; }, 5s));
}

TEST_CASE("an unknown key gets no picture and pushes nothing; the hub acts on each key's role and writes it down") {
    TempDir dir("platslage-it17d");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url(), HubPorts{}, {"--snapshot-every-s", "0"});
    REQUIRE(hub.wait_mqtt_up());
    zmq::context_t ctx(1);

    // An unknown console: no snapshot, no update, no status.
    Subscriber stranger(ctx, hub.ports(), "stranger");
    Subscriber viewer(ctx, hub.ports(), "viewer-1");
    HubRequests unknown(ctx, hub.endpoints("stranger"));
    CHECK_FALSE(unknown.ask(encode_status_request(), 1500ms));
    // A sensor's key reaches the ingest only; a console's key does not reach the ingest.
    HubRequests sensor_asks(ctx, hub.endpoints("sensor"));
    CHECK_FALSE(sensor_asks.ask(encode_status_request(), 1500ms));
    auto sample = [&](const std::string& key, int count) {
        zmq::socket_t push(ctx, zmq::socket_type::push);
        push.set(zmq::sockopt::linger, 1000);
        secure_client(push, TestSite::get().keys(key));
        push.connect(loopback(hub.ports().ingest));
        send_frames(push, encode_occupancy(R"({"sensor":"axis-s17","zone":"centralen.vantytor","ts":")" + now_rfc3339() +
                                           R"(","count":)" + std::to_string(count) + "}"));
    };
    sample("stranger", 7);
    sample("viewer-1", 8);
    sample("sensor", 9);
    REQUIRE(eventually([&] { return sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='occupancy'") >= 1; }, 5s));
    std::this_thread::sleep_for(scaled(500ms));
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='occupancy'") == 1);
    CHECK(sql_text(hub.db(), "SELECT body FROM events WHERE kind='occupancy'").find("\"count\":9") != std::string::npos);
    CHECK(hub.status()["security"]["handshakes_refused"].get<int>() >= 4);

    // An alert to work: the viewer sees it, the stranger never does.
    Handheld hh(broker.url(), "centralen", "hh-17");
    REQUIRE(hh.publish_report(report_json("care-17", "centralen.vantytor", 1, {"needs_care"})));
    REQUIRE(eventually([&] {
        viewer.pump(20ms);
        return viewer.replica().entries().count("alert/A-000001") == 1;
    }, 5s));
    stranger.pump(300ms);
    CHECK(stranger.replica().entries().empty());
    CHECK(stranger.received.empty());

    // A viewer's resolve is refused, whatever `by` it claims; an operator's goes through as
    // the operator's own position.
    nlohmann::json resolve{{"op", "resolve"}, {"alert", "A-000001"}, {"by", "kc-1"}, {"outcome", "support_offered"}};
    auto refused = hub.command(resolve, "viewer-1");
    CHECK(refused.kind == Reply::Kind::error);
    CHECK(refused.text.rfind("forbidden: a viewer key may not work alerts", 0) == 0);
    auto done = hub.command(resolve, "operator-1");
    REQUIRE(done.kind == Reply::Kind::ok);
    CHECK(nlohmann::json::parse(done.text)["history"].back()["by"] == "operator-1");
    CHECK(hub.command({{"op", "plan_meeting"}, {"by", "x"}, {"title", "t"}, {"zone", "centralen.vantytor"},
                       {"organisations", {"capio"}}, {"starts", "2030-01-01T10:00:00+01:00"}},
                      "operator-1")
              .text.rfind("forbidden: an operator key", 0) == 0);

    // The audit trail: both, with time, position, role and key fingerprint.
    auto fingerprint = [](const std::string& key) { return key_fingerprint(TestSite::get().keys(key).public_key); };
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM audit WHERE target='A-000001' AND op='resolve' AND position='viewer-1' "
                              "AND role='viewer' AND result='forbidden' AND fingerprint='" + fingerprint("viewer-1") + "'") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM audit WHERE target='A-000001' AND op='resolve' AND position='operator-1' "
                              "AND role='operator' AND result='done' AND fingerprint='" + fingerprint("operator-1") + "'") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM audit WHERE op='plan_meeting' AND result='forbidden'") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM refusals WHERE source='command' AND reason='forbidden'") == 2);
    // Any console reads who did what to the alert (AUDIT), as the console's W window shows it.
    HubRequests reader(ctx, hub.endpoints("viewer-1"));
    auto audit = reader.ask(encode_audit_request("A-000001"), 2s);
    REQUIRE(audit);
    REQUIRE(*audit);
    REQUIRE(audit->value().kind == Reply::Kind::ok);
    auto trail = nlohmann::json::parse(audit->value().text);
    CHECK(trail["target"] == "A-000001");
    REQUIRE(trail["audit"].size() == 2);
    CHECK(trail["audit"][0]["position"] == "viewer-1");
    CHECK(trail["audit"][0]["result"] == "forbidden");
    CHECK(trail["audit"][1]["role"] == "operator");
    CHECK(trail["audit"][1]["fingerprint"] == fingerprint("operator-1"));

    // A command is checked as it came, not as the hub would write it: a field given twice is
    // still malformed, and the size is the text's own.
    HubRequests operator_asks(ctx, hub.endpoints("operator-1"));
    auto raw = [&](const std::string& text) {
        auto r = operator_asks.ask(encode_command_request(text), 2s);
        return r && *r ? r->value().text : std::string("no reply");
    };
    CHECK(raw(R"({"op":"note","alert":"A-000001","by":"operator-1","note":"a","note":"b"})").rfind("malformed_json:", 0) == 0);
    CHECK(raw(R"({"op":"note","alert":"A-000001","by":"operator-1","note":"a"})" + std::string(2100, ' ')).rfind("oversize:", 0) == 0);
}

TEST_CASE("a console key taken out of the admitted folder is refused within a second, without a restart") {
    TempDir dir("platslage-it17e");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    TestSite::get().make_key("kc-revoked", Role::coordinator);
    zmq::context_t ctx(1);
    HubRequests console(ctx, hub.endpoints("kc-revoked"));
    // Admitted as soon as the hub has read the folder again.
    REQUIRE(eventually([&] {
        auto r = console.ask(encode_status_request(), 300ms);
        if (!r) console.reset();
        return r && *r && r->value().kind == Reply::Kind::status;
    }, 5s));
    std::filesystem::remove(TestSite::get().admitted / "kc-revoked.key");
    REQUIRE(eventually([&] {
        auto r = console.ask(encode_status_request(), 500ms);
        return r && *r && r->value().kind == Reply::Kind::error && r->value().text.rfind("forbidden:", 0) == 0;
    }, 3s));
    auto cmd = console.ask(encode_command_request(R"({"op":"acknowledge","alert":"A-000001","by":"kc-revoked"})"), 2s);
    REQUIRE(cmd);
    REQUIRE(*cmd);
    CHECK(cmd->value().text.rfind("forbidden:", 0) == 0);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM audit WHERE role='revoked' AND result='forbidden'") == 1);
    CHECK(hub.process().running());
}
