// platslage-agenda: the agenda of a joint deployment meeting as a Markdown file to hand
// out. It asks the hub (the same COMMAND a console sends), so the numbers are the hub's,
// computed from its event log at the moment of asking.
//
// Exit codes: 0 written; 65 the hub refused (the reason is printed); 69 no answer from the
// hub; 2 bad command line.
#include "hub_requests.hpp"
#include "security_options.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include <fstream>
#include <iostream>

#include <sys/stat.h>

using namespace platslage;

int main(int argc, char** argv) {
    // An agenda lists the situations of the week: for its own user until shared on purpose.
    ::umask(077);
    std::string router = "tcp://127.0.0.1:7702";
    std::string meeting, at, out, by = "agenda-tool";
    double wait_s = 5;
    bool as_json = false;
    HubKeyFiles key_files;
    CLI::App app{"platslage-agenda: a meeting's agenda from the hub, as a Markdown handout"};
    app.add_option("--router", router, "the hub's ROUTER endpoint")->capture_default_str();
    app.add_option("--meeting", meeting, "the meeting plan, M-000001")->required();
    app.add_option("--at", at, "which of its meetings (RFC 3339 start); default the one under way or next");
    app.add_option("--out", out, "write here (default: stdout)");
    app.add_option("--by", by, "the position asking, as the hub logs it (with --key, the key card's)")->capture_default_str();
    add_hub_key_options(app, key_files);
    app.add_flag("--json", as_json, "write the agenda's figures as JSON instead of Markdown");
    app.add_option("--wait-s", wait_s, "seconds to wait for the hub")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    nlohmann::json cmd{{"op", "agenda"}, {"by", by}, {"meeting", meeting}};
    if (!at.empty()) cmd["at"] = at;
    std::optional<CurveClientKeys> keys;
    try {
        keys = load_hub_keys(key_files);
    } catch (const std::exception& e) {
        std::cerr << "platslage-agenda: " << e.what() << "\n";
        return 2;
    }
    zmq::context_t ctx(1);
    HubRequests hub(ctx, HubEndpoints{router, "", keys});
    auto reply = hub.ask(encode_command_request(cmd.dump()), std::chrono::milliseconds(static_cast<long>(wait_s * 1000)));
    if (!reply) {
        std::cerr << "platslage-agenda: no answer from the hub at " << router << "\n";
        return 69;
    }
    if (!*reply || reply->value().kind == Reply::Kind::error) {
        std::cerr << "platslage-agenda: refused: " << (*reply ? reply->value().text : reply->rejection().detail) << "\n";
        return 65;
    }
    auto body = nlohmann::json::parse(reply->value().text);
    std::string text = as_json ? body["agenda"].dump(2) + "\n" : body["markdown"].get<std::string>();
    if (out.empty()) {
        std::cout << text;
        return 0;
    }
    // Written beside and renamed into place: a reader never sees half a handout.
    std::string tmp = out + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f << text;
        if (!f) {
            std::cerr << "platslage-agenda: cannot write " << tmp << "\n";
            return 73;
        }
    }
    std::rename(tmp.c_str(), out.c_str());
    std::cerr << "platslage-agenda: " << out << " written\n";
    return 0;
}
