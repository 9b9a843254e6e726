// SPDX-License-Identifier: Apache-2.0
// Record access for plugins: the kernel's records API, as the acting user.
#pragma once

#include "orbita/sdk/result.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace orbita::sdk {

/// @brief Reads and writes records of any entity type with the rights of the actor it
/// was handed out for: the same scopes, hidden fields, validation, history and events
/// as `/api/v1/records`. Records are JSON objects shaped like the REST API's. Failures
/// the caller can act on (not found, invalid input, forbidden, version conflict) come
/// back as Error with the HTTP status the REST API would answer. Implemented by the
/// kernel; valid only during the call it was passed to.
class Records {
public:
    virtual ~Records() = default;
    /// @brief One record by id.
    virtual Result<nlohmann::json> get(const std::string& type, std::int64_t id) = 0;
    /// @brief A page of records. `query` holds the REST list parameters as strings
    /// (e.g. {"filter[status]": "new", "sort": "-id", "limit": "20"}); answers
    /// {"items": [...], "next_cursor": ...}.
    virtual Result<nlohmann::json> list(const std::string& type, const nlohmann::json& query) = 0;
    /// @brief Creates a record from field values; answers the stored record.
    virtual Result<nlohmann::json> create(const std::string& type, const nlohmann::json& fields) = 0;
    /// @brief Changes fields of a record at `version` (optimistic concurrency; 0 means
    /// "whatever is current"); answers the stored record.
    virtual Result<nlohmann::json> update(const std::string& type, std::int64_t id, const nlohmann::json& fields,
                                          std::int64_t version) = 0;
    /// @brief Archives a record (records are never erased).
    virtual Result<nlohmann::json> archive(const std::string& type, std::int64_t id) = 0;
    /// @brief Runs `work` as one database transaction (since ABI 1.2): the writes it
    /// makes through this object commit together when it returns success, and none of
    /// them stays when it returns an Error or throws (the Error is answered; an
    /// exception propagates after the rollback). Inside a transaction that is already
    /// open (a demo-data provider, a robot action) `work` runs in a savepoint of it, so
    /// its failure undoes only its own writes. Use it for writes that belong together,
    /// e.g. a record and the child records that describe it.
    virtual Result<void> transaction(const std::function<Result<void>()>& work) = 0;
};

}  // namespace orbita::sdk
