// SPDX-License-Identifier: Apache-2.0
// SQL of the pipelines and stages tables.
#pragma once

#include "automation/pipeline_model.hpp"
#include "storage/connection.hpp"

#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::automation {

/// Reads and writes pipelines and stages on the connection it is given, so callers
/// choose the transaction (admin changes, the stage check inside a record write).
/// Positions are kept dense (0, 1, 2, ...) within a type's pipelines and a pipeline's
/// stages. Checks of business rules live in PipelineAdmin.
class PipelineStore {
public:
    /// Pipelines of `type` with their stages, in order.
    static std::vector<Pipeline> of_type(storage::Connection& conn, const std::string& type);
    static std::optional<Pipeline> find(storage::Connection& conn, std::int64_t id);
    static std::optional<Pipeline> find_key(storage::Connection& conn, const std::string& type, const std::string& key);
    /// The pipeline marked default, else the first one; nullopt when the type has none.
    static std::optional<Pipeline> default_of(storage::Connection& conn, const std::string& type);
    /// The key of default_of(), in one query.
    static std::optional<std::string> default_key(storage::Connection& conn, const std::string& type);
    /// The pipeline holding stage `stage_id` (with all its stages), or nullopt.
    static std::optional<Pipeline> of_stage(storage::Connection& conn, std::int64_t stage_id);
    /// The ids of pipeline `key` of `type` and of its stage `stage_key`, when both exist.
    /// On PostgreSQL the stage row is share-locked until the transaction ends, so the
    /// stage cannot be deleted under a record that is entering it.
    static std::optional<std::pair<std::int64_t, std::int64_t>> locate(storage::Connection& conn, const std::string& type,
                                                                        const std::string& key, const std::string& stage_key);
    static bool type_has_pipelines(storage::Connection& conn, const std::string& type);

    static std::int64_t insert_pipeline(storage::Connection& conn, const Pipeline& p, std::int64_t now_ms);
    static void rename_pipeline(storage::Connection& conn, std::int64_t id, const std::string& name, std::int64_t now_ms);
    /// Makes `id` the default of its type (and no other).
    static void set_default(storage::Connection& conn, const std::string& type, std::int64_t id);
    static void delete_pipeline(storage::Connection& conn, const Pipeline& p);

    /// Inserts `s` at `s.position` (clamped), shifting the stages after it.
    static std::int64_t insert_stage(storage::Connection& conn, Stage s);
    static void update_stage(storage::Connection& conn, const Stage& s);
    /// Renumbers the stages of a pipeline in the order given (every stage exactly once).
    static void reorder_stages(storage::Connection& conn, const std::vector<std::int64_t>& ids);
    static void delete_stage(storage::Connection& conn, const Stage& s);

    /// Records of `type` (archived ones included) in pipeline `key`, or in its stage
    /// `stage_key` when given. For a type without a pipeline field every record counts
    /// as in its one pipeline.
    static std::int64_t count_records(storage::Connection& conn, const entity::EntityType& type, const std::string& key,
                                      const std::optional<std::string>& stage_key);
};

}  // namespace orbita::kernel::automation
