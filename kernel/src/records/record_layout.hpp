// SPDX-License-Identifier: Apache-2.0
// Where each field of a type sits in a SELECT, and how to read it back as JSON.
#pragma once

#include "entity/entity_type.hpp"
#include "entity/value_codec.hpp"
#include "records/stored_record.hpp"
#include "storage/dialect.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace orbita::kernel::records {

/// The column layout of one entity type for one dialect: the select list, the read
/// kinds and the position of each field's first column. System fields come first
/// (id, version, created_at, created_by, updated_at, updated_by, archived_at).
class RecordLayout {
public:
    RecordLayout(const entity::EntityType& type, const storage::Dialect& dialect);

    const entity::EntityType& type() const { return type_; }
    /// `alias.col1, alias.col2, ...` with dialect conversions, for `SELECT`.
    std::string select_list(const std::string& alias) const;
    const std::vector<storage::ReadKind>& kinds() const { return kinds_; }
    /// Index of the first column of `field` in a row, or -1 for many-valued fields.
    int column_of(const std::string& field) const;

    /// Loads one record (any archive state), links included.
    std::optional<StoredRecord> load(storage::Connection& conn, std::int64_t id) const;
    /// Runs `SELECT <list> FROM table AS t <tail>` and loads links of the rows.
    std::vector<StoredRecord> load_many(storage::Connection& conn, const storage::SqlFragment& tail) const;

    /// The API JSON of a record: every field, plus `_title`. Fields whose `shown[i]` is
    /// 0 are left out, of the title too; an empty `shown` shows every field.
    nlohmann::json to_json(const StoredRecord& record, const entity::ValueCodec& codec,
                           const std::vector<char>& shown = {}) const;
    /// Appends to_json(record) serialised (keys sorted, invalid UTF-8 replaced, as
    /// http::Response::json would write it) without building the JSON tree: the list
    /// and get endpoints spend most of their time there otherwise. Fields whose
    /// `shown[i]` is 0 are left out; an empty `shown` shows every field.
    void write_json(std::string& out, const StoredRecord& record, const entity::ValueCodec& codec,
                    const std::vector<char>& shown) const;
    /// The API JSON of one field of a record.
    nlohmann::json field_json(const StoredRecord& record, const entity::FieldDef& field,
                              const entity::ValueCodec& codec) const;

private:
    void load_links(storage::Connection& conn, std::vector<StoredRecord>& records) const;
    std::string render_title(const StoredRecord& record, const entity::ValueCodec& codec,
                             const std::vector<char>& shown) const;
    nlohmann::json field_json_at(const StoredRecord& record, std::size_t field_index,
                                 const entity::ValueCodec& codec) const;

    // Everything below is derived from the type once instead of on every read: the
    // select list, field positions by index rather than by name, and the parsed title
    // template (it was matched with a std::regex for every record of every list).
    struct TitlePart {
        std::string text;                         // literal text, or
        const entity::FieldDef* field = nullptr;  // a placeholder's field
        std::size_t field_index = 0;
    };
    struct LinkField {
        std::size_t field_index;
        std::string query_head;  // "SELECT record_id, target_id FROM <link table> WHERE record_id IN ("
    };

    const entity::EntityType& type_;
    const storage::Dialect& dialect_;
    std::vector<storage::ReadKind> kinds_;
    std::unordered_map<std::string, int> first_column_;
    std::vector<int> column_by_index_;  // first column of fields()[i], -1 for many-valued
    std::string select_from_;           // "SELECT <list> FROM <table> AS t "
    std::vector<TitlePart> title_;
    /// The output keys in sorted order: `"name":` and the field index (npos: _title).
    std::vector<std::pair<std::string, std::size_t>> sorted_keys_;
    std::vector<LinkField> link_fields_;
};

}  // namespace orbita::kernel::records
