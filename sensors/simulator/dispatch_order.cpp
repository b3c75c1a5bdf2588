#include "dispatch_order.hpp"

#include "dispatch.hpp"

#include <nlohmann/json.hpp>

namespace platslage::sim {

std::optional<DispatchOrder> read_dispatch_message(std::string_view payload) {
    auto j = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || !j.contains("dispatch") || !j["dispatch"].is_string()) return std::nullopt;
    DispatchOrder o;
    o.dispatch = j["dispatch"].get<std::string>();
    if (!is_dispatch_id(o.dispatch)) return std::nullopt;
    o.alert = j.value("alert", std::string());
    o.withdrawn = j.value("withdrawn", false);
    if (o.withdrawn) return o;
    if (!j.contains("zone") || !j["zone"].is_string()) return std::nullopt;
    o.zone = j["zone"].get<std::string>();
    if (j.contains("persons") && j["persons"].is_number_integer()) o.persons = j["persons"].get<int>();
    if (j.contains("categories") && j["categories"].is_array())
        for (const auto& c : j["categories"])
            if (c.is_string()) o.categories.push_back(c.get<std::string>());
    return o;
}

} // namespace platslage::sim
