// SPDX-License-Identifier: Apache-2.0
#include "storage/database_url.hpp"

#include <Poco/URI.h>

#include <regex>
#include <vector>
#include <stdexcept>

namespace orbita::kernel::storage {

namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

std::string decode(const std::string& text) {
    std::string out;
    Poco::URI::decode(text, out);
    if (out.find_first_of(" \t\n") != std::string::npos)
        throw std::invalid_argument("database URL values may not contain spaces (use PGPASSWORD or ~/.pgpass)");
    return out;
}

// postgresql://[user[:password]@][host][:port][/dbname][?key=value&...]
std::string to_conninfo(const std::string& url) {
    std::string rest = url.substr(url.find("://") + 3);
    std::string query;
    if (auto q = rest.find('?'); q != std::string::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    std::string dbname;
    if (auto slash = rest.find('/'); slash != std::string::npos) {
        dbname = rest.substr(slash + 1);
        rest = rest.substr(0, slash);
    }
    std::string userinfo;
    if (auto at = rest.rfind('@'); at != std::string::npos) {
        userinfo = rest.substr(0, at);
        rest = rest.substr(at + 1);
    }
    std::vector<std::pair<std::string, std::string>> kv;
    std::string host = rest, port;
    if (!rest.empty() && rest.front() == '[') {
        // An IPv6 literal, "[::1]" or "[::1]:5432": libpq wants the address without brackets.
        const auto close = rest.find(']');
        if (close == std::string::npos || (close + 1 < rest.size() && rest[close + 1] != ':'))
            throw std::invalid_argument("malformed IPv6 host in database URL");
        host = rest.substr(1, close - 1);
        if (close + 1 < rest.size()) port = rest.substr(close + 2);
    } else if (auto colon = rest.rfind(':'); colon != std::string::npos) {
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    }
    if (!host.empty()) kv.emplace_back("host", decode(host));
    if (!port.empty()) kv.emplace_back("port", decode(port));
    if (!dbname.empty()) kv.emplace_back("dbname", decode(dbname));
    if (!userinfo.empty()) {
        auto colon = userinfo.find(':');
        kv.emplace_back("user", decode(userinfo.substr(0, colon)));
        if (colon != std::string::npos) kv.emplace_back("password", decode(userinfo.substr(colon + 1)));
    }
    std::size_t start = 0;
    while (start < query.size()) {
        auto amp = query.find('&', start);
        std::string pair = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
        auto eq = pair.find('=');
        if (eq == std::string::npos || eq == 0) throw std::invalid_argument("malformed parameter '" + pair + "' in database URL");
        kv.emplace_back(decode(pair.substr(0, eq)), decode(pair.substr(eq + 1)));
        if (amp == std::string::npos) break;
        start = amp + 1;
    }
    std::string out;
    for (const auto& [k, v] : kv) out += (out.empty() ? "" : " ") + k + "=" + v;
    return out;
}

}  // namespace

DatabaseUrl DatabaseUrl::parse(const std::string& url) {
    DatabaseUrl result;
    if (url.empty()) throw std::invalid_argument("database URL is empty");
    if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
        result.backend = Backend::Postgres;
        result.postgres_uri = url;
        result.postgres_conninfo = to_conninfo(url);
        return result;
    }
    std::string path = url;
    if (starts_with(url, "sqlite://")) {
        path = url.substr(9);
    } else if (starts_with(url, "sqlite:")) {
        path = url.substr(7);
    } else if (url.find("://") != std::string::npos) {
        throw std::invalid_argument("unsupported database URL scheme in '" + url +
                                    "': use sqlite:///path or postgresql://...");
    }
    if (path.empty()) throw std::invalid_argument("SQLite database URL has no file path");
    result.backend = Backend::Sqlite;
    result.sqlite_path = path;
    return result;
}

std::string DatabaseUrl::redacted() const {
    if (backend == Backend::Sqlite) return "sqlite://" + sqlite_path;
    static const std::regex password(R"((://[^:/@]+:)[^@]*@)");
    std::string out = std::regex_replace(postgres_uri, password, "$1***@");
    static const std::regex query_password(R"((password=)[^&\s]*)");
    return std::regex_replace(out, query_password, "$1***");
}

}  // namespace orbita::kernel::storage
