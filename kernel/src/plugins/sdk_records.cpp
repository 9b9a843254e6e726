// SPDX-License-Identifier: Apache-2.0
#include "plugins/sdk_records.hpp"

#include "core/problem.hpp"
#include "records/list_query.hpp"
#include "records/record_repository.hpp"
#include "storage/database.hpp"

namespace orbita::kernel::plugins {

namespace {

template <class F>
sdk::Result<nlohmann::json> guarded(F&& fn) {
    try {
        return fn();
    } catch (const Problem& p) {
        std::string message = p.detail();
        for (const auto& e : p.errors()) {
            // A rule that names one field often says the same in both places.
            if (e.message != p.detail()) message += "; " + e.field + ": " + e.message;
        }
        return sdk::Error{p.slug(), message, p.status()};
    }
}

// Carries a plugin's Error out of the transaction it must roll back.
struct WorkFailed {
    sdk::Error error;
};

}  // namespace

sdk::Result<nlohmann::json> SdkRecords::get(const std::string& type, std::int64_t id) {
    return guarded([&] { return repo_.get(actor_, type, id); });
}

sdk::Result<nlohmann::json> SdkRecords::list(const std::string& type, const nlohmann::json& query) {
    return guarded([&] {
        records::QueryParams params;
        if (query.is_object()) {
            for (const auto& [k, v] : query.items()) params.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
        }
        auto page = repo_.list(actor_, type, records::parse_list_query(params, repo_.options().max_page_size));
        nlohmann::json out = {{"items", std::move(page.items)},
                              {"next_cursor", page.next_cursor ? nlohmann::json(*page.next_cursor) : nullptr}};
        if (page.total) out["total"] = *page.total;
        return out;
    });
}

sdk::Result<nlohmann::json> SdkRecords::create(const std::string& type, const nlohmann::json& fields) {
    return guarded([&] { return repo_.create(actor_, type, fields); });
}

sdk::Result<nlohmann::json> SdkRecords::update(const std::string& type, std::int64_t id, const nlohmann::json& fields,
                                               std::int64_t version) {
    return guarded([&] {
        return version > 0 ? repo_.update(actor_, type, id, fields, version) : repo_.update(actor_, type, id, fields, std::nullopt, true);
    });
}

sdk::Result<nlohmann::json> SdkRecords::archive(const std::string& type, std::int64_t id) {
    return guarded([&] { return repo_.archive(actor_, type, id); });
}

sdk::Result<void> SdkRecords::transaction(const std::function<sdk::Result<void>()>& work) {
    auto& db = repo_.database();
    const auto run = [&](storage::Transaction&) {
        auto result = work();
        if (!result.ok()) throw WorkFailed{result.error()};
    };
    try {
        // Inside an open transaction a savepoint undoes only this work when it fails.
        if (db.in_write()) {
            db.with_savepoint(run);
        } else {
            db.with_write(run);
        }
    } catch (const WorkFailed& failed) {
        return failed.error;
    }
    return {};
}

}  // namespace orbita::kernel::plugins
