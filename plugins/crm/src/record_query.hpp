// SPDX-License-Identifier: Apache-2.0
// Small helpers over sdk::Records that the crm services share.
#pragma once

#include <orbita/sdk/records.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace orbita::plugins::crm {

/// Every record of `type` matching `query` (REST list parameters), all pages.
sdk::Result<std::vector<nlohmann::json>> list_all(sdk::Records& records, const std::string& type, nlohmann::json query);
/// The first record of `type` matching `query`, or null when there is none.
sdk::Result<nlohmann::json> find_one(sdk::Records& records, const std::string& type, nlohmann::json query);
/// "3,5,8": ids for a filter[...][in] parameter.
std::string id_list(const std::vector<std::int64_t>& ids);
/// A record's id.
std::int64_t id_of(const nlohmann::json& record);

}  // namespace orbita::plugins::crm

#define CRM_CONCAT2(a, b) a##b
#define CRM_CONCAT(a, b) CRM_CONCAT2(a, b)
#define CRM_CHECK_AS(name, expr) \
    if (auto name = (expr); !name.ok()) return name.error()
/// Returns the Error of a failed sdk::Result from the enclosing function (the
/// variable is numbered, so checks may nest inside lambdas that are checked).
#define CRM_CHECK(expr) CRM_CHECK_AS(CRM_CONCAT(crm_result_, __COUNTER__), expr)
