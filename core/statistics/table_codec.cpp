#include "table_codec.hpp"

#include "time_text.hpp"

#include <nlohmann/json.hpp>

namespace platslage {

namespace {

constexpr std::string_view kind_names[] = {"count", "people", "percent", "minutes"};

std::string_view kind_name(CellKind k) {
    return kind_names[static_cast<std::size_t>(k)];
}

std::optional<CellKind> kind_from(std::string_view name) {
    for (std::size_t i = 0; i < std::size(kind_names); ++i)
        if (kind_names[i] == name) return static_cast<CellKind>(i);
    return std::nullopt;
}

nlohmann::json cell_json(const Cell& c) {
    nlohmann::json j{{"kind", kind_name(c.kind)}};
    if (c.hidden)
        j["hidden"] = true;
    else
        j["value"] = c.value ? nlohmann::json(*c.value) : nlohmann::json(nullptr);
    return j;
}

// Reading back: any shape that is not ours is a refusal naming what was wrong.
struct Malformed {
    std::string what;
};

const nlohmann::json& member(const nlohmann::json& j, const char* key) {
    if (!j.is_object() || !j.contains(key)) throw Malformed{std::string("missing ") + key};
    return j[key];
}
std::string text_of(const nlohmann::json& j, const char* key) {
    const auto& v = member(j, key);
    if (!v.is_string()) throw Malformed{std::string(key) + " is not text"};
    return v.get<std::string>();
}
const nlohmann::json& array_of(const nlohmann::json& j, const char* key) {
    const auto& v = member(j, key);
    if (!v.is_array()) throw Malformed{std::string(key) + " is not a list"};
    return v;
}

Cell cell_from(const nlohmann::json& j) {
    auto kind = kind_from(text_of(j, "kind"));
    if (!kind) throw Malformed{"a cell of unknown kind"};
    Cell c{*kind, std::nullopt, false};
    if (j.contains("hidden")) {
        if (!j["hidden"].is_boolean() || !j["hidden"].get<bool>() || j.contains("value"))
            throw Malformed{"a hidden cell carries a value"};
        c.hidden = true;
        return c;
    }
    const auto& v = member(j, "value");
    if (v.is_number())
        c.value = v.get<double>();
    else if (!v.is_null())
        throw Malformed{"a cell's value is not a number"};
    return c;
}

} // namespace

std::string encode_stats_answer(const StatsAnswer& a) {
    nlohmann::json tables = nlohmann::json::array();
    for (const auto& t : a.tables) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& r : t.rows) {
            nlohmann::json cells = nlohmann::json::array();
            for (const auto& c : r.cells)
                cells.push_back(cell_json(c));
            rows.push_back({{"period", r.period}, {"label", r.label}, {"cells", std::move(cells)}});
        }
        tables.push_back({{"id", t.id},
                          {"title", t.title},
                          {"note", t.note},
                          {"columns", t.columns},
                          {"chart_column", t.chart_column ? nlohmann::json(*t.chart_column) : nlohmann::json(nullptr)},
                          {"rows", std::move(rows)}});
    }
    return nlohmann::json{{"query", nlohmann::json::parse(stats_query_json(a.query))},
                          {"counted_at", format_rfc3339(a.counted_at)},
                          {"tables", std::move(tables)}}
        .dump();
}

Checked<StatsAnswer> decode_stats_answer(std::string_view json) {
    auto j = nlohmann::json::parse(json, nullptr, false);
    if (j.is_discarded()) return Rejection{RejectReason::malformed_json, "the statistics are not JSON"};
    if (!j.is_object()) return Rejection{RejectReason::not_an_object, "the statistics are not an object"};
    try {
        StatsAnswer a;
        auto query = parse_stats_query(member(j, "query").dump());
        if (!query) return Rejection{query.rejection().reason, "query: " + query.rejection().detail};
        a.query = *query;
        auto at = parse_rfc3339(text_of(j, "counted_at"));
        if (!at) throw Malformed{"counted_at is not a time"};
        a.counted_at = *at;
        for (const auto& tj : array_of(j, "tables")) {
            StatTable t;
            t.id = text_of(tj, "id");
            t.title = text_of(tj, "title");
            t.note = text_of(tj, "note");
            for (const auto& c : array_of(tj, "columns")) {
                if (!c.is_string()) throw Malformed{"a column heading is not text"};
                t.columns.push_back(c.get<std::string>());
            }
            if (t.columns.empty()) throw Malformed{"a table without columns"};
            const auto& chart = member(tj, "chart_column");
            if (chart.is_number_unsigned()) {
                auto col = chart.get<std::size_t>();
                if (col + 1 >= t.columns.size()) throw Malformed{"the chart column is not a column of figures"};
                t.chart_column = col;
            } else if (!chart.is_null()) {
                throw Malformed{"chart_column is not a column number"};
            }
            for (const auto& rj : array_of(tj, "rows")) {
                StatRow r{text_of(rj, "period"), text_of(rj, "label"), {}};
                for (const auto& c : array_of(rj, "cells"))
                    r.cells.push_back(cell_from(c));
                if (r.cells.size() + 1 != t.columns.size())
                    throw Malformed{"a row of " + t.id + " does not fit its columns"};
                t.rows.push_back(std::move(r));
            }
            a.tables.push_back(std::move(t));
        }
        return a;
    } catch (const Malformed& m) {
        return Rejection{RejectReason::bad_value, m.what};
    }
}

} // namespace platslage
