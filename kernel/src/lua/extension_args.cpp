// SPDX-License-Identifier: Apache-2.0
#include "lua/extension_args.hpp"

#include "core/problem.hpp"

#include <stdexcept>

namespace orbita::kernel::lua {

namespace {

const nlohmann::json kNull = nullptr;

}  // namespace

const nlohmann::json& ExtensionArgs::at(int n) const {
    return n >= 1 && static_cast<std::size_t>(n) <= args_.size() ? args_[static_cast<std::size_t>(n - 1)] : kNull;
}

void ExtensionArgs::fail(const std::string& message) const { throw std::invalid_argument(function_ + ": " + message); }

void ExtensionArgs::fail(const Problem& problem) const {
    std::string reasons;
    for (const auto& e : problem.errors()) reasons += (reasons.empty() ? "" : "; ") + e.message;
    fail(reasons.empty() ? problem.detail() : reasons);
}

void ExtensionArgs::expected(int n, const char* what) const {
    fail("argument #" + std::to_string(n) + " must be " + what);
}

std::string ExtensionArgs::string(int n, const char* what) const {
    if (!at(n).is_string() || at(n).get_ref<const std::string&>().empty()) expected(n, what);
    return at(n).get<std::string>();
}

std::int64_t ExtensionArgs::integer(int n, const char* what) const {
    if (!at(n).is_number_integer()) expected(n, what);
    return at(n).get<std::int64_t>();
}

double ExtensionArgs::number(int n, const char* what) const {
    if (!at(n).is_number()) expected(n, what);
    return at(n).get<double>();
}

TimePoint ExtensionArgs::time(int n) const {
    const char* what = "an ISO 8601 date-time with a zone, such as orbita.now()";
    if (!at(n).is_string()) expected(n, what);
    auto t = parse_iso_datetime(at(n).get<std::string>());
    if (!t) expected(n, what);
    return *t;
}

nlohmann::json ExtensionArgs::options(int n, const std::string& allowed) const {
    if (!present(n)) return nlohmann::json::object();
    if (!at(n).is_object()) expected(n, ("a table of options (" + allowed + ")").c_str());
    std::string names = ",";
    for (char c : allowed) {
        if (c != ' ') names += c;
    }
    names += ",";
    for (const auto& [key, value] : at(n).items()) {
        if (names.find("," + key + ",") == std::string::npos) fail("unknown option '" + key + "' (options: " + allowed + ")");
    }
    return at(n);
}

}  // namespace orbita::kernel::lua
