// SPDX-License-Identifier: Apache-2.0
#include "records/record_layout.hpp"

#include "entity/schema_sync.hpp"

#include <regex>

namespace orbita::kernel::records {

using entity::FieldDef;
using storage::SqlFragment;

RecordLayout::RecordLayout(const entity::EntityType& type, const storage::Dialect& dialect)
    : type_(type), dialect_(dialect) {
    for (const auto& f : type.fields()) {
        auto cols = entity::columns_of(f.name, f.type);
        if (cols.empty()) {
            first_column_[f.name] = -1;
            continue;
        }
        first_column_[f.name] = static_cast<int>(kinds_.size());
        for (const auto& c : cols) {
            select_columns_.push_back(c.name);
            kinds_.push_back(storage::read_kind(c.type));
        }
    }
}

std::string RecordLayout::select_list(const std::string& alias) const {
    std::string out;
    std::size_t i = 0;
    for (const auto& f : type_.fields()) {
        for (const auto& c : entity::columns_of(f.name, f.type)) {
            if (i++) out += ", ";
            out += dialect_.select_expr(alias + "." + dialect_.quote(c.name), c.type);
        }
    }
    return out;
}

int RecordLayout::column_of(const std::string& field) const {
    auto it = first_column_.find(field);
    return it == first_column_.end() ? -1 : it->second;
}

std::optional<StoredRecord> RecordLayout::load(storage::Connection& conn, std::int64_t id) const {
    auto rows = load_many(conn, SqlFragment("WHERE t.\"id\" = ").bind(id));
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

std::vector<StoredRecord> RecordLayout::load_many(storage::Connection& conn, const SqlFragment& tail) const {
    SqlFragment query("SELECT " + select_list("t") + " FROM " + dialect_.quote(type_.table()) + " AS t ");
    query.append(tail);
    std::vector<StoredRecord> records;
    for (auto& row : conn.query(query, kinds_)) records.push_back(StoredRecord{std::move(row), {}});
    load_links(conn, records);
    return records;
}

void RecordLayout::load_links(storage::Connection& conn, std::vector<StoredRecord>& records) const {
    if (records.empty()) return;
    for (const auto& f : type_.fields()) {
        if (!entity::is_multi_valued(f.type)) continue;
        SqlFragment q("SELECT record_id, target_id FROM " + dialect_.quote(entity::SchemaSync::link_table(type_, f)) +
                      " WHERE record_id IN (");
        std::unordered_map<std::int64_t, StoredRecord*> by_id;
        for (std::size_t i = 0; i < records.size(); ++i) {
            if (i) q.sql(", ");
            q.bind(records[i].id());
            by_id[records[i].id()] = &records[i];
            records[i].links[f.name];  // present even when empty
        }
        q.sql(") ORDER BY record_id, position");
        for (auto& row : conn.query(q, {storage::ReadKind::Int, storage::ReadKind::Int})) {
            by_id[std::get<std::int64_t>(row[0])]->links[f.name].push_back(std::get<std::int64_t>(row[1]));
        }
    }
}

nlohmann::json RecordLayout::field_json(const StoredRecord& record, const FieldDef& field,
                                        const entity::ValueCodec& codec) const {
    int col = column_of(field.name);
    if (col < 0) {
        auto it = record.links.find(field.name);
        return it == record.links.end() ? nlohmann::json::array() : nlohmann::json(it->second);
    }
    return codec.encode(field, record.row, static_cast<std::size_t>(col));
}

std::string RecordLayout::render_title(const StoredRecord& record, const entity::ValueCodec& codec) const {
    if (type_.title_template.empty()) return type_.name() + " #" + std::to_string(record.id());
    static const std::regex placeholder(R"(\{([a-z0-9_]+)\})");
    std::string out;
    std::string::const_iterator last = type_.title_template.begin();
    const std::string& tpl = type_.title_template;
    for (auto it = std::sregex_iterator(tpl.begin(), tpl.end(), placeholder); it != std::sregex_iterator(); ++it) {
        out.append(last, tpl.begin() + it->position());
        last = tpl.begin() + it->position() + it->length();
        const FieldDef* f = type_.field((*it)[1].str());
        if (!f) continue;
        auto value = field_json(record, *f, codec);
        if (value.is_string()) {
            out += value.get<std::string>();
        } else if (value.is_object() && value.contains("e164")) {
            out += value["e164"].get<std::string>();
        } else if (!value.is_null()) {
            out += value.dump();
        }
    }
    out.append(last, tpl.end());
    // Collapse the gaps left by empty fields ("Ivanov  Ivan" -> "Ivanov Ivan").
    std::string trimmed;
    for (char c : out) {
        if (c == ' ' && (trimmed.empty() || trimmed.back() == ' ')) continue;
        trimmed += c;
    }
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
    return trimmed.empty() ? type_.name() + " #" + std::to_string(record.id()) : trimmed;
}

nlohmann::json RecordLayout::to_json(const StoredRecord& record, const entity::ValueCodec& codec) const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& f : type_.fields()) j[f.name] = field_json(record, f, codec);
    j["_title"] = render_title(record, codec);
    return j;
}

}  // namespace orbita::kernel::records
