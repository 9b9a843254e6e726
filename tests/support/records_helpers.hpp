// SPDX-License-Identifier: Apache-2.0
// Shared steps of the records integration tests: query strings, creating records over
// HTTP, walking every page of a list, and the fixture entity types.
#pragma once

#include "support/http_client.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace orbita::test {

/// Query parameters in order; repeated keys are allowed.
using Params = std::vector<std::pair<std::string, std::string>>;

/// "?k1=v1&k2=v2" with keys and values percent-encoded; empty for no parameters.
std::string query_string(const Params& params);

/// `/api/v1/records/{type}` followed by the encoded parameters.
std::string records_url(const std::string& type, const Params& params = {});

/// POSTs `body` to /api/v1/records/{type}; fails the test unless the answer is 201.
/// Answers the created record.
nlohmann::json create_record(HttpClient& http, const std::string& type, const nlohmann::json& body);

/// GETs one list page; fails the test unless the answer is 200. Answers the body.
nlohmann::json list_page(HttpClient& http, const std::string& type, const Params& params);

/// Walks a list from the first page to the last through `next_cursor` (adding
/// `cursor=` to `params`) and answers every item in the order served. Fails the test
/// on an error answer, an over-full page or an endless walk.
std::vector<nlohmann::json> list_all(HttpClient& http, const std::string& type, const Params& params);

/// The string field `field` of every item (a set: order does not matter to the caller).
std::set<std::string> field_set(const nlohmann::json& items, const std::string& field);
std::set<std::string> field_set(const std::vector<nlohmann::json>& items, const std::string& field);

/// The `id`s of the items in order.
std::vector<std::int64_t> ids_of(const std::vector<nlohmann::json>& items);

/// A `project` type: a name and a manager (user). Target of the scoped autonumber.
nlohmann::json project_type();
/// A `task` type: title, required `project` ref, and `code`, an autonumber with its own
/// sequence per project ("P-0001").
nlohmann::json task_type();

}  // namespace orbita::test
