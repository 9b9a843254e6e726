// SPDX-License-Identifier: Apache-2.0
#include "processes/step_directive.hpp"

#include <stdexcept>

namespace orbita::kernel::processes {

namespace {

const char* kShape = "a step must return p.wait_until(...), p.wait(...), p.wait_for(...), p.go(...), p.finish() or nothing";

std::string member(const nlohmann::json& value, const char* name, bool required) {
    if (!value.contains(name) || value[name].is_null()) {
        if (required) throw std::invalid_argument(std::string(kShape) + " (missing '" + name + "')");
        return {};
    }
    if (!value[name].is_string() || value[name].get_ref<const std::string&>().empty())
        throw std::invalid_argument(std::string(kShape) + " ('" + name + "' must be a non-empty string)");
    return value[name].get<std::string>();
}

TimePoint time_member(const nlohmann::json& value, const char* name) {
    auto t = parse_iso_datetime(member(value, name, true));
    if (!t) throw std::invalid_argument(std::string(kShape) + " ('" + name + "' must be an ISO 8601 date-time)");
    return *t;
}

}  // namespace

StepDirective StepDirective::parse(const nlohmann::json& value) {
    StepDirective d;
    if (value.is_null()) return d;
    if (!value.is_object()) throw std::invalid_argument(kShape);
    const auto op = member(value, "op", true);
    if (op == "finish") return d;
    if (op != "go" && op != "wait_until" && op != "wait_for") throw std::invalid_argument(std::string(kShape) + " (unknown op '" + op + "')");
    d.next = member(value, "next", true);
    if (op == "go") {
        d.kind = Kind::Go;
    } else if (op == "wait_until") {
        d.kind = Kind::WaitUntil;
        d.at = time_member(value, "at");
    } else {
        d.kind = Kind::WaitFor;
        d.event = member(value, "event", true);
        if (value.contains("filter") && !value["filter"].is_null()) {
            if (!value["filter"].is_object()) throw std::invalid_argument(std::string(kShape) + " ('filter' must be a table)");
            d.filter = value["filter"];
        }
        if (value.contains("timeout_at") && !value["timeout_at"].is_null()) d.at = time_member(value, "timeout_at");
        d.on_timeout = member(value, "on_timeout", false);
        if (d.on_timeout.empty()) d.on_timeout = d.next;
    }
    return d;
}

std::string StepDirective::op() const {
    switch (kind) {
        case Kind::Go: return "go";
        case Kind::WaitUntil: return "wait_until";
        case Kind::WaitFor: return "wait_for";
        case Kind::Finish: break;
    }
    return "finish";
}

nlohmann::json StepDirective::to_json() const {
    nlohmann::json j = {{"op", op()}};
    if (kind == Kind::Finish) return j;
    j["next"] = next;
    if (kind == Kind::WaitUntil) j["at"] = format_utc(*at);
    if (kind == Kind::WaitFor) {
        j["event"] = event;
        j["filter"] = filter;
        j["on_timeout"] = on_timeout;
        if (at) j["timeout_at"] = format_utc(*at);
    }
    return j;
}

}  // namespace orbita::kernel::processes
