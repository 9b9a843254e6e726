// SPDX-License-Identifier: Apache-2.0
// sdk::Records over the kernel's record repository.
#pragma once

#include "core/actor.hpp"
#include "orbita/sdk/records.hpp"

namespace orbita::kernel::records {
class RecordRepository;
}

namespace orbita::kernel::plugins {

/// Forwards to RecordRepository as `actor`, so plugins get the same checks as the
/// REST API; a Problem becomes an sdk::Error with the same status and slug.
class SdkRecords final : public sdk::Records {
public:
    SdkRecords(records::RecordRepository& repo, const Actor& actor) : repo_(repo), actor_(actor) {}

    sdk::Result<nlohmann::json> get(const std::string& type, std::int64_t id) override;
    sdk::Result<nlohmann::json> list(const std::string& type, const nlohmann::json& query) override;
    sdk::Result<nlohmann::json> create(const std::string& type, const nlohmann::json& fields) override;
    sdk::Result<nlohmann::json> update(const std::string& type, std::int64_t id, const nlohmann::json& fields,
                                       std::int64_t version) override;
    sdk::Result<nlohmann::json> archive(const std::string& type, std::int64_t id) override;
    sdk::Result<void> transaction(const std::function<sdk::Result<void>()>& work) override;

private:
    records::RecordRepository& repo_;
    const Actor& actor_;
};

}  // namespace orbita::kernel::plugins
