// SPDX-License-Identifier: Apache-2.0
// The one path to records of every type: reads, writes, history, aggregates.
#pragma once

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "entity/type_registry.hpp"
#include "entity/value_codec.hpp"
#include "events/event_bus.hpp"
#include "records/aggregate_query.hpp"
#include "records/list_query.hpp"
#include "records/record_input.hpp"
#include "records/record_guard.hpp"
#include "records/record_layout.hpp"
#include "records/write_hooks.hpp"
#include "storage/database.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace orbita::kernel::records {

/// A page of records.
struct ListResult {
    nlohmann::json items = nlohmann::json::array();
    std::optional<std::string> next_cursor;
    std::optional<std::int64_t> total;
};

/// Every read and write of records goes through here: the REST API, plugins, Lua and
/// reports alike, so checks live in one place. Writes run in one transaction each:
/// validation, reference and uniqueness checks, autonumbers, the row, its links, its
/// history entry and its search document commit together, and events are raised after.
class RecordRepository {
public:
    struct Options {
        int max_page_size = 500;
        std::string time_zone = "Europe/Moscow";
    };

    RecordRepository(storage::Database& db, entity::TypeRegistry& registry, const entity::ValueCodec& codec,
                     events::EventBus& events, const Clock& clock, RecordGuard& guard, Options options);

    /// One record (archived ones included); 404 when it does not exist.
    nlohmann::json get(const Actor& actor, const std::string& type, std::int64_t id);
    /// A record as the API sends it, serialised, with its version (for the ETag).
    struct RecordText {
        std::string json;
        std::int64_t version = 0;
    };
    /// get(), serialised without building a JSON tree: what GET .../{id} answers.
    RecordText get_text(const Actor& actor, const std::string& type, std::int64_t id);
    /// The whole body of GET /api/v1/records/{type} (items, limit, next_cursor, total),
    /// serialised without building a JSON tree; byte for byte what list() would give.
    std::string list_text(const Actor& actor, const std::string& type, const ListQuery& query);
    /// A page of records matching the query (keyset pagination). `operation` is the
    /// permission that selects rows: read, or export for exports.
    ListResult list(const Actor& actor, const std::string& type, const ListQuery& query,
                    const std::string& operation = "read");
    /// Creates a record from API JSON; answers the stored record.
    nlohmann::json create(const Actor& actor, const std::string& type, const nlohmann::json& body);
    /// Applies a partial update. `expected_version` (If-Match or body `version`) must
    /// match the stored version, else 409 carrying the current record; `unconditional`
    /// (If-Match: *) skips that check. Neither given: 428.
    nlohmann::json update(const Actor& actor, const std::string& type, std::int64_t id, const nlohmann::json& patch,
                          std::optional<std::int64_t> expected_version, bool unconditional = false);
    /// Archives (soft-deletes) a record; archiving an archived record is a no-op.
    nlohmann::json archive(const Actor& actor, const std::string& type, std::int64_t id);
    /// Restores an archived record.
    nlohmann::json restore(const Actor& actor, const std::string& type, std::int64_t id);
    /// Change history of a record, newest first.
    nlohmann::json history(const Actor& actor, const std::string& type, std::int64_t id, int limit,
                           std::int64_t before);
    /// Grouped metrics over the records a query selects.
    nlohmann::json aggregate(const Actor& actor, const std::string& type, const AggregateQuery& query);

    /// Whether the actor may see a record of any type that holds file `file_id` in a
    /// file or files field: the rule for downloading files others uploaded.
    bool file_visible_through_records(const Actor& actor, std::int64_t file_id);

    /// Rebuilds the search documents of every record of `type` (after its search fields change).
    void reindex(const std::string& type);

    /// Derives values from a create or update body before it is validated: `id` is
    /// empty for a create. The pipelines module places a record created without a
    /// pipeline or stage in its type's default pipeline and first stage. Fillers are
    /// added while the kernel starts and run outside the write transaction; what they
    /// fill is validated like any input.
    using InputFiller = std::function<void(const entity::EntityType& type, std::optional<std::int64_t> id,
                                           nlohmann::json& body)>;
    void add_input_filler(InputFiller filler);
    /// Rules run inside the transaction of every create and update of a type (plugins'
    /// record write hooks); add them while the kernel starts.
    WriteHooks& write_hooks() { return hooks_; }

    const entity::TypeRegistry& registry() const { return registry_; }
    const Options& options() const { return options_; }
    /// The database the records live in: for callers that group several writes in
    /// one transaction (plugins through sdk::Records::transaction).
    storage::Database& database() { return db_; }

private:
    struct Prepared {
        entity::EntityTypePtr type;
        std::shared_ptr<const RecordLayout> layout;
    };
    Prepared prepare(const std::string& type);
    struct PageEnd {
        std::optional<std::string> next_cursor;
        std::optional<std::int64_t> total;
    };
    /// Runs a list query and hands each record of the page to `each`.
    PageEnd list_each(const Actor& actor, const Prepared& p, const ListQuery& query, const std::string& operation,
                      const std::function<void(const StoredRecord&)>& each);
    storage::SqlFragment where_clause(const Prepared& p, const Selection& selection, const std::string& alias,
                                      const Actor& actor, const std::string& operation) const;
    StoredRecord load_or_404(storage::Connection& conn, const Prepared& p, std::int64_t id) const;
    /// The record if it exists and `operation` (read) reaches it; a record that exists
    /// outside the scope is an audited 404.
    std::optional<StoredRecord> load_visible(storage::Connection& conn, const Prepared& p, const Actor& actor,
                                             std::int64_t id, const std::string& operation);
    StoredRecord visible_or_404(storage::Connection& conn, const Prepared& p, const Actor& actor, std::int64_t id);
    /// File fields may only point at files the actor can see (422 otherwise).
    void check_file_access(storage::Connection& conn, const Actor& actor, const std::vector<FieldWrite>& writes);
    /// API JSON of a record without the fields hidden from the actor.
    nlohmann::json output(const Actor& actor, const Prepared& p, const StoredRecord& record) const;
    void after_write(storage::Transaction& tx, const Prepared& p, const StoredRecord& record, const std::string& event,
                     const Actor& actor, const nlohmann::json& changes, bool search_changed);
    nlohmann::json update_once(const Actor& actor, const Prepared& p, std::int64_t id, RecordInput input,
                               const nlohmann::json& patch, std::optional<std::int64_t> expected_version,
                               bool unconditional);
    /// The input after the type's write hooks normalised `body`, validated again, for
    /// types that have hooks; called inside the write transaction.
    RecordInput hooked_input(const Actor& actor, const Prepared& p, std::optional<std::int64_t> id,
                             const nlohmann::json& old_record, nlohmann::json body);
    nlohmann::json change_state(const Actor& actor, const std::string& type, std::int64_t id, bool archive);

    storage::Database& db_;
    entity::TypeRegistry& registry_;
    const entity::ValueCodec& codec_;
    events::EventBus& events_;
    const Clock& clock_;
    RecordGuard& guard_;
    Options options_;

    void fill_input(const entity::EntityType& type, std::optional<std::int64_t> id, nlohmann::json& body) const;

    std::vector<InputFiller> fillers_;
    WriteHooks hooks_;
    std::mutex layouts_mutex_;
    std::unordered_map<const entity::EntityType*, Prepared> layouts_;
};

}  // namespace orbita::kernel::records
