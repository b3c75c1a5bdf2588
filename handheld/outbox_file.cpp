#include "outbox_file.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

namespace platslage::handheld {

OutboxFile::OutboxFile(std::string path) : path_(std::move(path)) {
    std::ifstream in(path_);
    if (!in) return; // nothing kept yet
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.empty()) continue;
        try {
            auto j = nlohmann::json::parse(line);
            messages_.push_back(OutboxMessage{j.at("topic").get<std::string>(), j.at("payload").get<std::string>(),
                                              j.value("receipt_of", ""), j.value("receipt_id", "")});
        } catch (const std::exception& e) {
            throw std::runtime_error(path_ + ":" + std::to_string(n) + ": not an outbox line: " + e.what());
        }
    }
}

void OutboxFile::add(OutboxMessage m) { messages_.push_back(std::move(m)); }

void OutboxFile::remove(const std::vector<std::size_t>& done) {
    std::vector<OutboxMessage> kept;
    for (std::size_t i = 0; i < messages_.size(); ++i)
        if (std::find(done.begin(), done.end(), i) == done.end()) kept.push_back(std::move(messages_[i]));
    messages_ = std::move(kept);
    save();
}

void OutboxFile::save() const {
    std::string tmp = path_ + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        if (!out) throw std::runtime_error("cannot write " + tmp);
        for (const auto& m : messages_)
            out << nlohmann::json{{"topic", m.topic}, {"payload", m.payload}, {"receipt_of", m.receipt_of},
                                  {"receipt_id", m.receipt_id}}
                       .dump()
                << '\n';
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + tmp);
    }
    // The rename is only as durable as the data behind it.
    int fd = ::open(tmp.c_str(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    if (std::rename(tmp.c_str(), path_.c_str()) != 0) throw std::runtime_error("cannot replace " + path_);
}

} // namespace platslage::handheld
